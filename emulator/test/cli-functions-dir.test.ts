// `EMULATOR_FUNCTIONS_DIR=<folder> npm start`: another project's plain-JavaScript functions (wx-server-sdk 2.x
// included) run unchanged under the command line, with that one setting; the demo world is not seeded into them.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { linkSdks, PROJECT } from './cloudbase-project-support';

const CLI = path.join(__dirname, '..', '..', 'build', 'emulator', 'cli.js');

test('npm start runs the functions of EMULATOR_FUNCTIONS_DIR', async () => {
  linkSdks();
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'zy-fdir-')), EMULATOR_FUNCTIONS_DIR: PROJECT },
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const gateway = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        const url = /Function gateway:\s+(\S+)\/<name>/.exec(out)?.[1];
        if (url && out.includes('Press Ctrl+C')) resolve(url);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then((code) => reject(new Error(`emulator exited with ${code}:\n${out}`)));
    });
    expect(out).toContain(`Functions: legacy, modern, nightly (from EMULATOR_FUNCTIONS_DIR ${PROJECT})`);
    expect(out).toContain('nightly/everySecond "* * * * * * *"');
    expect(out).not.toMatch(/Seeded demo data/);
    const res = await fetch(`${gateway}/legacy`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'openid-dave' }, body: JSON.stringify({ op: 'whoami' }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { wxContext: { OPENID: string }; greeting: string };
    expect(body.wxContext.OPENID).toBe('openid-dave');
    expect(body.greeting).toBe('你好，openid-dave');
  } finally {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
}, 120_000);
