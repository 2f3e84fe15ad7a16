/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 项目详情's bottom bar and 添加到日历 through the real `project` function: my sign-ups come with project.get, a shift
// I hold a confirmed place in offers the calendar (with its times in seconds, the place and the organizer), one I
// wait for says so without it, and a visitor sees neither.
import type { ProjectInput } from '../../../typings/project-actions';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

interface Publisher {
  admin: { openid: string };
  orgId: string;
}
interface Volunteer {
  openid: string;
  userId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name?: string): Promise<Publisher>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
  signUp(emu: unknown, shiftId: string, volunteer: Volunteer, status?: string): Promise<void>;
  registerVolunteer(emu: unknown, openid: string, name: string): Promise<Volunteer>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
  validInput(): ProjectInput;
  shiftOf(projectId: string, n: number): string;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('project/detail/index', { 'privacy-popup': load('components/privacy-popup/index', undefined, 'privacy-popup') });
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-calendar-visitor');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(projectId: string): Promise<Rendered> {
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad({ projectId });
  return page;
}

test('添加到日历 only for my confirmed shift, with its times in seconds, the place and the organizer', async () => {
  const p = await fixtures.publisher(emu, '鼓楼区日历志愿服务队');
  const first = support.formStartingIn(new Date(), 3).shifts[0]!;
  const second = support.formStartingIn(new Date(), 5).shifts[0]!;
  const projectId = await fixtures.published(p, support.formStartingIn(new Date(), 3, {
    place: { ...support.validInput().place, name: '五四路社区服务站' },
    shifts: [first, { ...second, places: 1 }],
  }));
  const me = await fixtures.registerVolunteer(emu, `openid-calendar-${Date.now().toString(36)}`, '张三');
  await fixtures.signUp(emu, support.shiftOf(projectId, 0), me);
  await fixtures.signUp(emu, support.shiftOf(projectId, 1), me, 'waitlisted');

  bridge.actAs(me.openid);
  const calls = bridge.calls.length;
  const page = await open(projectId);
  // One function call for the first render: my sign-ups come with the detail.
  await (page.instance as unknown as { attribution?: Promise<void> }).attribution;
  expect(bridge.calls.slice(calls)).toEqual(['project']);
  expect(textOf(page, '#mine-0')).toBe('已报名');
  expect(page.querySelector('#calendar-0')).toBeTruthy();
  expect(textOf(page, '#mine-1')).toBe('候补中');
  expect(page.querySelector('#calendar-1')).toBeFalsy();
  expect(textOf(page, '#bottom-bar')).toContain('我要报名');
  shot(page, 'my-shift');

  const calendar = jest.spyOn(wx, 'addPhoneCalendar').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const toast = jest.spyOn(wx, 'showToast');
  await tap(page, '#calendar-0');
  await waitFor(() => toast.mock.calls.length > 0);
  expect(calendar).toHaveBeenCalledTimes(1);
  expect(calendar.mock.calls[0]![0]).toMatchObject({
    title: '志愿服务：社区助老陪伴',
    startTime: Date.parse(first.startsAt) / 1000,
    endTime: Date.parse(first.endsAt) / 1000,
    location: '五四路社区服务站（福州市鼓楼区五四路100号）',
    description: expect.stringContaining('鼓楼区日历志愿服务队组织'),
  });
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已添加到手机日历' }));
});

test('a visitor with no sign-up sees no calendar button, and 我要报名 stays in the bottom bar', async () => {
  const p = await fixtures.publisher(emu);
  const projectId = await fixtures.published(p, support.formStartingIn(new Date(), 3));
  bridge.actAs('openid-calendar-nobody');
  const page = await open(projectId);
  expect(page.querySelector('#mine-0')).toBeFalsy();
  expect(page.querySelector('#calendar-0')).toBeFalsy();
  expect(page.querySelector('#bottom-bar #signup')).toBeTruthy();
  shot(page, 'bottom-bar');
});
