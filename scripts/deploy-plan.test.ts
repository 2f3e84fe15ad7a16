// The deployment plan (scripts/deploy-plan.cjs): configuration as code → CloudBase steps, and their execution
// against a stand-in for @cloudbase/manager-node that records every call.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DeployConfigError,
  DeployRefused,
  FUNCTION_IGNORE,
  OPENAPI_PROBE_EVENT,
  cloudbasercFunction,
  describeStep,
  executePlan,
  loadCollectionsConfig,
  loadFunctions,
  openApiVerdict,
  planDeployment,
  refusalOf,
  type FunctionSource,
  type Step,
} from './deploy-plan.cjs';

const ROOT = path.resolve(__dirname, '..');
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
const realCollections = loadCollectionsConfig(path.join(ROOT, 'database', 'collections.json')) as {
  collections: { name: string; indexes?: { name: string; unique?: boolean; keys: { field: string; direction: 1 | -1 | '2dsphere' }[] }[]; rules: object }[];
};
const realFunctions = loadFunctions(FUNCTIONS_DIR);

const ofKind = <K extends Step['kind']>(steps: Step[], kind: K) => steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);

const DENY_ALL = { read: false, write: false };
const KEYS = { ZY_DATA_KEYS: 'k1:a2V5', ZY_DATA_KEY_ID: 'k1', ZY_HASH_KEY: 'aGFzaA==' };
function collectionsWith(indexes: unknown[], rules: unknown = DENY_ALL) {
  return { collections: [{ name: 'things', indexes, ...(rules === 'omitted' ? {} : { rules }) }] };
}

/** The message planDeployment throws for a configuration, or '' when it accepts it. */
function rejection(collectionsConfig: unknown, functions: FunctionSource[] = []): string {
  try {
    planDeployment({ collectionsConfig, functions });
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(DeployConfigError);
    return (e as Error).message;
  }
}

