/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 发现's 为你推荐 through the real `project` function: a registered volunteer with a location sees a few projects
// chosen for them above the list, each with its shift and reasons; not registered, nothing that fits, no location
// or a failing recommendation leave the list exactly as it is.
import type { ProjectInput } from '../../../typings/project-actions';
import { shiftTimeText } from '../../common/project-labels';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { adultRegistration, idNumber } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';
import { call } from '../../services/api';
import { FOR_YOU_INVITE_TEXT, FOR_YOU_SHOWN } from './view-model';

interface Publisher {
  admin: { openid: string };
  orgId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name: string): Promise<Publisher>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: { errMsg: string }) => void };
type CallOption = { name: string; data?: { action?: string }; success?: (res: unknown) => void; fail?: (err: unknown) => void };

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const HERE = { latitude: 24.48, longitude: 118.09 };
/** Seven projects for volunteers of 35 or younger, 1 km apart east of HERE, and their shifts' times. */
const PROJECTS = 7;
const shiftTimes = new Map<string, string>();

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('pages/discover/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-foryou-page-young');
  const org = await fixtures.publisher(emu, '厦门青年志愿服务队');
  for (let i = 0; i < PROJECTS; i++) {
    const form = support.formStartingIn(new Date(), 3 + i, {
      title: `青年服务第${i + 1}场`,
      category: 'community',
      place: { address: `思明区第${i + 1}站`, longitude: HERE.longitude + (i + 1) / 101.2, latitude: HERE.latitude, regionCode: '350203', checkinRadiusM: 300 },
      conditions: { skills: [], scope: 'open', maxAge: 35, minorsAllowed: false },
    });
    const projectId = await fixtures.published(org, form);
    shiftTimes.set(projectId, shiftTimeText(form.shifts[0]!.startsAt, form.shifts[0]!.endsAt));
  }
  // Born 2000: every project fits. Born 1988 (adultRegistration's year): none does.
  bridge.actAs('openid-foryou-page-young');
  const young = adultRegistration('林青年');
  const registered = await call('volunteer', 'register', { ...young, credential: { type: 'CN_ID', number: idNumber('35010220000101561') } });
  if (!registered.ok) throw new Error(registered.error.message);
  bridge.actAs('openid-foryou-page-older');
  const older = await call('volunteer', 'register', adultRegistration('王年长'));
  if (!older.ok) throw new Error(older.error.message);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

function located(yes: boolean) {
  jest.spyOn(wx, 'getSetting').mockImplementation(((o: Callbacks<unknown>) => o.success?.({ authSetting: yes ? { 'scope.userLocation': true } : {} })) as never);
  jest.spyOn(wx, 'getLocation').mockImplementation(((o: Callbacks<typeof HERE>) => o.success?.(HERE)) as never);
}

/** Every action the page called, in order (the bridge records only function names). */
function actionsCalled(): string[] {
  const actions: string[] = [];
  const cloud = (wx as unknown as { cloud: { callFunction(o: CallOption): unknown } }).cloud;
  const original = cloud.callFunction.bind(cloud);
  jest.spyOn(cloud, 'callFunction').mockImplementation((o: CallOption) => {
    actions.push(`${o.name}.${o.data?.action}`);
    return original(o);
  });
  return actions;
}

async function open(): Promise<Rendered> {
  const page = render(pageId);
  await (page.instance as unknown as { onShow(): Promise<void> }).onShow();
  return page;
}

const listTitles = (page: Rendered) => (page.instance.data as { items: Array<{ title: string }> }).items.map((i) => i.title);
const forYouCards = (page: Rendered) => page.querySelectorAll('.for-you-card');
const reasonsOf = (page: Rendered, n: number) => textOf(page, `#for-you-reasons-${n}`);

test('registered and located: a few projects chosen for me above the list, each with its shift and reasons', async () => {
  bridge.actAs('openid-foryou-page-young');
  located(true);
  const page = await open();

  expect(textOf(page, '#for-you')).toContain('为你推荐');
  expect(forYouCards(page)).toHaveLength(FOR_YOU_SHOWN);
  const first = (page.instance.data as { forYou: { cards: Array<{ projectId: string; shiftId: string }> } }).forYou.cards[0]!;
  // The nearest first, with its shift's time and its reasons joined by a middle dot.
  expect(textOf(page, '#for-you-0')).toContain('青年服务第1场');
  expect(textOf(page, '#for-you-0')).toContain(shiftTimes.get(first.projectId)!);
  expect(reasonsOf(page, 0)).toMatch(/^距离 1\.0 km( · [^·]+)*$/);
  expect(reasonsOf(page, 0)).toContain('意向：社区服务');
  // The list below is the list as always: every project, nearest first.
  expect(listTitles(page)).toHaveLength(PROJECTS);
  expect(listTitles(page)[0]).toBe('青年服务第1场');
  shot(page, 'for-you');

  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#for-you-0');
  expect(navigate).toHaveBeenCalledWith(
    expect.objectContaining({ url: `/project/detail/index?projectId=${first.projectId}&shiftId=${encodeURIComponent(first.shiftId)}` }),
  );
});

