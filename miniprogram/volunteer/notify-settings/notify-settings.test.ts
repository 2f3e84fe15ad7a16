/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 消息设置 through the real `notify` function: the switches in the server's groups with urgent kinds marked, the
// default quiet hours, a switch saved at once and put back when the save fails, two quick changes, quiet hours
// checked on the phone and refused by the server, the recommendation opt-in, the official-account line; 紧急求助
// (help.willing / help.setWilling): the place asked for first, the radius, off and on again.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, render, shot, simulate, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/notify-settings/index', { 'privacy-popup': load('components/privacy-popup/index', undefined, 'privacy-popup') });
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type SettingsPage = Rendered & {
  instance: {
    onLoad(): Promise<void>;
    onToggleKind(e: object): Promise<void>;
    onToggleQuiet(e: object): Promise<void>;
    onPickQuiet(e: object): Promise<void>;
    onToggleRecommendations(e: object): Promise<void>;
    save(request: object): Promise<void>;
    onToggleWilling(e: object): Promise<void>;
    onChooseNear(): Promise<void>;
    onRadius(e: object): Promise<void>;
  };
};

async function open(openid: string): Promise<SettingsPage> {
  bridge.actAs(openid);
  const page = render(pageId) as SettingsPage;
  await page.instance.onLoad();
  return page;
}

async function storedPreferences(openid: string): Promise<Record<string, unknown> | undefined> {
  return (await serverDb(emu).collection('notificationPreferences').where({ _id: userIdOf(openid) }).get()).data[0];
}

/** Waits until the stored preferences pass the check (a save the page started without being awaited). */
async function stored(openid: string, check: (p: Record<string, unknown> | undefined) => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check(await storedPreferences(openid))) {
    if (Date.now() > deadline) throw new Error('stored: the preferences never got there');
    await simulate.sleep(20);
  }
}

const switchEvent = (value: boolean, dataset: object = {}) => ({ currentTarget: { dataset }, detail: { value } });
const checked = (page: Rendered, selector: string) => page.data.view.groups.flatMap((g: { kinds: { slug: string; on: boolean }[] }) => g.kinds).find((k: { slug: string }) => `#kind-${k.slug}` === selector)?.on;

test('the switches in their groups, urgent kinds marked, quiet hours 22:00–08:00, not following the account', async () => {
  const openid = 'openid-settings-look';
  await registerVolunteer(bridge, openid, '张三');
  const page = await open(openid);

  expect(page.data.view.status).toBe('ready');
  const groups: string[] = page.data.view.groups.map((g: { name: string }) => g.name);
  expect(groups).toEqual(expect.arrayContaining(['报名', '服务时长', '证明', '提醒']));
  expect(textOf(page, '#row-signup-confirmed')).toContain('报名成功');
  expect(checked(page, '#kind-signup-confirmed')).toBe(true);
  expect(textOf(page, '#urgent-reminder-shift2h')).toBe('紧急提醒，不受免打扰时段限制');
  expect(page.querySelector('#urgent-signup-confirmed')).toBeFalsy();
  // The recommendation opt-in is its own switch, off until chosen.
  expect(page.querySelector('#kind-project-recommended')).toBeFalsy();
  expect(page.data.view.recommendations).toBe(false);
  expect(page.data.view.quiet).toMatchObject({ on: true, start: '22:00', end: '08:00' });
  expect(textOf(page, '#quiet-start')).toBe('22:00');
  expect(textOf(page, '#quiet-end')).toBe('08:00');
  expect(textOf(page, '#follow-text')).toContain('还没有关注「志愿+」公众号');
  shot(page, 'defaults');
});

