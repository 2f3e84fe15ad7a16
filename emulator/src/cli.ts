// `npm start`: the local CloudBase with every built function, data kept on disk, demo data on first run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DATA_DIR } from './config';
import { GATEWAY_NOTICE } from './gateway';
import { DEMO_ADMIN_OPENID, seedDemoWorld } from './seed';
import { DEFAULT_ENV, startEmulator, type Emulator } from './server';

/** Variables passed from the shell to the functions, when set (see cloudfunctions/<name>/config.json). */
const FORWARDED_FUNCTION_ENV = ['PLATFORM_ADMIN_OPENIDS', 'ZY_MIN_AGE', 'ZY_GUARDIAN_CONSENT_UNDER'];
/** The mini-program's default local identity: a platform admin locally, so the admin pages can be tried. */
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
  functionEnv.PLATFORM_ADMIN_OPENIDS = [functionEnv.PLATFORM_ADMIN_OPENIDS ?? DEV_OPENID, DEMO_ADMIN_OPENID].join(',');
  const seededMarker = path.join(dataDir, 'seeded');
  const fresh = !fs.existsSync(seededMarker);

  const emu = await startEmulator({ port, dataDir, env, strict: process.env.EMULATOR_STRICT !== '0', functionEnv });
  stopOnSignals(emu);
  const functions = emu.runtime?.list().map((f) => f.name) ?? [];
  if (fresh && emu.runtime && process.env.EMULATOR_SEED !== '0') {
    const summary = await seedDemoWorld(emu.runtime);
    fs.writeFileSync(seededMarker, new Date().toISOString());
    console.log(
      `Seeded demo data: ${summary.volunteers} volunteers, ${summary.organizations.verified} verified and ` +
        `${summary.organizations.pending} pending organizations.`,
    );
  }

  console.log(`志愿+ local CloudBase is running (env "${emu.env}", data in ${dataDir})

  Admin API (serviceUrl): ${emu.adminUrl}
    const cloud = require('wx-server-sdk')
    cloud.init({ env: '${emu.env}', serviceUrl: '${emu.adminUrl}', secretId: 'local', secretKey: 'local' })

  Function gateway:       ${emu.gatewayUrl}/<name>   (GET ${emu.gatewayUrl} lists functions and actions)
    curl -X POST ${emu.gatewayUrl}/user -H 'x-wx-openid: ${DEV_OPENID}' -d '{"action":"session"}'
    ${GATEWAY_NOTICE}

  Functions: ${functions.join(', ') || '(none built — run npm run build)'}
  Platform admins (PLATFORM_ADMIN_OPENIDS): ${functionEnv.PLATFORM_ADMIN_OPENIDS}

  WeChat DevTools: open this folder, set miniprogram/config.ts → mode: 'local' (localGateway ${emu.gatewayUrl});
  the project already turns off the legal-domain check (urlCheck: false) so wx.request may reach 127.0.0.1.

Press Ctrl+C to stop.`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message ?? e);
  process.exit(1);
});
