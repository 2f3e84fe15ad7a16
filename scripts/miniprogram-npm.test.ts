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
      new Function('module', 'exports', 'require', fs.readFileSync(file, 'utf8'))(module, module.exports, req);
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

test('miniprogram/package.json depends on dayjs only, on the range the root installs', () => {
  const miniprogram = readJson('miniprogram/package.json');
  expect(miniprogram.dependencies).toEqual({ dayjs: readJson('package.json').dependencies.dayjs });
  expect(miniprogram.devDependencies).toBeUndefined();
  // the standard npm build: DevTools finds miniprogram/package.json inside miniprogramRoot
  const project = readJson('project.config.json');
  expect(project.miniprogramRoot).toBe('miniprogram/');
  expect(project.setting.packNpmManually).toBe(false);
});

test('dayjs core and its utc plugin, nothing else, about 9 KB', () => {
  const files = shippedFiles();
  expect(files.map((f) => f.request)).toEqual(['dayjs', 'dayjs/plugin/utc']);
  const total = files.reduce((n, f) => n + f.bytes, 0);
  expect(total).toBeGreaterThan(5_000);
  expect(total).toBeLessThan(16_000);
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