test('a registered volunteer nothing fits sees no section, and the list is unchanged', async () => {
  bridge.actAs('openid-foryou-page-older');
  located(true);
  const actions = actionsCalled();
  const page = await open();
  expect(actions).toContain('project.forYou');
  expect(page.querySelector('#for-you')).toBeFalsy();
  expect(page.querySelector('#for-you-invite')).toBeFalsy();
  expect(listTitles(page)).toHaveLength(PROJECTS);
});

test('not registered: one line inviting registration instead of the section; it opens registration', async () => {
  bridge.actAs('openid-foryou-page-stranger');
  located(true);
  const page = await open();
  expect(page.querySelector('#for-you')).toBeFalsy();
  expect(textOf(page, '#for-you-invite')).toBe(`${FOR_YOU_INVITE_TEXT} ›`);
  expect(listTitles(page)).toHaveLength(PROJECTS);
  shot(page, 'for-you-invite');

  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#for-you-invite');
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/register/index' }));
});

test('without a location nothing is recommended or even asked for; the list shows soonest first', async () => {
  bridge.actAs('openid-foryou-page-young');
  located(false);
  const actions = actionsCalled();
  const page = await open();
  expect(page.querySelector('#location-prompt')).toBeTruthy();
  expect(actions).toEqual(['project.discover']);
  expect(page.querySelector('#for-you')).toBeFalsy();
  expect(listTitles(page)[0]).toBe('青年服务第1场');
});

test('a recommendation that fails leaves no trace: the list is there, and pulling down tries again', async () => {
  bridge.actAs('openid-foryou-page-young');
  located(true);
  const cloud = (wx as unknown as { cloud: { callFunction(o: CallOption): unknown } }).cloud;
  const original = cloud.callFunction.bind(cloud);
  let failing = true;
  jest.spyOn(cloud, 'callFunction').mockImplementation((o: CallOption) => {
    // As wx.cloud.callFunction answers when the function crashed or timed out.
    if (failing && o.data?.action === 'forYou') return void o.fail?.({ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' });
    return original(o);
  });
  const page = await open();
  expect(page.querySelector('#for-you')).toBeFalsy();
  expect(page.querySelector('#for-you-invite')).toBeFalsy();
  expect(page.querySelector('#list-error')).toBeFalsy();
  expect(listTitles(page)).toHaveLength(PROJECTS);
  shot(page, 'for-you-failed');

  failing = false;
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  expect(forYouCards(page)).toHaveLength(FOR_YOU_SHOWN);
  expect(listTitles(page)).toHaveLength(PROJECTS);
});

test('choosing another place while a recommendation is on its way: only the new place’s answer shows', async () => {
  bridge.actAs('openid-foryou-page-young');
  located(true);
  const cloud = (wx as unknown as { cloud: { callFunction(o: CallOption): unknown } }).cloud;
  const original = cloud.callFunction.bind(cloud);
  let held: (() => void) | undefined;
  jest.spyOn(cloud, 'callFunction').mockImplementation((o: CallOption) => {
    // The first recommendation (for HERE) is held back until the second (for the far place) has answered.
    if (o.data?.action === 'forYou' && !held) {
      held = () => original(o);
      return undefined;
    }
    return original(o);
  });
  // 500 km north: every project is still the nearest there, but each is 500 km away.
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: Callbacks<unknown>) =>
    o.success?.({ name: '远方', address: '远方', latitude: HERE.latitude + 4.5, longitude: HERE.longitude })) as never);
  const page = render(pageId);
  const first = (page.instance as unknown as { onShow(): Promise<void> }).onShow();
  await waitFor(() => held !== undefined);
  await (page.instance as unknown as { onChoosePlace(): Promise<void> }).onChoosePlace();
  expect(reasonsOf(page, 0)).not.toContain('距离 1.0 km');
  held!();
  await first;
  expect(textOf(page, '#place')).toBe('当前位置：远方');
  expect(reasonsOf(page, 0)).not.toContain('距离 1.0 km');
});
