// `npm run bench`: figures and ratios, never assertions. Run on the machine at hand; compare runs by their ratios.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../emulator/src/config';
import { shippedFiles } from '../scripts/miniprogram-npm.cjs';
import { databaseBench } from './database';
import { discoveryBench } from './discovery';
import { functionsBench } from './functions';
import { attendanceBench } from './attendance';
import { hoursBench } from './hours';
import { signupBench } from './signup';
import { scaleBench } from './scale';
import { certificateBench } from './certificate';
import { assignmentBench } from './assignment';
import { matchingBench } from './matching';
import { notifyBench } from './notify';
import { helpBench } from './help';

const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;
// As in the tests: skip the SDK's per-request probe of the Tencent Cloud metadata host (see scripts/jest-setup-env.js).
process.env.TENCENTCLOUD = 'true';

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
  // What DevTools uploads: project.config.json's packOptions.ignore leaves tests and their helpers out. WeChat allows
  // 2 MB for the main package and for each subpackage (app.json subPackages), 20 MB for all of them together.
  const miniprogramDir = path.join(PROJECT_ROOT, 'miniprogram');
  // node_modules is never uploaded; miniprogram_npm is counted from the files `npm run miniprogram:npm` ships
  // (whether or not a local build has written it), so every run counts the same.
  const notShipped = (r: string) => /\.test\.ts$|^test-support|tsconfig.*\.json$|(^|\/)node_modules$|^miniprogram_npm$/.test(r);
  const roots: string[] = (JSON.parse(fs.readFileSync(path.join(miniprogramDir, 'app.json'), 'utf8')).subPackages ?? []).map((p: { root: string }) => p.root.replace(/\/$/, ''));
  const percent = (bytes: number) => `${((bytes / MAIN_PACKAGE_LIMIT) * 100).toFixed(1)}%`;
  const npm = shippedFiles();
  const npmBytes = npm.reduce((n, f) => n + f.bytes, 0);
  const main = sizeOf(miniprogramDir, (r) => notShipped(r) || roots.includes(r)) + npmBytes;
  const subSizes = roots.map((root) => [root, sizeOf(path.join(miniprogramDir, root), notShipped)] as const);
  const shipped = main + subSizes.reduce((n, [, size]) => n + size, 0);
  console.log(`mini-program: main package ${(main / 1024).toFixed(1)} KB of the ${MAIN_PACKAGE_LIMIT / 1024} KB limit (${percent(main)}); ${(shipped / 1024).toFixed(1)} KB in all`);
  console.log(`  of which miniprogram_npm ${(npmBytes / 1024).toFixed(1)} KB: ${npm.map((f) => `${f.target} ${(f.bytes / 1024).toFixed(1)} KB`).join(', ')}`);
  for (const [root, size] of subSizes) console.log(`  subpackage ${root}: ${(size / 1024).toFixed(1)} KB (${percent(size)} of its 2048 KB)`);
  const functionsDir = path.join(PROJECT_ROOT, 'cloudfunctions');
  for (const name of fs.readdirSync(functionsDir)) {
    const bundle = path.join(functionsDir, name, 'index.js');
    if (!name.startsWith('_') && fs.existsSync(bundle)) console.log(`function ${name}: bundle ${(fs.statSync(bundle).size / 1024).toFixed(1)} KB`);
  }
}

/** `npm run bench -- discovery signup`: only the parts named (all without a name). */
const PARTS: Record<string, () => void | Promise<void>> = {
  size: sizeBench,
  scale: scaleBench,
  database: databaseBench,
  functions: functionsBench,
  signup: signupBench,
  attendance: attendanceBench,
  discovery: discoveryBench,
  hours: hoursBench,
  certificate: certificateBench,
  matching: matchingBench,
  assignment: assignmentBench,
  notify: notifyBench,
  help: helpBench,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in PARTS));
  if (unknown.length > 0) throw new Error(`bench: no part named ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`);
  for (const [name, part] of Object.entries(PARTS)) if (asked.length === 0 || asked.includes(name)) await part();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
