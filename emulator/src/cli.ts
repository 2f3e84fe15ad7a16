// `npm start`: the local CloudBase with every built function, data kept on disk, demo data on first run.
import * as path from 'node:path';
import { DEFAULT_DATA_DIR } from './config';
import { publishCertificateFonts } from '../../cloudfunctions/certificate/pdf/publish-fonts';
import { abandonSeeding, markSeeded, platformAdmins, prepareDataFolder } from './first-run';
import { GATEWAY_NOTICE } from './gateway';
import type { Database } from '../../cloudfunctions/_shared/db/db';
import { DEMO_ADMIN_OPENID, seedDemoWorld } from './seed';
import { DEFAULT_ENV, startEmulator, type Emulator } from './server';

/** Variables passed from the shell to the functions, when set (see cloudfunctions/<name>/config.json). */
const FORWARDED_FUNCTION_ENV = ['PLATFORM_ADMIN_OPENIDS', 'ZY_MIN_AGE', 'ZY_GUARDIAN_CONSENT_UNDER', 'ZY_PROJECT_REVIEW'];
/** The mini-program's default local identity: a platform admin locally (unless PLATFORM_ADMIN_OPENIDS says who),
 * so the admin pages can be tried. */
const DEV_OPENID = 'dev-openid-local';

function stopOnSignals(emu: Emulator): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    emu.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 3900);
  const dataDir = path.resolve(process.env.EMULATOR_DATA_DIR || DEFAULT_DATA_DIR);
  const env = process.env.EMULATOR_ENV || DEFAULT_ENV;
  const functionEnv: Record<string, string> = {};
  for (const k of FORWARDED_FUNCTION_ENV) if (process.env[k] !== undefined) functionEnv[k] = process.env[k] as string;
  // The demo world is written through this project's own functions; another folder of functions has none of them.
  const firstRun = prepareDataFolder(dataDir, process.env.EMULATOR_SEED !== '0' && !process.env.EMULATOR_FUNCTIONS_DIR);
  if (firstRun.restarted) console.log('The last first run was stopped while seeding demo data: its partial data was removed.');
  const admins = platformAdmins(process.env.PLATFORM_ADMIN_OPENIDS, DEV_OPENID, firstRun.demoWorld);
  functionEnv.PLATFORM_ADMIN_OPENIDS = admins.join(',');
  const allowedOrigins = (process.env.EMULATOR_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

  // Any folder of CloudBase functions (each <name>/index.js with its own package.json and node_modules).
  const foreignFunctions = process.env.EMULATOR_FUNCTIONS_DIR ? path.resolve(process.env.EMULATOR_FUNCTIONS_DIR) : undefined;
  const maxInstances = process.env.EMULATOR_MAX_INSTANCES ? Number(process.env.EMULATOR_MAX_INSTANCES) : undefined;
  if (maxInstances !== undefined && !(Number.isInteger(maxInstances) && maxInstances >= 1)) {
    throw new Error(`EMULATOR_MAX_INSTANCES must be a whole number of at least 1, got "${process.env.EMULATOR_MAX_INSTANCES}"`);
  }
  const emu = await startEmulator({
    port,
    dataDir,
    env,
    strict: process.env.EMULATOR_STRICT !== '0',
    functionEnv,
    functionsDir: foreignFunctions,
    maxInstancesPerFunction: maxInstances,
    timerTriggers: true,
    allowedOrigins,
  });
  stopOnSignals(emu);
  const functions = emu.runtime?.list().map((f) => f.name) ?? [];
  const triggers = emu.runtime?.list().flatMap((f) => f.triggers.map((t) => `${f.name}/${t.name} "${t.schedule.expression}"`)) ?? [];
  // The certificate fonts live in cloud storage, as the deploy puts them there (kept once uploaded).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const storageSdk = (require('wx-server-sdk') as { createNewInstance(config: object): typeof import('wx-server-sdk') }).createNewInstance({ env: emu.env, serviceUrl: emu.adminUrl, secretId: 'local', secretKey: 'local' });
  const fontsUploaded = await publishCertificateFonts(storageSdk, (p) => emu.storage.paths().includes(p));
  if (fontsUploaded.length) console.log(`Uploaded certificate fonts: ${fontsUploaded.join(', ')}`);
  if (firstRun.seedNow && emu.runtime) {
    console.log(`Seeding demo data into ${dataDir}…`);
    // The demo organizations are approved by a platform admin: the demo one, or the first one listed.
    const reviewer = admins.includes(DEMO_ADMIN_OPENID) ? DEMO_ADMIN_OPENID : admins[0];
    // The stock server SDK, as a script outside the runtime uses it, for what the demo writes without an action.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as { createNewInstance(config: object): { database(): Database } };
    const database = sdk.createNewInstance({ env: emu.env, serviceUrl: emu.adminUrl, secretId: 'local', secretKey: 'local' }).database();
    const summary = await seedDemoWorld(emu.runtime, { reviewer, database, onStep: (step) => console.log(`  seeded ${step}`) });
    markSeeded(dataDir);
    console.log(
      `Seeded demo data: ${summary.volunteers} volunteers, ${summary.organizations.verified} verified and ` +
        `${summary.organizations.pending} pending organizations, ${summary.projects} projects` +
        (summary.records ? `, ${summary.records.confirmedSessions} confirmed sessions of ${summary.records.pastShifts} past shifts, ${summary.records.pendingRecords} pending records and ${summary.records.openCorrections} open correction.` : '.'),
    );
  } else if (firstRun.seedNow) {
    abandonSeeding(dataDir);
  }

  console.log(`志愿+ local CloudBase is running (env "${emu.env}", data in ${dataDir})

  Admin API (serviceUrl): ${emu.adminUrl}
    const cloud = require('wx-server-sdk')
    cloud.init({ env: '${emu.env}', serviceUrl: '${emu.adminUrl}', secretId: 'local', secretKey: 'local' })

  Function gateway:       ${emu.gatewayUrl}/<name>   (GET ${emu.gatewayUrl} lists functions and actions)
    curl -X POST ${emu.gatewayUrl}/user -H 'content-type: application/json' -H 'x-wx-openid: ${DEV_OPENID}' -d '{"action":"session"}'
    ${GATEWAY_NOTICE}

  Functions: ${functions.join(', ') || '(none built — run npm run build)'}${foreignFunctions ? ` (from EMULATOR_FUNCTIONS_DIR ${foreignFunctions})` : ''}
  Timer triggers (UTC+8): ${triggers.join(', ') || '(none)'}; fire one now: curl -X POST ${emu.baseUrl}/triggers/<function> -H 'content-type: application/json' -d '{}'
  Platform admins (PLATFORM_ADMIN_OPENIDS): ${functionEnv.PLATFORM_ADMIN_OPENIDS}
  Certificate verification (HTTP access, local http origin; production is https): ${emu.functionEnv.ZY_VERIFY_BASE_URL}/verify,
    DID document ${emu.functionEnv.ZY_VERIFY_BASE_URL}/.well-known/did.json, status lists ${emu.functionEnv.ZY_VERIFY_BASE_URL}/status/<region>-<year>

  WeChat DevTools: EMULATOR_PORT=${emu.port} npm run devtools:local, then choose the compile mode 本地模拟器 (no
  tracked file changes; the project turns off the legal-domain check, urlCheck: false, so wx.request may reach it).
  Demo identities: 我的 → 本地调试 → 切换演示身份 (README, "Demo identities").

Press Ctrl+C to stop.`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message ?? e);
  process.exit(1);
});
