// npm run devtools:local: the compile condition it writes is one the mini-program's launch reads as local mode, and it
// keeps what the developer's private config held.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONDITION_NAME, optionsFrom, withLocalCondition, writeLocalCondition } from './devtools-local.cjs';
import { configFor } from '../miniprogram/services/runtime-config';
import { config } from '../miniprogram/config';

const queryOf = (text: string) => Object.fromEntries(text.split('&').map((pair) => pair.split('=') as [string, string]));

test('the condition launches local mode with the gateway and identity asked for', () => {
  const written = withLocalCondition({}, { host: '192.168.1.20', port: 41234, openid: 'demo-zheng' });
  const { list, current } = written.condition.miniprogram;
  expect(list[current]).toMatchObject({ name: CONDITION_NAME, pathName: 'pages/me/index' });
  expect(written.setting.urlCheck).toBe(false);
  const launch = configFor(config, { query: queryOf(list[current].query), envVersion: 'develop' });
  expect(launch).toEqual({ config: { ...config, mode: 'local', localGateway: 'http://192.168.1.20:41234/functions' }, devOpenid: 'demo-zheng' });
});

test('written twice, one condition; the developer’s other conditions and settings stay', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-devtools-'));
  const file = path.join(dir, 'project.private.config.json');
  fs.writeFileSync(file, JSON.stringify({ appid: 'wx123', setting: { compileHotReLoad: true }, condition: { miniprogram: { list: [{ name: '卡片', pathName: 'volunteer/card/index', query: '' }] } } }));
  writeLocalCondition(file, { port: 41001 });
  const twice = writeLocalCondition(file, { port: 41002 });
  expect(twice.appid).toBe('wx123');
  expect(twice.setting).toEqual({ compileHotReLoad: true, urlCheck: false });
  expect(twice.condition.miniprogram.list.map((c: { name: string }) => c.name)).toEqual(['卡片', CONDITION_NAME]);
  expect(twice.condition.miniprogram.list[1].query).toContain(encodeURIComponent('http://127.0.0.1:41002/functions'));
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(twice);
});

test('options: flags, then EMULATOR_PORT, then the defaults', () => {
  expect(optionsFrom([], {})).toEqual({ host: '127.0.0.1', port: 3900, openid: 'dev-openid-local' });
  expect(optionsFrom(['--openid=demo-lin'], { EMULATOR_PORT: '41500' })).toEqual({ host: '127.0.0.1', port: 41500, openid: 'demo-lin' });
  expect(optionsFrom(['--port=41600', '--host=10.0.0.5'], { EMULATOR_PORT: '41500' })).toMatchObject({ host: '10.0.0.5', port: 41600 });
});
