// `npm run devtools:local`: points WeChat DevTools at the local emulator without editing a tracked file. It writes a
// compile condition (编译模式) named 本地模拟器 into project.private.config.json — DevTools' per-developer file, git-ignored
// ("可以将 project.private.config.json 写到 .gitignore", DevTools docs, 项目配置文件) — whose 启动参数 name local mode, the
// gateway and the demo identity (miniprogram/services/runtime-config.ts reads them at launch). Other settings and
// conditions in the file are kept. Options: --port=<EMULATOR_PORT, 3900> --host=<127.0.0.1, or this machine's LAN
// address for a phone's 真机调试> --openid=<a demo identity, README "Demo identities">.
// Types: devtools-local.d.cts. Test: devtools-local.test.ts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const CONDITION_NAME = '本地模拟器';
const LAUNCH_PAGE = 'pages/me/index';

/** The private config with the 本地模拟器 condition added (or replaced) and selected. */
function withLocalCondition(privateConfig, { host = '127.0.0.1', port = 3900, openid = 'dev-openid-local' } = {}) {
  const gateway = `http://${host}:${port}/functions`;
  const query = `zyMode=local&zyGateway=${encodeURIComponent(gateway)}&zyOpenid=${encodeURIComponent(openid)}`;
  const next = { ...privateConfig };
  const condition = { ...(next.condition ?? {}) };
  const miniprogram = { ...(condition.miniprogram ?? {}) };
  const list = (miniprogram.list ?? []).filter((c) => c.name !== CONDITION_NAME);
  list.push({ name: CONDITION_NAME, pathName: LAUNCH_PAGE, query, launchMode: 'default', scene: null });
  miniprogram.list = list;
  miniprogram.current = list.length - 1;
  condition.miniprogram = miniprogram;
  next.condition = condition;
  // DevTools may reach a loopback or LAN address only without the legal-domain check (project.config.json has it off too).
  next.setting = { ...(next.setting ?? {}), urlCheck: false };
  return next;
}

function optionsFrom(argv, env) {
  const named = Object.fromEntries(argv.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
  return {
    host: named.host || '127.0.0.1',
    port: Number(named.port || env.EMULATOR_PORT || 3900),
    openid: named.openid || 'dev-openid-local',
  };
}

function writeLocalCondition(file, options) {
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { description: '项目私有配置文件（不提交）：本机的编译模式和设置。' };
  const next = withLocalCondition(current, options);
  fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

module.exports = { CONDITION_NAME, withLocalCondition, optionsFrom, writeLocalCondition };

if (require.main === module) {
  const options = optionsFrom(process.argv.slice(2), process.env);
  if (!Number.isInteger(options.port) || options.port <= 0 || options.port > 65535) {
    console.error(`devtools:local: --port must be a port number, not ${options.port}`);
    process.exit(2);
  }
  const file = path.join(__dirname, '..', 'project.private.config.json');
  writeLocalCondition(file, options);
  console.log(`WeChat DevTools: choose the compile mode “${CONDITION_NAME}” (gateway http://${options.host}:${options.port}/functions, identity ${options.openid}); written to project.private.config.json`);
}