describe('planDeployment on the project configuration', () => {
  const steps = planDeployment({ collectionsConfig: realCollections, functions: realFunctions, env: {} });

  it('creates every collection of database/collections.json', () => {
    expect(realCollections.collections.length).toBeGreaterThan(0);
    expect(ofKind(steps, 'createCollection').map((s) => s.collection)).toEqual(realCollections.collections.map((c) => c.name));
  });

  it('creates every declared index in CloudBase shape, after its collection', () => {
    for (const c of realCollections.collections) {
      const created = steps.findIndex((s) => s.kind === 'createCollection' && s.collection === c.name);
      for (const ix of c.indexes ?? []) {
        const at = steps.findIndex((s) => s.kind === 'createIndex' && s.collection === c.name && s.index === ix.name);
        expect(at).toBeGreaterThan(created);
        const step = steps[at] as Extract<Step, { kind: 'createIndex' }>;
        expect(step.unique).toBe(ix.unique === true);
        expect(step.createIndex).toEqual({
          IndexName: ix.name,
          MgoKeySchema: {
            MgoIndexKeys: ix.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
            MgoIsUnique: ix.unique === true,
          },
        });
      }
    }
    const declared = realCollections.collections.reduce((n, c) => n + (c.indexes?.length ?? 0), 0);
    expect(ofKind(steps, 'createIndex')).toHaveLength(declared);
  });

  it('sets every collection security rule as a CUSTOM rule serialised to JSON', () => {
    const rules = ofKind(steps, 'setRule');
    expect(rules.map((s) => s.collection)).toEqual(realCollections.collections.map((c) => c.name));
    for (const s of rules) {
      expect(s.aclTag).toBe('CUSTOM');
      expect(JSON.parse(s.rule)).toEqual(realCollections.collections.find((c) => c.name === s.collection)!.rules);
    }
  });

  it('deploys every function folder with an index.ts, after the database, with its config.json', () => {
    const expected = fs
      .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
      .map((d) => d.name)
      .sort();
    const deploys = ofKind(steps, 'deployFunction');
    expect(deploys.map((s) => s.name)).toEqual(expected);
    expect(deploys.map((s) => s.name)).not.toContain('_shared');
    expect(steps.findIndex((s) => s.kind === 'deployFunction')).toBeGreaterThan(steps.map((s) => s.kind).lastIndexOf('setRule'));
    for (const s of deploys) {
      const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS_DIR, s.name, 'config.json'), 'utf8'));
      expect(s.func).toMatchObject({ name: s.name, handler: 'index.main', installDependency: true, timeout: config.timeout ?? 3 });
      expect(s.func.runtime).toMatch(/^Nodejs(16\.13|18\.15)$/);
      expect(s.func.ignore).toEqual(expect.arrayContaining(['**/*.ts']));
      expect(s.openapi).toEqual(config.permissions?.openapi ?? []);
    }
  });

  it('describes every step in one line', () => {
    for (const s of steps) expect(describeStep(s)).toMatch(/^(create|set|deploy|check) [^\n]+$/);
  });

  it('makes storage private (admin only) after the database and before the functions, and says so', () => {
    const at = steps.findIndex((s) => s.kind === 'setStorageAcl');
    expect(ofKind(steps, 'setStorageAcl')).toEqual([{ kind: 'setStorageAcl', acl: 'ADMINONLY' }]);
    expect(at).toBeGreaterThan(steps.map((s) => s.kind).lastIndexOf('setRule'));
    expect(at).toBeLessThan(steps.findIndex((s) => s.kind === 'deployFunction'));
    expect(describeStep(steps[at]!)).toMatch(/^set storage permission to private \(ADMINONLY: only cloud functions and the console read or write files/);
  });

  it('ends with a check of every declared open API, one per function that declares any', () => {
    const declaring = realFunctions.filter((f) => ((f.config as { permissions?: { openapi?: string[] } }).permissions?.openapi ?? []).length > 0);
    expect(declaring.map((f) => f.name)).toContain('volunteer');
    const checks = ofKind(steps, 'checkOpenApi');
    expect(checks.map((c) => [c.name, c.apis])).toEqual(
      declaring.map((f) => [f.name, (f.config as { permissions: { openapi: string[] } }).permissions.openapi]),
    );
    expect(steps.slice(-checks.length)).toEqual(checks);
    expect(describeStep(checks.find((c) => c.name === 'volunteer')!)).toContain('phonenumber.getPhoneNumber');
  });

  it('refuses the personal-data functions while the deploying shell lacks their keys, and says which', () => {
    const refusal = refusalOf(steps)!;
    expect(refusal).toMatch(/^these functions handle personal data and their key variables are empty in this shell:\n/);
    expect(refusal).toContain('  volunteer: ZY_DATA_KEYS, ZY_DATA_KEY_ID, ZY_HASH_KEY\n');
    expect(refusal).toContain('  organization: ZY_DATA_KEYS, ZY_DATA_KEY_ID, ZY_HASH_KEY\n');
    expect(refusal).not.toMatch(/^\s+(inbox|user):/m);
    expect(refusal).toMatch(/replaces a function's whole set of environment variables/);
    const withKeys = planDeployment({ collectionsConfig: realCollections, functions: realFunctions, env: KEYS });
    expect(refusalOf(withKeys)).toBeUndefined();
    expect(ofKind(withKeys, 'deployFunction').find((s) => s.name === 'volunteer')!.func.envVariables).toMatchObject(KEYS);
  });
});

describe('cloudbaserc.json', () => {
  const rc = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'));

  it('takes the environment id from ENV_ID with the CLI 2.0 template syntax', () => {
    expect(rc).toMatchObject({ version: '2.0', envId: '{{env.ENV_ID}}', functionRoot: 'cloudfunctions' });
  });

  it('lists every function as its config.json says (regenerate with node scripts/deploy.mjs --write-cloudbaserc)', () => {
    expect(rc.functions).toEqual(realFunctions.map(cloudbasercFunction));
  });
});

