// `npm start`: the local CloudBase with every built function, data kept on disk.
import { DEFAULT_DATA_DIR } from './config';
import { GATEWAY_NOTICE } from './gateway';
import { DEFAULT_ENV, startEmulator } from './server';

/** Variables passed from the shell to the functions, when set (see cloudfunctions/<name>/config.json). */
const FORWARDED_FUNCTION_ENV = ['PLATFORM_ADMIN_OPENIDS', 'ZY_DATA_KEY'];

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 3900);
  const dataDir = process.env.EMULATOR_DATA_DIR || DEFAULT_DATA_DIR;
  const env = process.env.EMULATOR_ENV || DEFAULT_ENV;
  const functionEnv: Record<string, string> = {};
  for (const k of FORWARDED_FUNCTION_ENV) if (process.env[k] !== undefined) functionEnv[k] = process.env[k] as string;

  const emu = await startEmulator({ port, dataDir, env, strict: process.env.EMULATOR_STRICT === '1', functionEnv });
  const functions = emu.runtime?.list().map((f) => f.name) ?? [];
  console.log(`志愿+ local CloudBase is running (env "${emu.env}", data in ${dataDir})

  Admin API (serviceUrl): ${emu.adminUrl}
    const cloud = require('wx-server-sdk')
    cloud.init({ env: '${emu.env}', serviceUrl: '${emu.adminUrl}', secretId: 'local', secretKey: 'local' })

  Function gateway:       ${emu.gatewayUrl}/<name>   (GET ${emu.gatewayUrl} lists functions and actions)
    curl -X POST ${emu.gatewayUrl}/user -H 'x-wx-openid: dev-openid-local' -d '{"action":"session"}'
    ${GATEWAY_NOTICE}

  Functions: ${functions.join(', ') || '(none built — run npm run build)'}

  WeChat DevTools: open this folder, set miniprogram/config.ts → mode: 'local' (localGateway ${emu.gatewayUrl}),
  and tick 详情 → 本地设置 → 不校验合法域名 so wx.request may reach 127.0.0.1.

Press Ctrl+C to stop.`);

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

main().catch((e: unknown) => {
  console.error((e as Error).message ?? e);
  process.exit(1);
});
