/** @jest-environment jsdom */
// shot() for `npm run shots`: nothing without ZY_SHOTS_DIR; with it, the page's tree with the properties of its
// built-in components, which scripts/shots turns into an HTML page showing what the person sees.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pageDocument, parseDump } from '../../scripts/shots/page-html';
import { load, render, shot, typeInto } from './simulate';

const registerId = load('volunteer/register/index');
const hoursId = load('pages/hours/index');
const read = (file: string) => {
  const full = path.join(__dirname, '..', file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zy-shot-test-'));
});
afterEach(() => {
  delete process.env['ZY_SHOTS_DIR'];
  fs.rmSync(dir, { recursive: true, force: true });
});

test('writes nothing when ZY_SHOTS_DIR is unset, and refuses a state name a file name cannot carry', () => {
  delete process.env['ZY_SHOTS_DIR'];
  const page = render(hoursId);
  shot(page, 'empty');
  expect(fs.readdirSync(dir)).toEqual([]);
  expect(() => shot(page, 'Empty State')).toThrow('lowercase words');
});

test('a filled form becomes an HTML page with its text, typed values, placeholders and title', async () => {
  process.env['ZY_SHOTS_DIR'] = dir;
  const page = render(registerId);
  await typeInto(page, '#name', '张三');
  shot(page, 'identity-filled');
  shot(page, 'identity-filled');

  // A name used twice keeps both.
  expect(fs.readdirSync(dir).sort()).toEqual(['volunteer_register_index--identity-filled-2.json', 'volunteer_register_index--identity-filled.json']);
  const file = path.join(dir, 'volunteer_register_index--identity-filled.json');
  const dump = parseDump(fs.readFileSync(file, 'utf8'), file);
  expect(dump).toMatchObject({ page: 'volunteer/register/index', state: 'identity-filled', test: 'miniprogram/test-support/shot.test.ts' });
  // Properties j-component keeps off the DOM are in the dump, with WXML's dashed names.
  expect(dump.html).toMatch(/<wx-input aria-label="姓名" data-field="name" id="name" placeholder="与证件上一致" value="张三"/);

  const html = pageDocument({ dump, scheme: 'light', read, fileUrl: (p) => p });
  expect(html).toContain('<span class="shot-title">志愿者实名注册</span>');
  expect(html).toContain('<span class="wx-field-value">张三</span>');
  expect(html).toContain('<span class="wx-field-placeholder">请输入证件号码</span>');
  expect(html).toContain('居民身份证');
  expect(html).toContain('>下一步</wx-button>');
  expect(html).toContain('.main--btn-primary{');
});

test('a tab page is drawn with the tab bar', () => {
  process.env['ZY_SHOTS_DIR'] = dir;
  // Rendered without a cloud, 我的时长 stays in its first state: loading.
  shot(render(hoursId), 'loading');
  const file = path.join(dir, 'pages_hours_index--loading.json');
  const html = pageDocument({ dump: parseDump(fs.readFileSync(file, 'utf8'), file), scheme: 'dark', read, fileUrl: (p) => p });
  expect(html).toContain('加载中…');
  expect(html).toMatch(/<span class="shot-tab[^"]*" style="color:#f06a5a"><span class="shot-tab-icon"><img src="[^"]*images\/tab\/hours-selected-dark\.png"><\/span><span>我的时长<\/span>/);
});
