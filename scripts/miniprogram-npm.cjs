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

/**
 * What the mini-program requires → the file of the package that answers it. Issue 9 added the station's two
 * (org/station makes its QR offline): js-sha256's minified build (its `main`, src/sha256.js, requires node's crypto
 * and buffer inside a branch the mini-program never takes; the build is the same code minified) and
 * qrcode-generator's qrcode.js (UMD, requires nothing).
 */
const SHIPPED = Object.freeze([
  { package: 'dayjs', request: 'dayjs', target: 'dayjs/index.js', source: 'dayjs.min.js' },
  { package: 'dayjs', request: 'dayjs/plugin/utc', target: 'dayjs/plugin/utc.js', source: 'plugin/utc.js' },
  { package: 'js-sha256', request: 'js-sha256', target: 'js-sha256/index.js', source: 'build/sha256.min.js' },
  { package: 'qrcode-generator', request: 'qrcode-generator', target: 'qrcode-generator/index.js', source: 'qrcode.js' },
]);

/** The package DevTools would build from: miniprogram/node_modules when installed there, else the root's (node's own lookup). */
function packageDir(name) {
  return path.dirname(createRequire(path.join(MINIPROGRAM, 'package.json')).resolve(`${name}/package.json`));
}

/** The files shipped in the main package, with their sizes. */
function shippedFiles() {
  return SHIPPED.map((f) => {
    const source = path.join(packageDir(f.package), f.source);
    return { ...f, source, bytes: fs.statSync(source).size };
  });
}

/** Writes them under `npmDir` (miniprogram/miniprogram_npm by default); returns what was written. */
function packMiniprogramNpm(npmDir = path.join(MINIPROGRAM, 'miniprogram_npm')) {
  const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'package.json'), 'utf8')).dependencies ?? {});
  const expected = [...new Set(SHIPPED.map((f) => f.package))].sort().join();
  if ([...deps].sort().join() !== expected) throw new Error(`miniprogram/package.json: expected the dependencies ${expected}, found ${deps.join(', ') || 'none'}`);
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
  console.log(`miniprogram_npm: ${(total / 1024).toFixed(1)} KB`);
}