test('a switch shows at once and is saved; a failed save puts it back and says so', async () => {
  const openid = 'openid-settings-toggle';
  await registerVolunteer(bridge, openid, '李四');
  const page = await open(openid);

  const saving = page.instance.onToggleKind(switchEvent(false, { kind: 'hours.confirmed' }));
  expect(checked(page, '#kind-hours-confirmed')).toBe(false); // before the server answers
  await saving;
  expect((await storedPreferences(openid))?.['off']).toEqual(['hours.confirmed']);
  shot(page, 'kind-off');

  const toast = jest.spyOn(wx, 'showToast');
  bridge.dropNextCalls(1);
  await page.instance.onToggleKind(switchEvent(false, { kind: 'signup.confirmed' }));
  expect(checked(page, '#kind-signup-confirmed')).toBe(true);
  expect(checked(page, '#kind-hours-confirmed')).toBe(false); // what was saved stays
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不稳定，请稍后重试' }));
  expect((await storedPreferences(openid))?.['off']).toEqual(['hours.confirmed']);

  // Through the template too: the switch's change event reaches the handler with its kind.
  await fire(page, '#kind-hours-confirmed', 'change', { value: true });
  expect(checked(page, '#kind-hours-confirmed')).toBe(true);
  await stored(openid, (p) => Array.isArray(p?.['off']) && (p['off'] as unknown[]).length === 0);
});

test('two quick changes: the later answer sets the page; the first one failing does not undo the second', async () => {
  const openid = 'openid-settings-race';
  await registerVolunteer(bridge, openid, '王五');
  const page = await open(openid);
  jest.spyOn(wx, 'showToast');
  bridge.dropNextCalls(1);
  const first = page.instance.onToggleKind(switchEvent(false, { kind: 'signup.waitlisted' }));
  const second = page.instance.onToggleRecommendations(switchEvent(true));
  await Promise.all([first, second]);
  expect(checked(page, '#kind-signup-waitlisted')).toBe(true); // never saved
  expect(page.data.view.recommendations).toBe(true);
  expect(await storedPreferences(openid)).toMatchObject({ off: [], recommendations: true });
});

test('quiet hours: the same time twice is stopped on the phone; a change is saved; off saves none; the server’s refusal is explained', async () => {
  const openid = 'openid-settings-quiet';
  await registerVolunteer(bridge, openid, '赵六');
  const page = await open(openid);
  const callsBefore = bridge.calls.length;

  await page.instance.onPickQuiet({ currentTarget: { dataset: { field: 'end' } }, detail: { value: '22:00' } });
  expect(textOf(page, '#quiet-error')).toBe('免打扰的开始时间和结束时间不能相同');
  expect(bridge.calls.length).toBe(callsBefore); // nothing sent
  shot(page, 'quiet-same');

  await page.instance.onPickQuiet({ currentTarget: { dataset: { field: 'end' } }, detail: { value: '07:30' } });
  expect(page.querySelector('#quiet-error')).toBeFalsy();
  expect((await storedPreferences(openid))?.['quietHours']).toEqual({ start: '22:00', end: '07:30' });

  await page.instance.onToggleQuiet(switchEvent(false));
  expect(page.querySelector('#quiet-start')).toBeFalsy();
  expect((await storedPreferences(openid))?.['quietHours']).toBeNull();
  shot(page, 'quiet-off');
  await page.instance.onToggleQuiet(switchEvent(true)); // the person's times come back
  expect((await storedPreferences(openid))?.['quietHours']).toEqual({ start: '22:00', end: '07:30' });

  // What the phone never sends, the server refuses all the same: the page explains it and keeps what was saved.
  await page.instance.save({ quietHours: { start: '08:00', end: '08:00' } });
  expect(textOf(page, '#quiet-error')).toBe('免打扰的开始时间和结束时间不能相同');
  expect(page.data.view.quiet).toMatchObject({ on: true, start: '22:00', end: '07:30' });
  shot(page, 'quiet-refused');
});

test('the recommendation opt-in is saved', async () => {
  const openid = 'openid-settings-recommend';
  await registerVolunteer(bridge, openid, '钱七');
  const page = await open(openid);
  await page.instance.onToggleRecommendations(switchEvent(true));
  expect(page.data.view.recommendations).toBe(true);
  expect((await storedPreferences(openid))?.['recommendations']).toBe(true);
  const reopened = await open(openid);
  expect(reopened.data.view.recommendations).toBe(true);
});

