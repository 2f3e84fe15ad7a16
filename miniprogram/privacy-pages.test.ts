/** @jest-environment jsdom */
// Every page that uses a private-information API carries the shared privacy popup, and it opens when WeChat asks
// (wx.onNeedPrivacyAuthorization → app.ts → services/privacy.ts) and lets the waiting API go on when the person
// agrees. Which APIs count: WeChat's 小程序用户隐私保护指引内容介绍 (location, chosen location, phone number,
// clipboard, chosen photos or videos, album writes, files, address, calendar writes).
import * as fs from 'fs';
import * as path from 'path';
import { ALL_ROUTES } from './domain/routes';
import { AGREE_BUTTON_ID, privacyGate, purposeOf } from './services/privacy';
import type { PrivacyDecision } from './services/wechat';
import { loadSharing, render, textOf, waitFor, type Rendered } from './test-support/simulate';

const root = __dirname;
const PRIVATE_APIS = [
  'getLocation',
  'chooseLocation',
  'getFuzzyLocation',
  'chooseAddress',
  'setClipboardData',
  'getClipboardData',
  'chooseMedia',
  'chooseImage',
  'chooseVideo',
  'chooseMessageFile',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'addPhoneCalendar',
];
const PRIVATE_BUTTONS = ['getPhoneNumber', 'getRealtimePhoneNumber', 'chooseAvatar'];

const read = (file: string) => (fs.existsSync(path.join(root, file)) ? fs.readFileSync(path.join(root, file), 'utf8') : '');

/** The referrers WeChat would report for a page: the APIs its code calls and the private buttons its WXML has. */
function referrersOf(page: string): string[] {
  const dir = path.dirname(page);
  const code = fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => read(path.join(dir, f)))
    .join('\n');
  const apis = PRIVATE_APIS.filter((api) => new RegExp(`\\b(?:wechat|wx)\\.${api}\\(`).test(code));
  const buttons = PRIVATE_BUTTONS.filter((b) => new RegExp(`open-type="[^"]*\\b${b}\\b`).test(read(`${page}.wxml`)));
  return [...apis, ...buttons.map((b) => `button.${b}`)];
}

const pages = ALL_ROUTES.map((r) => r.slice(1));
const privatePages = pages.filter((p) => referrersOf(p).length > 0);

describe('which pages need the popup', () => {
  it('finds the pages that use private information', () => {
    expect(privatePages).toEqual(expect.arrayContaining(['pages/discover/index', 'volunteer/register/index', 'volunteer/my-data/index']));
    expect(referrersOf('volunteer/my-data/index')).toEqual(['setClipboardData', 'button.getPhoneNumber']);
  });

  it.each(privatePages)('%s carries the shared popup', (page) => {
    const json = JSON.parse(read(`${page}.json`)) as { usingComponents?: Record<string, string> };
    expect(json.usingComponents?.['privacy-popup']).toBe('/components/privacy-popup/index');
    expect(read(`${page}.wxml`)).toMatch(/<privacy-popup id="privacy-popup"\s*\/>/);
  });

  it('tells the purpose of every private API the pages use', () => {
    for (const referrer of privatePages.flatMap(referrersOf)) expect(purposeOf(referrer)).not.toBe(purposeOf('an API nobody uses'));
  });
});

describe('the popup opens when WeChat asks, on the page on screen', () => {
  const ids = loadSharing(privatePages, { 'privacy-popup': 'components/privacy-popup/index' });
  const opened: Rendered[] = [];
  afterEach(() => opened.splice(0).forEach((page) => page.detach()));

  function open(page: string): Rendered {
    const rendered = render(ids.get(page)!);
    opened.push(rendered);
    return rendered;
  }
  const sheetOf = (page: Rendered) => page.querySelector('#privacy-popup')!.querySelector('.privacy-sheet');

  /** As WeChat does: the API waits, reporting each decision it is given. */
  function privateApiCall(referrer: string): PrivacyDecision[] {
    const decisions: PrivacyDecision[] = [];
    privacyGate.request((d) => decisions.push(d), referrer);
    return decisions;
  }

  const cases = privatePages.flatMap((page) => referrersOf(page).map((referrer) => [page, referrer] as const));
  it.each(cases)('%s: %s waits for the agreement and goes on when the person agrees', async (page, referrer) => {
    const rendered = open(page);
    const popup = rendered.querySelector('#privacy-popup')!;
    expect(sheetOf(rendered)).toBeFalsy();

    const decisions = privateApiCall(referrer);
    await waitFor(() => sheetOf(rendered));
    expect(textOf(popup, '.privacy-title')).toBe('隐私保护指引');
    expect(textOf(popup, '#privacy-purpose')).toBe(purposeOf(referrer));
    expect(decisions).toEqual([{ event: 'exposureAuthorization' }]);

    popup.querySelector(`#${AGREE_BUTTON_ID}`)!.dispatchEvent('agreeprivacyauthorization');
    await waitFor(() => !sheetOf(rendered));
    expect(decisions).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: AGREE_BUTTON_ID }]);
  });

  it('refusing fails the waiting API and closes the popup', async () => {
    const rendered = open('volunteer/register/index');
    const decisions = privateApiCall('button.getPhoneNumber');
    await waitFor(() => sheetOf(rendered));
    rendered.querySelector('#privacy-popup')!.querySelector('.btn-plain')!.dispatchEvent('tap');
    await waitFor(() => !sheetOf(rendered));
    expect(decisions.at(-1)).toEqual({ event: 'disagree' });
  });

  it('only the page on top shows it; going back hands it to the page below', async () => {
    const discover = open('pages/discover/index');
    const myData = open('volunteer/my-data/index');
    const first = privateApiCall('setClipboardData');
    await waitFor(() => sheetOf(myData));
    expect(sheetOf(discover)).toBeFalsy();
    myData.querySelector('#privacy-popup')!.querySelector(`#${AGREE_BUTTON_ID}`)!.dispatchEvent('agreeprivacyauthorization');
    await waitFor(() => first.length === 2);

    opened.splice(opened.indexOf(myData), 1);
    myData.detach();
    const second = privateApiCall('getLocation');
    await waitFor(() => sheetOf(discover));
    expect(textOf(discover.querySelector('#privacy-popup')!, '#privacy-purpose')).toBe(purposeOf('getLocation'));
    expect(second).toEqual([{ event: 'exposureAuthorization' }]);
  });
});