describe('planDeployment mapping', () => {
  it('maps 2dsphere, descending and compound keys, and the unique flag', () => {
    const steps = planDeployment({
      collectionsConfig: collectionsWith([
        { name: 'where', keys: [{ field: 'location', direction: '2dsphere' }, { field: 'status', direction: 1 }] },
        { name: 'latest', unique: true, keys: [{ field: 'owner', direction: 1 }, { field: 'createdAt', direction: -1 }] },
        { name: 'plain', unique: false, keys: [{ field: 'a.b', direction: -1 }] },
      ]),
      functions: [],
    });
    expect(ofKind(steps, 'createIndex').map((s) => [s.unique, s.createIndex])).toEqual([
      [false, { IndexName: 'where', MgoKeySchema: { MgoIndexKeys: [{ Name: 'location', Direction: '2dsphere' }, { Name: 'status', Direction: '1' }], MgoIsUnique: false } }],
      [true, { IndexName: 'latest', MgoKeySchema: { MgoIndexKeys: [{ Name: 'owner', Direction: '1' }, { Name: 'createdAt', Direction: '-1' }], MgoIsUnique: true } }],
      [false, { IndexName: 'plain', MgoKeySchema: { MgoIndexKeys: [{ Name: 'a.b', Direction: '-1' }], MgoIsUnique: false } }],
    ]);
    expect(ofKind(steps, 'createIndex').every((s) => s.warnings === undefined)).toBe(true);
  });

  it('warns when a 2dsphere key is not the first key', () => {
    const [, step] = planDeployment({
      collectionsConfig: collectionsWith([{ name: 'geo', keys: [{ field: 'status', direction: 1 }, { field: 'loc', direction: '2dsphere' }] }]),
      functions: [],
    });
    expect(step!.warnings?.[0]).toMatch(/2dsphere key "loc" is not first/);
  });

  it('serialises expression rules unchanged', () => {
    const rules = { read: 'doc._openid == auth.openid', create: true, update: false, delete: 'auth.openid in ["a"]' };
    const setRule = ofKind(planDeployment({ collectionsConfig: collectionsWith([], rules), functions: [] }), 'setRule')[0]!;
    expect(JSON.parse(setRule.rule)).toEqual(rules);
  });

  it('fills function defaults, keeps triggers, and takes variables from the deploying shell', () => {
    const functions: FunctionSource[] = [
      { name: 'bare' },
      {
        name: 'cron',
        config: {
          timeout: 20,
          runtime: 'Nodejs16.13',
          envVariables: { A: 'declared', B: '', C: '' },
          triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }],
          permissions: { openapi: ['subscribeMessage.send'] },
        },
      },
    ];
    const [bare, cron] = ofKind(planDeployment({ collectionsConfig: { collections: [] }, functions, env: { B: 'from-shell', A: undefined } }), 'deployFunction');
    expect(bare!.func).toEqual({ name: 'bare', handler: 'index.main', runtime: 'Nodejs18.15', timeout: 3, installDependency: true, ignore: FUNCTION_IGNORE, envVariables: {} });
    expect(cron!.func).toMatchObject({ timeout: 20, runtime: 'Nodejs16.13', envVariables: { A: 'declared', B: 'from-shell' }, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 2 * * * *' }] });
    expect(cron!.func.envVariables).not.toHaveProperty('C');
    expect(cron!.openapi).toEqual(['subscribeMessage.send']);
    expect(cron!.warnings).toEqual([
      expect.stringMatching(/^C is empty: not sent, and as other variables are, a value set in the console is removed/),
      expect.stringMatching(/permissions\.openapi \(subscribeMessage\.send\) is applied only by a WeChat DevTools upload/),
    ]);
  });

  it('says an empty variable is harmless when no variable is sent at all', () => {
    const [step] = ofKind(planDeployment({ collectionsConfig: { collections: [] }, functions: [{ name: 'f', config: { envVariables: { A: '' } } }] }), 'deployFunction');
    expect(step!.func.envVariables).toEqual({});
    expect(step!.warnings).toEqual([expect.stringMatching(/^A is empty: not sent \(no variable is sent, so values set in the console stay\)/)]);
  });
});

