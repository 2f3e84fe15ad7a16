// The pure half of `npm run deploy`: reads the configuration as code (database/collections.json and each
// cloudfunctions/<name>/config.json), validates it, turns it into an ordered list of steps, and runs those steps
// against an injected @cloudbase/manager-node instance. scripts/deploy.mjs is the command line around it.
// Types: deploy-plan.d.cts. Tests: deploy-plan.test.ts.
//
// CloudBase shapes used here (checked against @cloudbase/manager-node 5.6 and its documentation):
//   database.createCollectionIfNotExists(name)                      → { IsCreated, ExistsResult }
//   database.describeCollection(name)                               → { Indexes: [{ Name, Keys: [{ Name, Direction }], Unique }] }
//   database.updateCollection(name, { CreateIndexes: [{ IndexName, MgoKeySchema: { MgoIndexKeys: [{ Name, Direction }], MgoIsUnique } }] })
//     Direction is a string: "1", "-1", or "2dsphere" for a geo index.
//   commonService('tcb', '2018-06-08').call({ Action: 'ModifySafeRule', Param: { EnvId, CollectionName, AclTag: 'CUSTOM', Rule } })
//     Rule is the security rule as a JSON string (tcb API 2018-06-08, ModifySafeRule).
//   functions.createFunction({ func, functionRootPath, force: true }) creates the function, or with force updates
//     the code, then the configuration, then the triggers of an existing one. The runtime is only set at creation.
//     Environment variables are sent only when there is at least one, and then replace the function's whole set:
//     so empty ones are left out, and a value set in the CloudBase console survives only while none is sent.
//     That is why a function holding personal-data keys is never deployed with any of them empty (refusalOf).
//     permissions.openapi is not part of it: only a WeChat DevTools upload applies it (checkOpenApi finds out).
//   storage.getStorageAcl() / storage.setStorageAcl('ADMINONLY')     tcb DescribeStorageACL / ModifyStorageACL
//     READONLY (the default: anyone reads, creator writes), PRIVATE (creator and admins), ADMINWRITE, ADMINONLY.
//   functions.invokeFunction(name, event)                            → { RetMsg: JSON of the answer, ErrMsg, Log }
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** Runtime of new functions; scripts/build.mjs targets node16, so Nodejs16.13 would work as well. */
const DEFAULT_RUNTIME = 'Nodejs18.15';
/** Runtimes CloudBase lists for Node.js event functions (a function's runtime cannot change after creation). */
const NODE_RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19', 'Nodejs22.21', 'Nodejs24.11'];
/** Seconds; CloudBase's default when config.json says nothing (the emulator uses the same). */
const DEFAULT_TIMEOUT = 3;
const MAX_TIMEOUT = 60;
const HANDLER = 'index.main';
/** Only the esbuild bundle index.js, package.json and config.json are uploaded; dependencies install in the cloud. */
const FUNCTION_IGNORE = ['**/*.ts', 'node_modules', 'node_modules/**/*'];
const RULE_OPERATIONS = ['read', 'write', 'create', 'update', 'delete'];
const RULE_EXPRESSION_MAX = 1024; // characters per expression, CloudBase's limit
/** Storage permission: no client reads or writes a file; functions hand out expiring temporary links. */
const STORAGE_ACL = 'ADMINONLY';
/**
 * Variables holding the personal-data keys (cloudfunctions/_shared/crypto.ts). A function that declares one of them
 * encrypts or looks up ID and phone numbers, and deployed without them it can read none that are stored.
 */
const PERSONAL_DATA_KEYS = ['ZY_DATA_KEYS', 'ZY_DATA_KEY_ID', 'ZY_HASH_KEY'];
/** WeChat's answer to an open-API call the function has no permission for. */
const NO_OPENAPI_PERMISSION = -604101;
/**
 * The event checkOpenApi sends (no action, no caller): the function's action frame answers it by calling each API its
 * config.json declares with a deliberately invalid request and reporting WeChat's errCode for each, as
 * { ok: true, data: { openapi: [{ api, errCode, errMsg }] } }. Any errCode but -604101 means the call was allowed.
 */
