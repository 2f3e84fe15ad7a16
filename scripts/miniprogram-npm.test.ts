// The mini-program's npm: dayjs only, and what `npm run miniprogram:npm` writes is what calendar.ts needs when the
// mini-program loads it: the code compiled as TypeScript compiles it (CommonJS, no interop helpers) and every
// require answered from miniprogram_npm alone, as WeChat resolves an npm require.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { SHIPPED, packMiniprogramNpm, shippedFiles } from './miniprogram-npm.cjs';

const ROOT = path.join(__dirname, '..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));

/** A CommonJS loader that finds npm modules only under `npmDir`, as the mini-program runtime does (path, .js, /index.js). */
function miniprogramRequire(npmDir: string) {
  const cache = new Map<string, unknown>();
  const load = (file: string): unknown => {
    if (!cache.has(file)) {
      const module = { exports: {} as unknown };
      cache.set(file, module);
      // The mini-program has no `process`: a package that looks for node (js-sha256) must not find it here either.
      new Function('module', 'exports', 'require', 'process', fs.readFileSync(file, 'utf8'))(module, module.exports, req, undefined);
    }
    return (cache.get(file) as { exports: unknown }).exports;
  };
  const req = (request: string): unknown => {
    const base = path.join(npmDir, request);
    const file = [base, `${base}.js`, path.join(base, 'index.js')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!file) throw new Error(`module 'miniprogram_npm/${request}.js' is not defined`);
    return load(file);
  };
  return { req, load };
}

function compiledCalendar(): string {
  const source = fs.readFileSync(path.join(ROOT, 'miniprogram/domain/calendar.ts'), 'utf8');
  const config = readJson('miniprogram/tsconfig.json').compilerOptions;
  expect(config.esModuleInterop).toBeUndefined(); // the mini-program compiles without interop helpers
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-npm-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('miniprogram/package.json depends on dayjs, js-sha256 and qrcode-generator, on the ranges the root installs', () => {
  const miniprogram = readJson('miniprogram/package.json');
  const root = readJson('package.json').dependencies;
  expect(miniprogram.dependencies).toEqual({ dayjs: root.dayjs, 'js-sha256': root['js-sha256'], 'qrcode-generator': root['qrcode-generator'] });
  expect(miniprogram.devDependencies).toBeUndefined();
  // the standard npm build: DevTools finds miniprogram/package.json inside miniprogramRoot
  const project = readJson('project.config.json');
  expect(project.miniprogramRoot).toBe('miniprogram/');
  expect(project.setting.packNpmManually).toBe(false);
});

test('dayjs core and its utc plugin (about 9 KB), the station\'s HMAC and QR (about 66 KB), nothing else', () => {
  const files = shippedFiles();
  expect(files.map((f) => f.request)).toEqual(['dayjs', 'dayjs/plugin/utc', 'js-sha256', 'qrcode-generator']);
  const dayjs = files.filter((f) => f.package === 'dayjs').reduce((n, f) => n + f.bytes, 0);
  expect(dayjs).toBeGreaterThan(5_000);
  expect(dayjs).toBeLessThan(16_000);
  const station = files.filter((f) => f.package !== 'dayjs').reduce((n, f) => n + f.bytes, 0);
  expect(station).toBeLessThan(80_000);
});

test('the station code runs in the mini-program from what miniprogram:npm writes: js-sha256 matches node, the QR is a GIF', () => {
  packMiniprogramNpm(dir);
  const load = (name: string) => miniprogramRequire(dir).load(path.join(dir, name, 'index.js')) as Record<string, unknown>;
  const sha = load('js-sha256') as { sha256: { hmac: { hex(key: string, message: string): string } } };
  expect(sha.sha256.hmac.hex('key', 'station\nshift\n1')).toBe(require('node:crypto').createHmac('sha256', 'key').update('station\nshift\n1').digest('hex'));
  const qrcode = load('qrcode-generator') as unknown as (type: number, level: string) => { addData(t: string): void; make(): void; createDataURL(c: number, m: number): string };
  const qr = qrcode(0, 'M');
  qr.addData('ZYS1.shift.abc.0123456789abcdef');
  qr.make();
  expect(qr.createDataURL(8, 16)).toMatch(/^data:image\/gif;base64,/);
});

test('calendar.ts runs in the mini-program from what miniprogram:npm writes', () => {
  const written = packMiniprogramNpm(dir);
  expect(written.map((f) => path.relative(dir, f.target))).toEqual(SHIPPED.map((f) => f.target));
  const code = compiledCalendar();
  expect(code).toContain('require("dayjs")');
  expect(code).toContain('require("dayjs/plugin/utc")');
  expect(code).not.toMatch(/__importDefault|\.default\b/);
  const file = path.join(dir, 'calendar.js');
  fs.writeFileSync(file, code);
  const calendar = miniprogramRequire(dir).load(file) as typeof import('../miniprogram/domain/calendar');
  expect(calendar.shanghaiDateTime('2026-12-31T15:59:59Z')).toBe('2026-12-31 23:59');
  expect(calendar.shanghaiDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  expect(calendar.shanghaiDate(new Date('2028-02-28T16:00:00Z'))).toEqual({ year: 2028, month: 2, day: 29 });
});

test("DevTools' build alone (dayjs's main as index.js) leaves the plugin out, which is why the script exists", () => {
  fs.mkdirSync(path.join(dir, 'dayjs'));
  fs.copyFileSync(shippedFiles()[0].source, path.join(dir, 'dayjs/index.js'));
  const file = path.join(dir, 'calendar.js');
  fs.writeFileSync(file, compiledCalendar());
  expect(() => miniprogramRequire(dir).load(file)).toThrow("module 'miniprogram_npm/dayjs/plugin/utc.js' is not defined");
});