describe('personal-data keys are never sent half', () => {
  const personal = (envVariables: Record<string, string>): FunctionSource => ({ name: 'vault', config: { envVariables } });
  const plan = (fn: FunctionSource, env: Record<string, string | undefined>, only?: string) =>
    planDeployment({ collectionsConfig: { collections: [] }, functions: [fn, { name: 'plain', config: { envVariables: { X: '' } } }], env, only });

  it('lists exactly the empty key variables of each function that declares one', () => {
    const steps = plan(personal({ ZY_DATA_KEYS: '', ZY_HASH_KEY: '', ZY_MIN_AGE: '' }), { ZY_DATA_KEYS: 'k1:a2V5', ZY_MIN_AGE: '16' });
    const [vault] = ofKind(steps, 'deployFunction');
    expect(vault!.missingKeys).toEqual(['ZY_HASH_KEY']);
    expect(describeStep(vault!)).toMatch(/— refused: ZY_HASH_KEY empty$/);
    expect(refusalOf(steps)!.split('\n')[1]).toBe('  vault: ZY_HASH_KEY');
  });

  it('takes a key declared in config.json as given, and refuses a shell value that empties it', () => {
    expect(refusalOf(plan(personal({ ZY_HASH_KEY: 'aGFzaA==' }), {}))).toBeUndefined();
    expect(refusalOf(plan(personal({ ZY_HASH_KEY: 'aGFzaA==' }), { ZY_HASH_KEY: '' }))).toMatch(/vault: ZY_HASH_KEY/);
  });

  it('does not stand in the way of the parts that send no keys', () => {
    const vault = personal({ ZY_DATA_KEYS: '', ZY_DATA_KEY_ID: '', ZY_HASH_KEY: '' });
    expect(refusalOf(plan(vault, {}))).toBeDefined();
    for (const only of ['database', 'storage', 'plain']) expect(refusalOf(plan(vault, {}, only))).toBeUndefined();
    expect(refusalOf(plan(vault, {}, 'functions'))).toBeDefined();
  });

  it('executePlan refuses before it calls CloudBase at all', async () => {
    const calls: unknown[] = [];
    const manager = new Proxy({}, { get: (_t, prop) => (calls.push(prop), undefined) });
    const steps = plan(personal({ ZY_DATA_KEYS: '' }), {});
    await expect(executePlan(steps, manager, { envId: 'env-1', functionRootPath: '/p' })).rejects.toThrow(DeployRefused);
    await expect(executePlan(steps, manager, { envId: 'env-1', functionRootPath: '/p' })).rejects.toThrow(/^refusing to deploy: these functions handle personal data/);
    expect(calls).toEqual([]);
  });
});

describe('--only', () => {
  const functions: FunctionSource[] = [{ name: 'user' }, { name: 'volunteer', config: { permissions: { openapi: ['phonenumber.getPhoneNumber'] } } }];
  const kinds = (only?: string) => planDeployment({ collectionsConfig: collectionsWith([{ name: 'i', keys: [{ field: 'a', direction: 1 }] }]), functions, only }).map((s) => (s.kind === 'deployFunction' || s.kind === 'checkOpenApi' ? `${s.kind}:${s.name}` : s.kind));

  it('keeps one part: the database, the storage permission, the functions with their checks, or one function', () => {
    expect(kinds()).toEqual(['createCollection', 'createIndex', 'setRule', 'setStorageAcl', 'deployFunction:user', 'deployFunction:volunteer', 'checkOpenApi:volunteer']);
    expect(kinds('database')).toEqual(['createCollection', 'createIndex', 'setRule']);
    expect(kinds('storage')).toEqual(['setStorageAcl']);
    expect(kinds('functions')).toEqual(['deployFunction:user', 'deployFunction:volunteer', 'checkOpenApi:volunteer']);
    expect(kinds('volunteer')).toEqual(['deployFunction:volunteer', 'checkOpenApi:volunteer']);
    expect(kinds('user')).toEqual(['deployFunction:user']);
  });

  it('uploads the certificate fonts after the storage permission, as part of storage', () => {
    const fonts = [{ cloudPath: 'fonts/NotoSansSC-Regular.ttf', localPath: '/x/NotoSansSC_400Regular.ttf' }];
    const steps = (only?: string) => planDeployment({ collectionsConfig: collectionsWith([{ name: 'i', keys: [{ field: 'a', direction: 1 }] }]), functions, only, fonts });
    expect(steps('storage')).toEqual([{ kind: 'setStorageAcl', acl: 'ADMINONLY' }, { kind: 'uploadFont', ...fonts[0] }]);
    expect(steps().map((s) => s.kind).indexOf('uploadFont')).toBe(steps().map((s) => s.kind).indexOf('setStorageAcl') + 1);
    expect(steps('functions').some((s) => s.kind === 'uploadFont')).toBe(false);
  });

  it('refuses a part that does not exist, naming the ones that do', () => {
    expect(() => kinds('databse')).toThrow(/--only=databse is invalid:\n {2}- expected one of database, storage, functions, user, volunteer/);
  });
});

