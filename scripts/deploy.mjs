// `npm run deploy` (= npm run build && node scripts/deploy.mjs): applies the configuration as code to a real
// CloudBase environment with @cloudbase/manager-node: collections, their indexes and security rules from
// database/collections.json, the storage permission (private), every cloud function (cloudfunctions/<name>/,
// built by scripts/build.mjs), and last a check that each function may call the open APIs its config.json declares.
// The plan and its execution live in deploy-plan.cjs; this file is the command line.
//
//   node scripts/deploy.mjs                    deploy everything
//   node scripts/deploy.mjs --dry-run          print the plan; needs no credentials and no network
//   node scripts/deploy.mjs --only=database    or --only=storage, --only=functions, --only=<function name>
//   node scripts/deploy.mjs --write-cloudbaserc  regenerate cloudbaserc.json's functions (for `tcb fn deploy`)
//
// Credentials: ENV_ID, TCB_SECRET_ID, TCB_SECRET_KEY (optional TCB_SESSION_TOKEN for temporary keys, TCB_REGION).
// A function's config.json envVariables value is replaced by the deploying shell's variable of the same name; a
// function holding personal-data keys (ZY_DATA_KEYS, ZY_DATA_KEY_ID, ZY_HASH_KEY) is refused while any is empty.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import plan from './deploy-plan.cjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const functionsDir = join(root, 'cloudfunctions');
const collectionsFile = join(root, 'database', 'collections.json');
const rcFile = join(root, 'cloudbaserc.json');

const HELP = `Usage: node scripts/deploy.mjs [--dry-run] [--only=database|storage|functions|<function>] [--write-cloudbaserc]

Deploys database/collections.json (collections, indexes, security rules), makes storage private and deploys every
cloud function to the CloudBase environment ENV_ID, then checks each function's open-API permissions.
Credentials come from the environment:
  ENV_ID           CloudBase environment id (e.g. prod-1a2b3c)
  TCB_SECRET_ID    Tencent Cloud API key id   (console → Access management → API keys)
  TCB_SECRET_KEY   Tencent Cloud API key secret
Optional: TCB_SESSION_TOKEN (temporary credentials), TCB_REGION (default ap-shanghai).
Function variables (e.g. PLATFORM_ADMIN_OPENIDS) are taken from the shell when set there; a function that
declares ZY_DATA_KEYS, ZY_DATA_KEY_ID or ZY_HASH_KEY is not deployed while any of them is empty.`;

function fail(message) {
  console.error(`deploy: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const known = /^(--dry-run|--help|-h|--write-cloudbaserc|--only=.+)$/;
const unknown = args.filter((a) => !known.test(a));
if (unknown.length) fail(`unknown option ${unknown.join(' ')}\n\n${HELP}`);
if (args.includes('--help') || args.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}
const dryRun = args.includes('--dry-run');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);

/** The certificate PDF's fonts, from node_modules to `fonts/<file>` in storage (cloudfunctions/certificate/pdf/fonts.json). */
function certificateFonts() {
  const list = JSON.parse(readFileSync(join(root, 'cloudfunctions/certificate/pdf/fonts.json'), 'utf8'));
  return list.map((f) => ({ cloudPath: `fonts/${f.file}`, localPath: join(root, 'node_modules', f.packagePath) }));
}

let functions;
let steps;
try {
  functions = plan.loadFunctions(functionsDir);
  if (args.includes('--write-cloudbaserc')) {
    const rc = existsSync(rcFile) ? JSON.parse(readFileSync(rcFile, 'utf8')) : { version: '2.0', envId: '{{env.ENV_ID}}' };
    rc.functionRoot = 'cloudfunctions';
    rc.functions = functions.map(plan.cloudbasercFunction);
    writeFileSync(rcFile, `${JSON.stringify(rc, null, 2)}\n`);
    console.log(`wrote cloudbaserc.json: ${functions.map((f) => f.name).join(', ')}`);
    process.exit(0);
  }
  steps = plan.planDeployment({
    collectionsConfig: plan.loadCollectionsConfig(collectionsFile),
    functions,
    env: process.env,
    only,
    fonts: certificateFonts(),
  });
} catch (e) {
  if (e instanceof plan.DeployConfigError) fail(e.message);
  throw e;
}

const refusal = plan.refusalOf(steps);
const unbuilt = functions.filter((f) => !f.built && steps.some((s) => s.kind === 'deployFunction' && s.name === f.name));

function printPlan() {
  console.log(`Plan for ${process.env.ENV_ID || '<ENV_ID>'} (${steps.length} steps):`);
  steps.forEach((s, i) => {
    console.log(`${String(i + 1).padStart(3)}. ${plan.describeStep(s)}`);
    for (const w of s.warnings ?? []) console.log(`       ! ${w}`);
  });
}

if (dryRun) {
  printPlan();
  for (const f of unbuilt) console.log(`! cloudfunctions/${f.name}/index.js is missing: run npm run build before deploying`);
  console.log('Dry run: nothing was changed.');
  if (refusal) fail(`npm run deploy would refuse: ${refusal}`);
  process.exit(0);
}

if (refusal) fail(`refusing to deploy: ${refusal}`);

const missing = ['ENV_ID', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((k) => !process.env[k]);
if (missing.length)
  fail(
    `missing ${missing.join(', ')}.\nSet them before deploying, e.g.\n` +
      `  export ENV_ID=<your CloudBase environment id>\n` +
      `  export TCB_SECRET_ID=<API key id>  TCB_SECRET_KEY=<API key secret>\n` +
      `(Tencent Cloud console → Access management → API keys). Use --dry-run to see the plan without them.`,
  );
if (unbuilt.length)
  fail(`${unbuilt.map((f) => `cloudfunctions/${f.name}/index.js`).join(', ')} missing: run npm run build (npm run deploy does).`);

let CloudBase;
try {
  const mod = await import('@cloudbase/manager-node');
  CloudBase = mod.default ?? mod;
} catch (e) {
  if ((e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') && String(e.message).includes("'@cloudbase/manager-node'"))
    fail('@cloudbase/manager-node is not installed: run  npm i -D @cloudbase/manager-node');
  throw e;
}

const envId = process.env.ENV_ID;
const manager = new CloudBase({
  secretId: process.env.TCB_SECRET_ID,
  secretKey: process.env.TCB_SECRET_KEY,
  ...(process.env.TCB_SESSION_TOKEN ? { token: process.env.TCB_SESSION_TOKEN } : {}),
  ...(process.env.TCB_REGION ? { region: process.env.TCB_REGION } : {}),
  envId,
});

printPlan();
console.log('');
const results = await plan.executePlan(steps, manager, {
  envId,
  functionRootPath: functionsDir,
  log: (line) => console.log(line),
});
const failed = results.filter((r) => r.status !== 'ok');
console.log(`\n${results.length - failed.length}/${results.length} steps done in ${envId}.`);
if (failed.length) {
  console.error(`${failed.length} step(s) failed or were skipped:`);
  for (const r of failed) console.error(`  ${plan.describeStep(r.step)}: ${r.detail}`);
  process.exit(1);
}
