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
  if (config.envVariables !== undefined && !isPlainObject(config.envVariables))
    problems.push(`"envVariables" must be an object of strings`);
  for (const [key, declared] of Object.entries(isPlainObject(config.envVariables) ? config.envVariables : {})) {
    if (!ENV_KEY.test(key)) problems.push(`envVariables: "${key}" is not a valid variable name`);
    if (!['string', 'number', 'boolean'].includes(typeof declared))
      problems.push(`envVariables.${key} must be a string, got ${show(declared)}`);
    const value = env[key] !== undefined ? String(env[key]) : String(declared);
    if (value === '') warnings.push(`${key} is empty: not sent (set ${key} in the deploying shell to give it a value)`);
    else envVariables[key] = value;
  }

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
    warnings.push(`permissions.openapi (${openapi.join(', ')}) is not applied by this script: upload the function once from WeChat DevTools`);

  if (problems.length) throw new DeployConfigError(source, problems);
  const func = { name, handler: HANDLER, runtime, timeout, installDependency: true, ignore: [...FUNCTION_IGNORE], envVariables };
  if (config.memorySize !== undefined) func.memorySize = config.memorySize;
  if (triggers && triggers.length) func.triggers = triggers;
  return { func, openapi, warnings };
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

/**
 * The ordered steps that bring a CloudBase environment to the configuration: each collection (create, its indexes,
 * its security rule), then each function. Throws DeployConfigError on invalid configuration.
 * @param {{ collectionsConfig: unknown, functions: { name: string, config?: unknown }[], env?: Record<string, string | undefined> }} input
 */
function planDeployment({ collectionsConfig, functions, env = {} }) {
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
  if (!Array.isArray(functions)) throw new DeployConfigError('cloudfunctions', ['expected a list of functions']);
  for (const fn of functions) {
    const { func, openapi, warnings } = toCloudFunction(fn, env);
    const step = { kind: 'deployFunction', name: func.name, func, openapi };
    if (warnings.length) step.warnings = warnings;
    steps.push(step);
  }
  return steps;
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
    case 'deployFunction': {
      const f = step.func;
      const vars = Object.keys(f.envVariables);
      return (
        `deploy function ${f.name} (${f.runtime}, timeout ${f.timeout}s, ${f.handler}` +
        `${vars.length ? `, env ${vars.join(', ')}` : ''}${f.triggers ? `, ${f.triggers.length} trigger(s)` : ''})`
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
    case 'deployFunction':
      await manager.functions.createFunction({ func: step.func, functionRootPath, force: true });
      return 'deployed';
    default:
      throw new Error(`unknown step ${JSON.stringify(step)}`);
  }
}

/**
 * Runs the steps in order. A failed createCollection skips that collection's other steps; any other failure is
 * reported and the rest still run. Returns one result per step.
 * @param {ReturnType<typeof planDeployment>} steps
 * @param {any} manager an @cloudbase/manager-node CloudBase instance (or a stand-in with the same methods)
 * @param {{ envId: string, functionRootPath: string, log?: (line: string) => void }} options
 */
async function executePlan(steps, manager, { envId, functionRootPath, log = () => {} }) {
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
  DeployConfigError,
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