describe('loadFunctions', () => {
  it('skips shared folders and folders without index.ts, and reads config.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-'));
    try {
      const put = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      };
      put('_shared/index.ts', 'export {};');
      put('notes/readme.md', 'not a function');
      put('beta/index.ts', 'export {};');
      put('beta/config.json', '{"timeout": 7}');
      put('alpha/index.ts', 'export {};');
      put('alpha/index.js', '// built');
      expect(loadFunctions(dir)).toEqual([
        { name: 'alpha', config: {}, built: true },
        { name: 'beta', config: { timeout: 7 }, built: false },
      ]);
      put('beta/config.json', '{ timeout: 7 }');
      expect(() => loadFunctions(dir)).toThrow(/cloudfunctions\/beta\/config\.json is invalid:\n {2}- not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('invalid configuration is rejected with a clear message', () => {
  it.each([
    ['an index without keys', [{ name: 'empty', keys: [] }], /collection "things", index "empty": index has no keys/],
    ['an index with no keys field', [{ name: 'none' }], /index "none": index has no keys/],
    ['an unknown direction', [{ name: 'bad', keys: [{ field: 'a', direction: 'asc' }] }], /index "bad": key 0 \("a"\) has unknown direction "asc" \(expected 1, -1 or "2dsphere"\)/],
    ['a direction given as a string number', [{ name: 'bad', keys: [{ field: 'a', direction: '1' }] }], /unknown direction "1"/],
    ['a duplicate index name', [{ name: 'twice', keys: [{ field: 'a', direction: 1 }] }, { name: 'twice', keys: [{ field: 'b', direction: 1 }] }], /collection "things": duplicate index name "twice"/],
    ['an index without a name', [{ keys: [{ field: 'a', direction: 1 }] }], /collection "things", index 0: index has no name/],
    ['a field twice in one index', [{ name: 'ab', keys: [{ field: 'a', direction: 1 }, { field: 'a', direction: -1 }] }], /index "ab": field "a" appears twice/],
    ['a non-boolean unique', [{ name: 'u', unique: 'yes', keys: [{ field: 'a', direction: 1 }] }], /index "u": "unique" must be true or false/],
    ['the built-in _id_ index', [{ name: '_id_', keys: [{ field: '_id', direction: 1 }] }], /"_id_" is the built-in _id index/],
  ])('%s', (_label, indexes, message) => {
    expect(rejection(collectionsWith(indexes))).toMatch(message);
  });

  it.each([
    ['missing rules', 'omitted', /collection "things": no "rules"/],
    ['rules that are not an object', 'private', /"rules" must be a JSON security-rule object/],
    ['an unknown rule operation', { read: false, list: true }, /unknown operation "list"/],
    ['a rule value that is neither boolean nor string', { read: 1 }, /rules\.read must be true, false or an expression string/],
  ])('%s', (_label, rules, message) => {
    expect(rejection(collectionsWith([], rules))).toMatch(message);
  });

  it('rejects a malformed file, a nameless or duplicate collection', () => {
    expect(rejection({ collection: [] })).toMatch(/database\/collections\.json is invalid:\n {2}- expected \{ "collections": \[ \.\.\. \] \}/);
    expect(rejection({ collections: [{ rules: { read: false } }] })).toMatch(/collections\[0\]: collection has no name/);
    const twice = { collections: [{ name: 'x', rules: { read: false } }, { name: 'x', rules: { read: false } }] };
    expect(rejection(twice)).toMatch(/collection "x": declared twice/);
  });

  it('lists every problem at once', () => {
    const message = rejection(collectionsWith([{ name: 'a', keys: [] }, { name: 'b', keys: [{ field: 'x', direction: 2 }] }], { read: 'x' }));
    expect(message.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(2);
  });

  it.each([
    ['a timeout above 60 s', { timeout: 90 }, /cloudfunctions\/f\/config\.json is invalid:\n {2}- "timeout" must be a whole number of seconds from 1 to 60, got 90/],
    ['an unknown runtime', { runtime: 'Nodejs8.9' }, /"runtime" must be one of/],
    ['a non-string variable', { envVariables: { A: { nested: true } } }, /envVariables\.A must be a string/],
    ['a bad trigger', { triggers: [{ name: 't', type: 'cos', config: 'x' }] }, /triggers\[0\] must be \{ "name", "type": "timer"/],
    ['bad permissions', { permissions: { openapi: 'all' } }, /"permissions" must look like/],
  ])('rejects a function config with %s', (_label, config, message) => {
    expect(rejection({ collections: [] }, [{ name: 'f', config }])).toMatch(message);
  });
});

describe('executePlan', () => {
  type Call = [string, ...unknown[]];

  function fakeManager(
    existing: Record<string, { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[]> = {},
    storage: { acl: string; settable?: boolean } = { acl: 'READONLY' },
    invoked: (name: string, event: unknown) => Promise<unknown> = async () => ({ RetMsg: 'null', ErrMsg: '' }),
  ) {
    const calls: Call[] = [];
    const manager = {
      storage: {
        getStorageAcl: async () => (calls.push(['getStorageAcl']), storage.acl),
        setStorageAcl: async (acl: string) => {
          calls.push(['setStorageAcl', acl]);
          if (storage.settable !== false) storage.acl = acl;
          return { RequestId: 'r' };
        },
      },
      database: {
        createCollectionIfNotExists: async (name: string) => {
          calls.push(['createCollectionIfNotExists', name]);
          if (name === 'broken') throw new Error('no database instance');
          return { IsCreated: !(name in existing), ExistsResult: { Exists: name in existing } };
        },
        describeCollection: async (name: string) => {
          calls.push(['describeCollection', name]);
          return { Indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: false }, ...(existing[name] ?? [])] };
        },
        updateCollection: async (name: string, options: unknown) => void calls.push(['updateCollection', name, options]),
      },
      commonService: (service: string, version: string) => ({
        call: async (options: unknown) => void calls.push(['commonService.call', service, version, options]),
      }),
      functions: {
        createFunction: async (param: unknown) => void calls.push(['createFunction', param]),
        invokeFunction: async (name: string, event: unknown) => (calls.push(['invokeFunction', name, event]), invoked(name, event)),
      },
    };
    return { manager, calls };
  }

  const config = collectionsWith([
    { name: 'by_a', unique: true, keys: [{ field: 'a', direction: 1 }] },
    { name: 'by_b', keys: [{ field: 'b', direction: -1 }] },
  ]);
  const steps = planDeployment({ collectionsConfig: config, functions: [{ name: 'user', config: { timeout: 10 } }] });

  it('calls the documented manager-node APIs with the CloudBase shapes', async () => {
    const { manager, calls } = fakeManager();
    const lines: string[] = [];
    const results = await executePlan(steps, manager, { envId: 'env-1', functionRootPath: '/p/cloudfunctions', log: (l) => lines.push(l) });
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(lines).toHaveLength(6);
    expect(lines[4]).toBe(`✓ ${describeStep(steps[4]!)}: now private (ADMINONLY; was READONLY): files are no longer readable through public links`);
    expect(calls).toEqual([
      ['createCollectionIfNotExists', 'things'],
      ['describeCollection', 'things'],
      ['updateCollection', 'things', { CreateIndexes: [{ IndexName: 'by_a', MgoKeySchema: { MgoIndexKeys: [{ Name: 'a', Direction: '1' }], MgoIsUnique: true } }] }],
      ['describeCollection', 'things'],
      ['updateCollection', 'things', { CreateIndexes: [{ IndexName: 'by_b', MgoKeySchema: { MgoIndexKeys: [{ Name: 'b', Direction: '-1' }], MgoIsUnique: false } }] }],
      ['commonService.call', 'tcb', '2018-06-08', { Action: 'ModifySafeRule', Param: { EnvId: 'env-1', CollectionName: 'things', AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' } }],
      ['getStorageAcl'],
      ['setStorageAcl', 'ADMINONLY'],
      ['getStorageAcl'],
      ['createFunction', { func: expect.objectContaining({ name: 'user', timeout: 10, handler: 'index.main' }), functionRootPath: '/p/cloudfunctions', force: true }],
    ]);
  });

  it('leaves an identical index alone and refuses to replace a different one', async () => {
    const { manager, calls } = fakeManager({
      things: [
        { Name: 'by_a', Keys: [{ Name: 'a', Direction: '1' }], Unique: true },
        { Name: 'by_b', Keys: [{ Name: 'b', Direction: '1' }], Unique: false },
      ],
    });
    const results = await executePlan(steps, manager, { envId: 'env-1', functionRootPath: '/p' });
    expect(results.map((r) => [r.status, r.detail.slice(0, 40)])).toEqual([
      ['ok', 'already there'],
      ['ok', 'already there'],
      ['failed', 'index things.by_b exists with different '],
      ['ok', 'set'],
      ['ok', 'now private (ADMINONLY; was READONLY): f'],
      ['ok', 'deployed'],
    ]);
    expect(calls.filter((c) => c[0] === 'updateCollection')).toEqual([]);
  });

  it('skips the indexes and rule of a collection it could not create, and goes on', async () => {
    const { manager, calls } = fakeManager();
    const broken = planDeployment({
      collectionsConfig: { collections: [{ name: 'broken', indexes: [{ name: 'i', keys: [{ field: 'a', direction: 1 }] }], rules: { read: false } }] },
      functions: [{ name: 'user' }],
    });
    const results = await executePlan(broken, manager, { envId: 'env-1', functionRootPath: '/p' });
    expect(results.map((r) => r.status)).toEqual(['failed', 'skipped', 'skipped', 'ok', 'ok']);
    expect(results[0]!.detail).toBe('no database instance');
    expect(calls.map((c) => c[0])).toEqual(['createCollectionIfNotExists', 'getStorageAcl', 'setStorageAcl', 'getStorageAcl', 'createFunction']);
  });

  const [storageStep] = ofKind(steps, 'setStorageAcl');

  it('leaves storage that is already private alone, and fails when the permission does not take', async () => {
    const already = fakeManager({}, { acl: 'ADMINONLY' });
    const [done] = await executePlan([storageStep!], already.manager, { envId: 'env-1', functionRootPath: '/p' });
    expect([done!.status, done!.detail]).toEqual(['ok', 'already private (ADMINONLY)']);
    expect(already.calls).toEqual([['getStorageAcl']]);

    const stuck = fakeManager({}, { acl: 'READONLY', settable: false });
    const [failed] = await executePlan([storageStep!], stuck.manager, { envId: 'env-1', functionRootPath: '/p' });
    expect([failed!.status, failed!.detail]).toEqual(['failed', 'storage permission is still READONLY after setting ADMINONLY']);
  });

  it('also works with the older manager-node whose commonService is a property', async () => {
    const calls: unknown[] = [];
    const manager = { commonService: { call: async (o: unknown) => void calls.push(o) } };
    const [rule] = ofKind(steps, 'setRule');
    await executePlan([rule!], manager, { envId: 'env-2', functionRootPath: '/p' });
    expect(calls).toEqual([{ Action: 'ModifySafeRule', Param: expect.objectContaining({ EnvId: 'env-2', AclTag: 'CUSTOM' }) }]);
  });
});

describe('the open-API check', () => {
  const functions: FunctionSource[] = [{ name: 'volunteer', config: { permissions: { openapi: ['phonenumber.getPhoneNumber', 'subscribeMessage.send'] } } }];
  const [check] = ofKind(planDeployment({ collectionsConfig: { collections: [] }, functions, only: 'volunteer' }), 'checkOpenApi');
  const answer = (openapi: { api: string; errCode: number; errMsg?: string }[]) => ({ RetMsg: JSON.stringify({ ok: true, data: { openapi } }), ErrMsg: '' });

  async function run(invoke: (name: string, event: unknown) => Promise<unknown>) {
    const events: unknown[] = [];
    const manager = { functions: { invokeFunction: async (name: string, event: unknown) => (events.push([name, event]), invoke(name, event)) } };
    const [result] = await executePlan([check!], manager, { envId: 'env-1', functionRootPath: '/p' });
    return { result: result!, events };
  }

  it('invokes the function once with the probe event and passes when every declared API is allowed', async () => {
    const { result, events } = await run(async () =>
      answer([{ api: 'phonenumber.getPhoneNumber', errCode: 40029, errMsg: 'invalid code' }, { api: 'subscribeMessage.send', errCode: 40003 }]),
    );
    expect(events).toEqual([['volunteer', { probe: 'openapi' }]]);
    expect(OPENAPI_PROBE_EVENT).toEqual({ probe: 'openapi' });
    expect(result.status).toBe('ok');
    expect(result.detail).toBe(
      "phonenumber.getPhoneNumber: allowed (WeChat answered 40029 to the probe's deliberately invalid request); " +
        "subscribeMessage.send: allowed (WeChat answered 40003 to the probe's deliberately invalid request)",
    );
  });

  it('reports -604101 in plain words: no permission, upload from DevTools, then check again', async () => {
    const { result } = await run(async () => answer([{ api: 'phonenumber.getPhoneNumber', errCode: -604101 }, { api: 'subscribeMessage.send', errCode: 0 }]));
    expect(result.status).toBe('failed');
    expect(result.detail).toMatch(/^phonenumber\.getPhoneNumber: no permission \(-604101\)\. CloudBase applies config\.json's permissions\.openapi only when the function is uploaded from WeChat DevTools/);
    expect(result.detail).toContain('not through manager-node or the CLI');
    expect(result.detail).toContain('node scripts/deploy.mjs --only=volunteer');
    expect(result.detail).toContain('subscribeMessage.send: allowed');
  });

  it('fails an API the function did not probe', () => {
    expect(openApiVerdict('volunteer', ['a.b', 'c.d'], answer([{ api: 'a.b', errCode: 47001 }]))).toEqual({
      ok: false,
      detail: "a.b: allowed (WeChat answered 47001 to the probe's deliberately invalid request); c.d: not probed by volunteer",
    });
  });

  it('says so when a function does not answer the probe (a function built without the frame answers UNKNOWN_ACTION)', async () => {
    const { result } = await run(async () => ({ RetMsg: JSON.stringify({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作' } }), ErrMsg: '' }));
    expect(result.status).toBe('failed');
    expect(result.detail).toMatch(/^volunteer does not answer the open-API probe \(it answered UNKNOWN_ACTION\), so its permissions for phonenumber\.getPhoneNumber, subscribeMessage\.send are unchecked/);
    expect(openApiVerdict('volunteer', ['a.b'], { RetMsg: 'not json' }).detail).toMatch(/^volunteer does not answer the open-API probe, so/);
  });

  it('reads -604101 in a failed invocation too, and reports any other failure as it came', async () => {
    const thrown = await run(async () => {
      throw new Error('[volunteer] 调用失败：errCode: -604101 function has no permission to call this API');
    });
    expect(thrown.result.detail).toMatch(/^phonenumber\.getPhoneNumber: no permission \(-604101\)/);
    const crashed = await run(async () => ({ RetMsg: '', ErrMsg: 'Error: Cannot find module wx-server-sdk' }));
    expect([crashed.result.status, crashed.result.detail]).toEqual(['failed', 'volunteer failed while probing its open APIs: Error: Cannot find module wx-server-sdk']);
  });
});
