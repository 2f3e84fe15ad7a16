// `npm run bench`: figures and ratios, never assertions. Run on the machine at hand; compare runs by their ratios.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../emulator/src/config';
import { startEmulator } from '../emulator/src/server';
import { databaseBench } from './database';

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
// As in the tests: skip the SDK's per-request probe of the Tencent Cloud metadata host (see scripts/jest-setup-env.js).
process.env.TENCENTCLOUD = 'true';

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

async function functionBench(): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true });
  const post = (openid: string) =>
    fetch(`${emu.gatewayUrl}/user`, { method: 'POST', headers: { 'x-wx-openid': openid }, body: JSON.stringify({ action: 'session' }) }).then((r) => r.json());
  const [, coldMs] = await time(() => post('bench-cold'));
  const warm: number[] = [];
  for (let i = 0; i < 30; i++) warm.push((await time(() => post(`bench-warm-${i % 3}`)))[1]);
  warm.sort((a, b) => a - b);
  const callers = 200;
  const [, burstMs] = await time(() => Promise.all(Array.from({ length: callers }, (_, i) => post(`bench-burst-${i}`))));
  console.log(`functions: user.session cold ${fmt(coldMs)} · warm median ${fmt(warm[15])} · cold/warm ${(coldMs / warm[15]).toFixed(1)}×`);
  console.log(`functions: ${callers} concurrent first sessions in ${fmt(burstMs)} (${(callers / (burstMs / 1000)).toFixed(0)} calls/s)`);
  await emu.stop();
}

function sizeOf(dir: string, skip: (rel: string) => boolean, rel = ''): number {
  let total = 0;
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, entry.name);
    if (skip(r)) continue;
    total += entry.isDirectory() ? sizeOf(dir, skip, r) : fs.statSync(path.join(dir, r)).size;
  }
  return total;
}

function sizeBench(): void {
  // What DevTools uploads: project.config.json's packOptions.ignore leaves tests and their helpers out.
  const shipped = sizeOf(path.join(PROJECT_ROOT, 'miniprogram'), (r) => /\.test\.ts$|^test-support|tsconfig.*\.json$/.test(r));
  console.log(`mini-program: ${(shipped / 1024).toFixed(1)} KB shipped of the ${MAIN_PACKAGE_LIMIT / 1024} KB main-package limit (${((shipped / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%)`);
  const functionsDir = path.join(PROJECT_ROOT, 'cloudfunctions');
  for (const name of fs.readdirSync(functionsDir)) {
    const bundle = path.join(functionsDir, name, 'index.js');
    if (!name.startsWith('_') && fs.existsSync(bundle)) console.log(`function ${name}: bundle ${(fs.statSync(bundle).size / 1024).toFixed(1)} KB`);
  }
}

async function main(): Promise<void> {
  sizeBench();
  await databaseBench();
  await functionBench();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