const OPENAPI_PROBE_EVENT = Object.freeze({ probe: 'openapi' });
const DIRECTIONS = new Map([
  [1, '1'],
  [-1, '-1'],
  ['2dsphere', '2dsphere'],
]);

class DeployConfigError extends Error {
  /** @param {string} source @param {string[]} problems */
  constructor(source, problems) {
    super(`${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeployConfigError';
    this.problems = problems;
  }
}

const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v) => (v === undefined ? 'undefined' : JSON.stringify(v));

// ---------------------------------------------------------------------------------------------------------------
// Database

/** The CloudBase (flexdb UpdateTable) shape of one declared index. */
function toCloudBaseIndex(index) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: DIRECTIONS.get(k.direction) })),
      MgoIsUnique: index.unique === true,
    },
  };
}

function checkIndex(index, where, position, problems) {
  if (!isPlainObject(index)) {
    problems.push(`${where}, index ${position}: an index must be an object, got ${show(index)}`);
    return;
  }
  const named = typeof index.name === 'string' && index.name.trim() !== '';
  const label = named ? `${where}, index "${index.name}"` : `${where}, index ${position}`;
  if (!named) problems.push(`${label}: index has no name`);
  else if (index.name === '_id_') problems.push(`${label}: "_id_" is the built-in _id index and cannot be declared`);
  if (index.unique !== undefined && typeof index.unique !== 'boolean')
    problems.push(`${label}: "unique" must be true or false, got ${show(index.unique)}`);
  if (!Array.isArray(index.keys) || index.keys.length === 0) {
    problems.push(`${label}: index has no keys (expected keys: [{ field, direction }])`);
    return;
  }
  const fields = new Set();
  index.keys.forEach((key, k) => {
    if (!isPlainObject(key)) {
      problems.push(`${label}: key ${k} must be an object { field, direction }, got ${show(key)}`);
      return;
    }
    if (typeof key.field !== 'string' || !key.field.trim()) problems.push(`${label}: key ${k} has no field`);
    else if (fields.has(key.field)) problems.push(`${label}: field "${key.field}" appears twice`);
    else fields.add(key.field);
    if (!DIRECTIONS.has(key.direction))
      problems.push(`${label}: key ${k} ("${key.field}") has unknown direction ${show(key.direction)} (expected 1, -1 or "2dsphere")`);
  });
}

function checkRules(rules, where, problems) {
  if (rules === undefined) {
    problems.push(`${where}: no "rules" (write {"read": false, "write": false} to keep clients out)`);
    return;
  }
  if (!isPlainObject(rules)) {
    problems.push(`${where}: "rules" must be a JSON security-rule object, got ${show(rules)}`);
    return;
  }
  const keys = Object.keys(rules);
  if (keys.length === 0) problems.push(`${where}: "rules" is empty`);
  for (const op of keys) {
    const value = rules[op];
    if (!RULE_OPERATIONS.includes(op))
      problems.push(`${where}: rules has unknown operation "${op}" (expected ${RULE_OPERATIONS.join(', ')})`);
    else if (typeof value === 'string') {
      if (!value.trim()) problems.push(`${where}: rules.${op} is an empty expression`);
      else if (value.length > RULE_EXPRESSION_MAX)
        problems.push(`${where}: rules.${op} is ${value.length} characters long (CloudBase allows ${RULE_EXPRESSION_MAX})`);
    } else if (typeof value !== 'boolean')
      problems.push(`${where}: rules.${op} must be true, false or an expression string, got ${show(value)}`);
  }
}

/**
 * Checks database/collections.json and returns its collections; throws DeployConfigError listing every problem.
 * @param {unknown} config parsed collections.json
 */
function validateCollectionsConfig(config, source = 'database/collections.json') {
  const problems = [];
  if (!isPlainObject(config) || !Array.isArray(config.collections))
    throw new DeployConfigError(source, ['expected { "collections": [ ... ] }']);
  const names = new Set();
  config.collections.forEach((c, i) => {
    if (!isPlainObject(c)) {
      problems.push(`collections[${i}] must be an object, got ${show(c)}`);
      return;
    }
    const where = typeof c.name === 'string' && c.name ? `collection "${c.name}"` : `collections[${i}]`;
    if (typeof c.name !== 'string' || !c.name.trim()) problems.push(`${where}: collection has no name`);
    else if (names.has(c.name)) problems.push(`${where}: declared twice`);
    else names.add(c.name);
    if (c.indexes !== undefined && !Array.isArray(c.indexes)) problems.push(`${where}: "indexes" must be an array`);
    const indexNames = new Set();
    (Array.isArray(c.indexes) ? c.indexes : []).forEach((ix, j) => {
      checkIndex(ix, where, j, problems);
      if (isPlainObject(ix) && typeof ix.name === 'string' && ix.name) {
        if (indexNames.has(ix.name)) problems.push(`${where}: duplicate index name "${ix.name}"`);
        indexNames.add(ix.name);
      }
    });
    checkRules(c.rules, where, problems);
  });
  if (problems.length) throw new DeployConfigError(source, problems);
  return config.collections;
}

// ---------------------------------------------------------------------------------------------------------------
// Functions

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$|^[A-Za-z]$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks one function's config.json and returns the CloudBase function description (manager-node's ICloudFunction),
 * with each envVariables value taken from `env[KEY]` when the deploying shell sets it.
 */
function toCloudFunction(fn, env = {}) {
  const problems = [];
  const warnings = [];
  const name = fn && fn.name;
  const source = `cloudfunctions/${name}/config.json`;
  const config = fn && fn.config === undefined ? {} : fn && fn.config;
  if (typeof name !== 'string' || !FUNCTION_NAME.test(name))
    throw new DeployConfigError(`cloudfunctions/${name}`, [`${show(name)} is not a valid function name (letters, digits, - and _, starting with a letter)`]);
  if (!isPlainObject(config)) throw new DeployConfigError(source, ['expected a JSON object']);

  let timeout = DEFAULT_TIMEOUT;
  if (config.timeout !== undefined) {
    if (!Number.isInteger(config.timeout) || config.timeout < 1 || config.timeout > MAX_TIMEOUT)
      problems.push(`"timeout" must be a whole number of seconds from 1 to ${MAX_TIMEOUT}, got ${show(config.timeout)}`);
    else timeout = config.timeout;
  }

  let runtime = DEFAULT_RUNTIME;
  if (config.runtime !== undefined) {
    if (!NODE_RUNTIMES.includes(config.runtime))
      problems.push(`"runtime" must be one of ${NODE_RUNTIMES.join(', ')}, got ${show(config.runtime)}`);
    else runtime = config.runtime;
  }

  const envVariables = {};
  const missingKeys = [];
  const emptyVariables = [];
  if (config.envVariables !== undefined && !isPlainObject(config.envVariables))
    problems.push(`"envVariables" must be an object of strings`);
  for (const [key, declared] of Object.entries(isPlainObject(config.envVariables) ? config.envVariables : {})) {
    if (!ENV_KEY.test(key)) problems.push(`envVariables: "${key}" is not a valid variable name`);
    if (!['string', 'number', 'boolean'].includes(typeof declared))
      problems.push(`envVariables.${key} must be a string, got ${show(declared)}`);
    const value = env[key] !== undefined ? String(env[key]) : String(declared);
    if (value !== '') envVariables[key] = value;
    else if (PERSONAL_DATA_KEYS.includes(key)) missingKeys.push(key);
    else emptyVariables.push(key);
  }
  const sendsVariables = Object.keys(envVariables).length > 0;
  for (const key of emptyVariables)
    warnings.push(
      sendsVariables
        ? `${key} is empty: not sent, and as other variables are, a value set in the console is removed (set ${key} in the deploying shell to keep one)`
        : `${key} is empty: not sent (no variable is sent, so values set in the console stay)`,
    );

  if (config.memorySize !== undefined && ![128, 256, 512, 1024, 2048].includes(config.memorySize))
    problems.push(`"memorySize" must be 128, 256, 512, 1024 or 2048 (MB), got ${show(config.memorySize)}`);

  let triggers;
  if (config.triggers !== undefined) {
    if (!Array.isArray(config.triggers)) problems.push(`"triggers" must be an array`);
    else {
      triggers = config.triggers.map((t, i) => {
        if (!isPlainObject(t) || typeof t.name !== 'string' || !t.name || t.type !== 'timer' || typeof t.config !== 'string' || !t.config)
          problems.push(`triggers[${i}] must be { "name", "type": "timer", "config": "<7-field cron>" }, got ${show(t)}`);
        return isPlainObject(t) ? { name: t.name, type: t.type, config: t.config } : t;
      });
    }
  }

  let openapi = [];
  const permissions = config.permissions;
  if (permissions !== undefined) {
    if (!isPlainObject(permissions) || (permissions.openapi !== undefined && !Array.isArray(permissions.openapi)))
      problems.push(`"permissions" must look like { "openapi": ["wxacode.get", ...] }`);
    else openapi = permissions.openapi || [];
  }
  if (openapi.length)
    warnings.push(
      `permissions.openapi (${openapi.join(', ')}) is applied only by a WeChat DevTools upload, not by this script: ` +
        `upload ${name} once from DevTools; the check at the end tells whether it took`,
    );

  if (problems.length) throw new DeployConfigError(source, problems);
  const func = { name, handler: HANDLER, runtime, timeout, installDependency: true, ignore: [...FUNCTION_IGNORE], envVariables };
  if (config.memorySize !== undefined) func.memorySize = config.memorySize;
  if (triggers && triggers.length) func.triggers = triggers;
  return { func, openapi, warnings, missingKeys };
}

/**
 * The function folders under `functionsDir` that scripts/build.mjs builds: not starting with `_`, holding an index.ts.
 * @returns {{ name: string, config: unknown, built: boolean }[]}
 */
function loadFunctions(functionsDir) {
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const configFile = path.join(functionsDir, name, 'config.json');
      let config = {};
      if (fs.existsSync(configFile)) {
        try {
          config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
        } catch (e) {
          throw new DeployConfigError(`cloudfunctions/${name}/config.json`, [`not valid JSON: ${e.message}`]);
        }
      }
      return { name, config, built: fs.existsSync(path.join(functionsDir, name, 'index.js')) };
    });
}

/** @returns {unknown} parsed database/collections.json */
function loadCollectionsConfig(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeployConfigError(path.basename(path.dirname(file)) + '/' + path.basename(file), [e.message]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Plan

/** Which steps `--only=<part>` keeps: database, storage, functions, or one function (its deploy and its check). */
function inPart(step, only) {
  if (only === undefined) return true;
  if (only === 'database') return step.kind === 'createCollection' || step.kind === 'createIndex' || step.kind === 'setRule';
  if (only === 'storage') return step.kind === 'setStorageAcl' || step.kind === 'uploadFont';
  const isFunctionStep = step.kind === 'deployFunction' || step.kind === 'checkOpenApi';
  return isFunctionStep && (only === 'functions' || step.name === only);
}

/**
 * The ordered steps that bring a CloudBase environment to the configuration: each collection (create, its indexes,
 * its security rule), the storage permission, each function, and last a check of each function's open-API
 * permissions. `only` keeps one part. Throws DeployConfigError on invalid configuration; a function whose key
 * variables are empty is planned with `missingKeys`, which refusalOf reports and executePlan refuses.
 * @param {{ collectionsConfig: unknown, functions: { name: string, config?: unknown }[], env?: Record<string, string | undefined>, only?: string }} input
 */
function planDeployment({ collectionsConfig, functions, env = {}, only, fonts = [] }) {
  const steps = [];
  for (const c of validateCollectionsConfig(collectionsConfig)) {
    steps.push({ kind: 'createCollection', collection: c.name });
    for (const ix of c.indexes || []) {
      const step = { kind: 'createIndex', collection: c.name, index: ix.name, unique: ix.unique === true, createIndex: toCloudBaseIndex(ix) };
      const geo = ix.keys.findIndex((k) => k.direction === '2dsphere');
      if (geo > 0) step.warnings = [`the 2dsphere key "${ix.keys[geo].field}" is not first; CloudBase documents geo keys first`];
      steps.push(step);
    }
    steps.push({ kind: 'setRule', collection: c.name, aclTag: 'CUSTOM', rule: JSON.stringify(c.rules) });
  }
  steps.push({ kind: 'setStorageAcl', acl: STORAGE_ACL });
  // The certificate function's fonts (cloudfunctions/certificate/pdf/fonts.json): too big for its package.
  for (const font of fonts) steps.push({ kind: 'uploadFont', cloudPath: font.cloudPath, localPath: font.localPath });
  if (!Array.isArray(functions)) throw new DeployConfigError('cloudfunctions', ['expected a list of functions']);
  const checks = [];
  for (const fn of functions) {
    const { func, openapi, warnings, missingKeys } = toCloudFunction(fn, env);
    const step = { kind: 'deployFunction', name: func.name, func, openapi };
    if (missingKeys.length) step.missingKeys = missingKeys;
    if (warnings.length) step.warnings = warnings;
    steps.push(step);
    if (openapi.length) checks.push({ kind: 'checkOpenApi', name: func.name, apis: [...openapi] });
  }
  steps.push(...checks);

  const parts = ['database', 'storage', 'functions', ...functions.map((f) => f.name)];
  if (only !== undefined && !parts.includes(only))
    throw new DeployConfigError(`--only=${only}`, [`expected one of ${parts.join(', ')}`]);
  return steps.filter((s) => inPart(s, only));
}

/**
 * Why these steps must not run, or undefined when they may: a function that handles personal data would be sent
 * with some of its key variables empty. CloudBase replaces a function's whole variable set, so the keys already in
 * the cloud would be removed and every stored ID and phone number become unreadable.
 */
function refusalOf(steps) {
  const blocked = steps.filter((s) => s.kind === 'deployFunction' && s.missingKeys && s.missingKeys.length);
  if (!blocked.length) return undefined;
  return [
    'these functions handle personal data and their key variables are empty in this shell:',
    ...blocked.map((s) => `  ${s.name}: ${s.missingKeys.join(', ')}`),
    "CloudBase replaces a function's whole set of environment variables on every deploy: sending the others would remove",
    'the keys already set in the cloud, and every stored ID and phone number would become unreadable.',
    'Export the values this environment already uses (README → Deploying to CloudBase, step 3) and run again,',
    `or deploy the other parts alone (--only=database, --only=storage or --only=<function>).`,
  ].join('\n');
}

class DeployRefused extends Error {
  constructor(message) {
    super(message);
    this.name = 'DeployRefused';
  }
}

/** One line per step, for --dry-run and progress output. */
function describeStep(step) {
  switch (step.kind) {
    case 'createCollection':
      return `create collection ${step.collection} (if missing)`;
    case 'createIndex': {
      const keys = step.createIndex.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}: ${k.Direction}`).join(', ');
      return `create ${step.unique ? 'unique ' : ''}index ${step.collection}.${step.index} { ${keys} } (if missing)`;
    }
    case 'setRule':
      return `set security rule of ${step.collection}: ${step.rule}`;
    case 'setStorageAcl':
      return (
        `set storage permission to private (${step.acl}: only cloud functions and the console read or write files; ` +
        `people get a file only through an expiring temporary link)`
      );
    case 'uploadFont':
      return `upload ${step.cloudPath} (the certificate PDF's font; set ZY_FONTS_FOLDER to the file ID of its folder)`;
    case 'checkOpenApi':
      return `check the open-API permissions of ${step.name}: ${step.apis.join(', ')} (invokes it with ${JSON.stringify(OPENAPI_PROBE_EVENT)})`;
    case 'deployFunction': {
      const f = step.func;
      const vars = Object.keys(f.envVariables);
      return (
        `deploy function ${f.name} (${f.runtime}, timeout ${f.timeout}s, ${f.handler}` +
        `${vars.length ? `, env ${vars.join(', ')}` : ''}${f.triggers ? `, ${f.triggers.length} trigger(s)` : ''})` +
        `${step.missingKeys ? ` — refused: ${step.missingKeys.join(', ')} empty` : ''}`
      );
    }
    default:
      return JSON.stringify(step);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// cloudbaserc.json (for `tcb fn deploy`): what its functions entries should say, so a test keeps it in step.

function cloudbasercFunction(fn) {
  const { func } = toCloudFunction(fn);
  const declared = isPlainObject(fn.config) && isPlainObject(fn.config.envVariables) ? fn.config.envVariables : {};
  const entry = {
    name: func.name,
    timeout: func.timeout,
    runtime: func.runtime,
    installDependency: true,
    handler: func.handler,
    ignore: [...FUNCTION_IGNORE],
    envVariables: Object.fromEntries(Object.keys(declared).map((k) => [k, `{{env.${k}}}`])),
  };
  if (func.memorySize !== undefined) entry.memorySize = func.memorySize;
  if (func.triggers) entry.triggers = func.triggers;
  return entry;
}

// ---------------------------------------------------------------------------------------------------------------
// Execution against @cloudbase/manager-node

function commonService(manager) {
  // manager-node ≥ 3 has commonService(service, version); older releases a `commonService` property (tcb).
  return typeof manager.commonService === 'function' ? manager.commonService('tcb', '2018-06-08') : manager.commonService;
}

function sameIndex(existing, wanted) {
  const keys = (existing.Keys || []).map((k) => `${k.Name}:${String(k.Direction)}`).join(',');
  const want = wanted.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(',');
  return keys === want && String(existing.Unique) === String(wanted.MgoKeySchema.MgoIsUnique);
}

/**
 * What the open-API probe's answer says, in plain words: ok only when every declared API was allowed.
 * @param {string} name the function
 * @param {string[]} apis what its config.json declares
 * @param {{ RetMsg?: string, ErrMsg?: string }} invoked manager-node's invokeFunction result
 */
function openApiVerdict(name, apis, invoked) {
  const noPermission = (api) =>
    `${api}: no permission (${NO_OPENAPI_PERMISSION}). CloudBase applies config.json's permissions.openapi only when ` +
    `the function is uploaded from WeChat DevTools (right-click cloudfunctions/${name} → 上传并部署：云端安装依赖), ` +
    `not through manager-node or the CLI. Upload it there once, wait about 10 minutes (the permission is cached), ` +
    `then run node scripts/deploy.mjs --only=${name}`;
  const errMsg = invoked && invoked.ErrMsg ? String(invoked.ErrMsg) : '';
  if (errMsg) {
    if (errMsg.includes(String(NO_OPENAPI_PERMISSION))) return { ok: false, detail: apis.map(noPermission).join('; ') };
    return { ok: false, detail: `${name} failed while probing its open APIs: ${errMsg}` };
  }
  let answer;
  try {
    answer = JSON.parse(invoked && invoked.RetMsg ? invoked.RetMsg : 'null');
  } catch {
    answer = undefined;
  }
  const probed = answer && answer.ok === true && answer.data && Array.isArray(answer.data.openapi) ? answer.data.openapi : undefined;
  if (!probed) {
    const code = answer && answer.ok === false && answer.error ? ` (it answered ${answer.error.code})` : '';
    return {
      ok: false,
      detail:
        `${name} does not answer the open-API probe${code}, so its permissions for ${apis.join(', ')} are unchecked: ` +
        `use the feature once in the mini-program; ${NO_OPENAPI_PERMISSION} in the function's log means no permission ` +
        `(upload ${name} from WeChat DevTools)`,
    };
  }
  const lines = [];
  let ok = true;
  for (const api of apis) {
    const result = probed.find((r) => r && r.api === api);
    if (!result || typeof result.errCode !== 'number') {
      ok = false;
      lines.push(`${api}: not probed by ${name}`);
    } else if (result.errCode === NO_OPENAPI_PERMISSION) {
      ok = false;
      lines.push(noPermission(api));
    } else {
      lines.push(`${api}: allowed (WeChat answered ${result.errCode} to the probe's deliberately invalid request)`);
    }
  }
  return { ok, detail: lines.join('; ') };
}

async function runStep(step, manager, { envId, functionRootPath }) {
  switch (step.kind) {
    case 'createCollection': {
      const res = await manager.database.createCollectionIfNotExists(step.collection);
      return res && res.IsCreated ? 'created' : 'already there';
    }
    case 'createIndex': {
      const info = await manager.database.describeCollection(step.collection);
      const existing = ((info && info.Indexes) || []).find((ix) => ix.Name === step.index);
      if (existing) {
        if (sameIndex(existing, step.createIndex)) return 'already there';
        throw new Error(
          `index ${step.collection}.${step.index} exists with different keys or uniqueness ` +
            `(${JSON.stringify(existing.Keys)}, unique ${existing.Unique}); not replaced automatically: ` +
            `drop it in the CloudBase console or give the new index another name`,
        );
      }
      await manager.database.updateCollection(step.collection, { CreateIndexes: [step.createIndex] });
      return 'created';
    }
    case 'setRule':
      await commonService(manager).call({
        Action: 'ModifySafeRule',
        Param: { EnvId: envId, CollectionName: step.collection, AclTag: step.aclTag, Rule: step.rule },
      });
      return 'set';
    case 'setStorageAcl': {
      const before = await manager.storage.getStorageAcl();
      if (before !== step.acl) await manager.storage.setStorageAcl(step.acl);
      const after = before === step.acl ? before : await manager.storage.getStorageAcl();
      if (after !== step.acl) throw new Error(`storage permission is still ${after} after setting ${step.acl}`);
      return before === step.acl
        ? `already private (${step.acl})`
        : `now private (${step.acl}; was ${before}): files are no longer readable through public links`;
    }
    case 'uploadFont':
      await manager.storage.uploadFile({ localPath: step.localPath, cloudPath: step.cloudPath });
      return 'uploaded';
    case 'deployFunction':
      await manager.functions.createFunction({ func: step.func, functionRootPath, force: true });
      return 'deployed';
    case 'checkOpenApi': {
      let invoked;
      try {
        invoked = await manager.functions.invokeFunction(step.name, { ...OPENAPI_PROBE_EVENT });
      } catch (e) {
        invoked = { ErrMsg: e && e.message ? e.message : String(e) };
      }
      const verdict = openApiVerdict(step.name, step.apis, invoked);
      if (!verdict.ok) throw new Error(verdict.detail);
      return verdict.detail;
    }
    default:
      throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
}

/**
 * Runs the steps in order. A failed createCollection skips that collection's other steps; any other failure is
 * reported and the rest still run. Returns one result per step. Rejects with DeployRefused, before any call, when
 * refusalOf(steps) objects.
 * @param {ReturnType<typeof planDeployment>} steps
 * @param {any} manager an @cloudbase/manager-node CloudBase instance (or a stand-in with the same methods)
 * @param {{ envId: string, functionRootPath: string, log?: (line: string) => void }} options
 */
async function executePlan(steps, manager, { envId, functionRootPath, log = () => {} }) {
  const refusal = refusalOf(steps);
  if (refusal) throw new DeployRefused(`refusing to deploy: ${refusal}`);
  const results = [];
  const failedCollections = new Set();
  for (const step of steps) {
    const label = describeStep(step);
    if (step.collection && step.kind !== 'createCollection' && failedCollections.has(step.collection)) {
      results.push({ step, status: 'skipped', detail: `collection ${step.collection} could not be created` });
      log(`- skipped  ${label}`);
      continue;
    }
    try {
      const detail = await runStep(step, manager, { envId, functionRootPath });
      results.push({ step, status: 'ok', detail });
      log(`✓ ${label}: ${detail}`);
    } catch (e) {
      if (step.kind === 'createCollection') failedCollections.add(step.collection);
      const detail = e && e.message ? e.message : String(e);
      results.push({ step, status: 'failed', detail });
      log(`✗ ${label}: ${detail}`);
    }
  }
  return results;
}

module.exports = {
  DEFAULT_RUNTIME,
  DEFAULT_TIMEOUT,
  FUNCTION_IGNORE,
  STORAGE_ACL,
  PERSONAL_DATA_KEYS,
  NO_OPENAPI_PERMISSION,
  OPENAPI_PROBE_EVENT,
  DeployConfigError,
  DeployRefused,
  refusalOf,
  openApiVerdict,
  validateCollectionsConfig,
  toCloudBaseIndex,
  toCloudFunction,
  loadFunctions,
  loadCollectionsConfig,
  planDeployment,
  describeStep,
  cloudbasercFunction,
  executePlan,
};