test('the preferences cannot load: the reason and 重试', async () => {
  const openid = 'openid-settings-offline';
  await registerVolunteer(bridge, openid, '孙八');
  bridge.dropNextCalls(1);
  const page = await open(openid);
  expect(textOf(page, '#error')).toContain('网络不稳定');
  shot(page, 'error');
  await fire(page, '#retry', 'tap');
  await waitFor(() => page.data.view.status === 'ready');
});

async function storedWilling(openid: string): Promise<Record<string, unknown> | undefined> {
  return (await serverDb(emu).collection('helpWilling').where({ _id: userIdOf(openid) }).get()).data[0];
}

function placePicked(): void {
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ name: '五四路社区', address: '福建省福州市鼓楼区五四路100号', latitude: 26.0745, longitude: 119.2965 })) as never);
}

test('紧急求助: turning it on asks where I usually am first; the radius is saved; off and on again keeps the place', async () => {
  const openid = 'openid-settings-willing';
  await registerVolunteer(bridge, openid, '周九');
  const page = await open(openid);
  await waitFor(() => page.data.willing);
  expect(page.data.willing.form.willing).toBe(false);
  expect(textOf(page, '#willing-near')).toBe('还没有选择');
  shot(page, 'willing-off');

  // The map closed without a place: it stays off and says why; nothing is saved.
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: { fail?: (e: unknown) => void }) => o.fail?.({ errMsg: 'chooseLocation:fail cancel' })) as never);
  const callsBefore = bridge.calls.length;
  await page.instance.onToggleWilling(switchEvent(true));
  expect(page.data.willing.form.willing).toBe(false);
  expect(textOf(page, '#willing-error')).toBe('请选择常在的位置和愿意响应的范围（1–20 公里）');
  expect(bridge.calls.length).toBe(callsBefore);
  expect(await storedWilling(openid)).toBeUndefined();
  jest.restoreAllMocks();

  placePicked();
  await page.instance.onToggleWilling(switchEvent(true));
  expect(page.data.willing.form).toMatchObject({ willing: true, radiusKm: 5, error: '' });
  expect(textOf(page, '#willing-near')).toBe('五四路社区');
  const saved = await storedWilling(openid);
  expect(saved).toMatchObject({ radiusKm: 5 });
  // The SDK reads the stored GeoJSON point back as its Point.
  expect({ ...(saved?.['near'] as object) }).toEqual({ longitude: 119.2965, latitude: 26.0745 });

  await fire(page, '#willing-radius', 'change', { value: 12 });
  await waitFor(() => page.data.willing.radiusText === '12 公里内');
  const deadline = Date.now() + 10_000;
  while ((await storedWilling(openid))?.['radiusKm'] !== 12 && Date.now() < deadline) await simulate.sleep(20);
  expect(await storedWilling(openid)).toMatchObject({ radiusKm: 12 });
  shot(page, 'willing-on');

  await page.instance.onToggleWilling(switchEvent(false));
  expect(page.data.willing.form.willing).toBe(false);
  expect(await storedWilling(openid)).toBeUndefined(); // kept only while willing
  // On again: the place picked before is used, no second pick.
  const picker = jest.spyOn(wx, 'chooseLocation');
  picker.mockClear();
  await page.instance.onToggleWilling(switchEvent(true));
  expect(picker).not.toHaveBeenCalled();
  expect(await storedWilling(openid)).toMatchObject({ radiusKm: 12 });

  const reopened = await open(openid);
  await waitFor(() => reopened.data.willing);
  expect(reopened.data.willing.form).toMatchObject({ willing: true, radiusKm: 12 });
});

test('紧急求助: a failed save puts back what the server last confirmed and says so', async () => {
  const openid = 'openid-settings-willing-offline';
  await registerVolunteer(bridge, openid, '吴十');
  const page = await open(openid);
  await waitFor(() => page.data.willing);
  placePicked();
  bridge.dropNextCalls(1);
  await page.instance.onToggleWilling(switchEvent(true));
  expect(page.data.willing.form.willing).toBe(false);
  expect(textOf(page, '#willing-error')).toBe('网络不稳定，请稍后重试');
  expect(await storedWilling(openid)).toBeUndefined();
});
