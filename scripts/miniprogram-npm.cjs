// `npm run miniprogram:npm`: completes WeChat DevTools' 构建 npm (Tools → Build npm) for the one npm package the
// mini-program uses, dayjs (miniprogram/package.json). DevTools packs a package that is not a mini-program package
// (no miniprogram_dist) from its `main` file and what that file requires, into miniprogram_npm/<name>/index.js
// (miniprogram-ci 2.1.42, the packer extracted from DevTools: packnpm.js packJs; dayjs issue #1326). dayjs's main,
// dayjs.min.js, requires nothing, so miniprogram_npm/dayjs/plugin/utc.js is never written and the mini-program's
// require('dayjs/plugin/utc') fails. This writes what the mini-program requires, from the installed dayjs:
//   miniprogram/miniprogram_npm/dayjs/index.js       = dayjs/dayjs.min.js (UMD: it sets module.exports)
//   miniprogram/miniprogram_npm/dayjs/plugin/utc.js  = dayjs/plugin/utc.js
// Run it after each 构建 npm (which empties miniprogram_npm first). miniprogram_npm/ is build output, git-ignored.
// Types: miniprogram-npm.d.cts. Test: miniprogram-npm.test.ts. The size bench counts the same files.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const ROOT = path.join(__dirname, '..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');

/** What the mini-program requires → the file of the dayjs package that answers it. */
const SHIPPED = Object.freeze([
  { request: 'dayjs', target: 'dayjs/index.js', source: 'dayjs.min.js' },
  { request: 'dayjs/plugin/utc', target: 'dayjs/plugin/utc.js', source: 'plugin/utc.js' },
]);

/** The dayjs DevTools would build from: miniprogram/node_modules when installed there, else the root's (node's own lookup). */
function dayjsDir() {
  return path.dirname(createRequire(path.join(MINIPROGRAM, 'package.json')).resolve('dayjs/package.json'));
}

/** The files shipped in the main package for dayjs, with their sizes. */
function shippedFiles() {
  const dir = dayjsDir();
  return SHIPPED.map((f) => ({ ...f, source: path.join(dir, f.source), bytes: fs.statSync(path.join(dir, f.source)).size }));
}

/** Writes them under `npmDir` (miniprogram/miniprogram_npm by default); returns what was written. */
function packMiniprogramNpm(npmDir = path.join(MINIPROGRAM, 'miniprogram_npm')) {
  const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'package.json'), 'utf8')).dependencies ?? {});
  if (deps.join() !== 'dayjs') throw new Error(`miniprogram/package.json: expected dayjs as the only dependency, found ${deps.join(', ') || 'none'}`);
  const files = shippedFiles();
  for (const f of files) {
    const out = path.join(npmDir, f.target);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.copyFileSync(f.source, out);
  }
  return files.map((f) => ({ ...f, target: path.join(npmDir, f.target) }));
}

module.exports = { SHIPPED, shippedFiles, packMiniprogramNpm };

if (require.main === module) {
  const files = packMiniprogramNpm();
  const total = files.reduce((n, f) => n + f.bytes, 0);
  for (const f of files) console.log(`${path.relative(ROOT, f.target)} ← ${path.relative(ROOT, f.source)} (${(f.bytes / 1024).toFixed(1)} KB)`);
  console.log(`miniprogram_npm: dayjs ${(total / 1024).toFixed(1)} KB`);
}
