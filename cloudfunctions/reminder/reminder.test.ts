// The reminder timer through the emulator: the built function fired with a chosen time (the event's Time), sign-ups
// made through the signup function, the outbox read with the stock SDK. Shift reminders at the window edges in
// Shanghai time, reruns, who gets nothing, a run that stops at its time limit and resumes; the morning digest; the
// weekly cap of recommendations; opt-outs.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { Database } from '../_shared/db/db';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { shanghaiClock, shanghaiInstant } from '../../miniprogram/domain/calendar';
import { addRecords, recordOf } from '../hours/test-support';
import { docs, functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { remindShifts } from './shift-reminders';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
let people = 0;
const volunteer = (name = '张三') => registerVolunteer(emu, `openid-reminder-${++people}`, name);
const db = () => serverSdk(emu).database() as unknown as Database;

/** Fire the timer as if it were due at `at`; answers what each job did. */
async function fire(at: Date): Promise<Record<string, { enqueued?: number; told?: number } | string | null>> {
  const fired = await emu.triggers!.fire('reminder', 'tick', at);
  if (!fired.outcome.ok) throw new Error(fired.outcome.message);
  return JSON.parse(fired.outcome.json) as Record<string, { enqueued?: number } | null>;
}

const told = (userId: string, kind: NotificationDoc['kind']) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId, kind });

/** 00:30 in Shanghai `days` days from now: a shift start right after midnight. */
function shanghaiHalfPastMidnight(days: number): Date {
  return shanghaiInstant(shanghaiClock(Date.now() + days * DAY).startOf('day').add(30, 'minute'));
}

async function openShift(orgId: string, startsAt: Date, project: Partial<ProjectDoc> = {}, shift: Partial<ShiftDoc> = {}) {
  const p = projectDoc(orgId, { title: '社区助老服务', place: { ...projectDoc(orgId).place, name: '温泉街道社区中心' }, ...project });
  const s = shiftDoc(p, { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), places: 5, ...shift });
  await publish(emu, p, [s]);
  return { project: p, shift: s };
}

async function signUp(v: Volunteer, shiftId: string): Promise<string> {
  const res = await v.as.call('signup', 'signup', { shiftId });
  if (!res.ok) throw new Error(`signup: ${res.error.code}`);
  return res.data.signupId;
}

describe('shift reminders', () => {
  let admin: Volunteer;
  let orgId: string;
  beforeAll(async () => {
    admin = await volunteer('管理员');
    orgId = await verifiedOrganization(emu, admin);
  });

  test('24 h and 2 h before, at the window edges, in Shanghai time across midnight; reruns add nothing; who gets none', async () => {
    const start = shanghaiHalfPastMidnight(4);
    const { shift } = await openShift(orgId, start);
    const [a, withdrawn, removed, late, quiet] = [await volunteer('张一'), await volunteer('张二'), await volunteer('张三'), await volunteer('张四'), await volunteer('张五')];
    const aSignup = await signUp(a, shift._id);
    expect(await withdrawn.as.call('signup', 'withdraw', { signupId: await signUp(withdrawn, shift._id) })).toMatchObject({ ok: true });
    expect(await admin.as.call('signup', 'remove', { signupId: await signUp(removed, shift._id), reason: '名额调整' })).toMatchObject({ ok: true });
    // Confirmed 10 hours before the start (after the 24-hour reminder fell due): only the 2-hour one is still ahead.
    const lateSignup = await signUp(late, shift._id);
    await db().collection('signups').doc(lateSignup).update({ data: { updatedAt: new Date(start.getTime() - 10 * HOUR) } });
    await signUp(quiet, shift._id);
    await db().collection('notificationPreferences').add({ data: { _id: quiet.userId, off: ['reminder.shift24h'], quietHours: null, recommendations: false, updatedAt: new Date() } });
    // A cancelled shift and a cancelled project at the same time remind nobody.
    const cancelledShift = await openShift(orgId, start);
    const cancelledProject = await openShift(orgId, start);
    const [c1, c2] = [await volunteer('李一'), await volunteer('李二')];
    await signUp(c1, cancelledShift.shift._id);
    await signUp(c2, cancelledProject.shift._id);
    await db().collection('shifts').doc(cancelledShift.shift._id).update({ data: { cancelled: true } });
    await db().collection('projects').doc(cancelledProject.project._id).update({ data: { status: 'cancelled', discoverable: false } });

    // 24 h 01 before: not yet.
    await fire(new Date(start.getTime() - DAY - MIN));
    expect(await told(a.userId, 'reminder.shift24h')).toEqual([]);
    // 23 h 59 before: due.
    const at = new Date(start.getTime() - DAY + MIN);
    await fire(at);
    const [reminder] = await told(a.userId, 'reminder.shift24h');
    const day = shanghaiClock(start).format('MM-DD');
    expect(reminder).toMatchObject({
      _id: expect.stringContaining(aSignup.replace(/[^A-Za-z0-9_-]/g, '-')),
      title: '志愿服务即将开始，请确认参加',
      body: `「社区助老服务」${day} 00:30–02:30（北京时间），地点：温泉街道社区中心（福州市鼓楼区五四路100号）。请确认参加；如不能参加，请释放名额，让候补的志愿者补上。`,
      link: `/volunteer/place-check/index?signupId=${encodeURIComponent(aSignup)}`,
      facts: { subject: '社区助老服务', at: start, place: '温泉街道社区中心（福州市鼓楼区五四路100号）', note: '请确认参加或释放名额' },
      createdAt: at,
      delivery: { state: 'pending', attempts: 0, nextAttemptAt: at },
    });
    // The timer again, at the same time and ten minutes later (the window overlaps): nothing new.
    expect(await fire(at)).toMatchObject({ shift24h: { enqueued: 0 } });
    expect(await fire(new Date(at.getTime() + 10 * MIN))).toMatchObject({ shift24h: { enqueued: 0 } });
    expect(await told(a.userId, 'reminder.shift24h')).toHaveLength(1);
    for (const nobody of [withdrawn, removed, late, quiet, c1, c2]) expect(await told(nobody.userId, 'reminder.shift24h')).toEqual([]);

    // 2 h 01 before: not yet; 1 h 59 before: the 2-hour one, to everyone still confirmed, opted-out of the 24 h one or not.
    await fire(new Date(start.getTime() - 2 * HOUR - MIN));
    expect(await told(a.userId, 'reminder.shift2h')).toEqual([]);
    await fire(new Date(start.getTime() - 2 * HOUR + MIN));
    for (const v of [a, late, quiet]) {
      expect(await told(v.userId, 'reminder.shift2h')).toEqual([
        expect.objectContaining({
          title: '志愿服务2小时后开始',
          body: expect.stringContaining(`${day} 00:30–02:30（北京时间）`),
          link: `/volunteer/checkin/index?shiftId=${encodeURIComponent(shift._id)}`,
          facts: expect.objectContaining({ at: start }),
        }),
      ]);
    }
    for (const nobody of [withdrawn, removed, c1, c2]) expect(await told(nobody.userId, 'reminder.shift2h')).toEqual([]);
    expect(await told(a.userId, 'reminder.shift24h')).toHaveLength(1);
  });

  test('exactly 24 hours across the nights European clocks change (Shanghai keeps UTC+8)', async () => {
    // 2027-03-29 01:00 in Shanghai; Europe moved its clocks at 2027-03-28 01:00 UTC.
    const start = new Date('2027-03-28T17:00:00Z');
    const { shift } = await openShift(orgId, start);
    const v = await volunteer('王一');
    await signUp(v, shift._id);
    await fire(new Date('2027-03-27T16:59:00Z'));
    expect(await told(v.userId, 'reminder.shift24h')).toEqual([]);
    await fire(new Date('2027-03-27T17:01:00Z'));
    expect(await told(v.userId, 'reminder.shift24h')).toEqual([expect.objectContaining({ body: expect.stringContaining('03-29 01:00–03:00（北京时间）') })]);
  });

  test('a run that reaches its time limit leaves the rest to the next, which resumes where it stopped', async () => {
    const start = new Date(shanghaiHalfPastMidnight(40).getTime() + 3 * HOUR);
    const shifts = [await openShift(orgId, start), await openShift(orgId, start), await openShift(orgId, new Date(start.getTime() + 5 * MIN))];
    const vs = [await volunteer('赵一'), await volunteer('赵二'), await volunteer('赵三')];
    for (const [i, s] of shifts.entries()) await signUp(vs[i]!, s.shift._id);
    const at = new Date(start.getTime() - DAY + 10 * MIN);
    // Past its deadline from the start, a run still handles one shift, then stops and says where.
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await remindShifts(db(), '24h', at, 0));
    expect(runs.map((r) => [r.shifts, r.enqueued, r.finished])).toEqual([
      [1, 1, false],
      [1, 1, false],
      [1, 1, true],
    ]);
    for (const v of vs) expect(await told(v.userId, 'reminder.shift24h')).toHaveLength(1);
    expect((await docs(emu, 'reminderRuns', { _id: 'shifts24h' }))[0]).toMatchObject({ resume: null });
  });
});

describe('the morning digest', () => {
  test('what waits, only when something does, once per admin and day', async () => {
    const admin = await volunteer('林管理');
    const coAdmin = await volunteer('陈管理');
    const orgId = await verifiedOrganization(emu, admin);
    await db().collection('memberships').add({ data: { _id: `${orgId}_${coAdmin.userId}`, orgId, userId: coAdmin.userId, role: 'admin', status: 'active', requestCount: 0, requestedAt: new Date(), since: new Date() } });
    const idle = await volunteer('闲管理');
    await verifiedOrganization(emu, idle);
    // Two sign-ups waiting for approval, three records waiting, two of them past the 7 overdue days.
    const { shift } = await openShift(orgId, new Date(Date.now() + 9 * DAY), { approvalMode: 'manual' });
    for (const name of ['周一', '周二']) await signUp(await volunteer(name), shift._id);
    const v = await volunteer('吴一');
    const morning = shanghaiInstant(shanghaiClock(Date.now() + 10 * DAY).startOf('day').hour(8).minute(5));
    const daysAgo = (n: number) => shanghaiClock(morning.getTime() - n * DAY).format('YYYY-MM-DD');
    await addRecords(emu, [recordOf(v, orgId, {}, 120, daysAgo(9)), recordOf(v, orgId, {}, 60, daysAgo(8)), recordOf(v, orgId, {}, 90, daysAgo(2))]);

    // Before 08:00 nothing; at 08:05 each admin hears.
    await fire(new Date(morning.getTime() - 10 * MIN));
    expect(await told(admin.userId, 'digest.orgDaily')).toEqual([]);
    await fire(morning);
    const day = shanghaiClock(morning).format('YYYY-MM-DD');
    for (const who of [admin, coAdmin]) {
      expect(await told(who.userId, 'digest.orgDaily')).toEqual([
        expect.objectContaining({
          _id: `digest-orgDaily.${orgId}.${day}.${who.userId}`,
          title: '今日待办',
          body: expect.stringMatching(/」报名待审核 2 人，服务时长待确认 3 条（其中逾期 2 条）。请到组织主页处理。$/),
          link: `/org/home/index?orgId=${encodeURIComponent(orgId)}`,
        }),
      ]);
    }
    expect(await told(idle.userId, 'digest.orgDaily')).toEqual([]);
    // Later that morning: the day is done.
    expect(await fire(new Date(morning.getTime() + 20 * MIN))).toMatchObject({ digest: { organizations: 0, told: 0 } });
    // The next morning: a new one; an admin who turned it off gets none.
    await db().collection('notificationPreferences').add({ data: { _id: coAdmin.userId, off: ['digest.orgDaily'], quietHours: null, recommendations: false, updatedAt: new Date() } });
    await fire(new Date(morning.getTime() + DAY));
    expect(await told(admin.userId, 'digest.orgDaily')).toHaveLength(2);
    expect(await told(coAdmin.userId, 'digest.orgDaily')).toHaveLength(1);
  });
});

describe('new-project recommendations', () => {
  test('fitting projects to those who opted in, best first, at most 3 a week, again the next week', async () => {
    const publisher = await volunteer('发布者');
    const orgId = await verifiedOrganization(emu, publisher);
    const [fan, optedOut, turnedOff, elsewhere] = [await volunteer('孙一'), await volunteer('孙二'), await volunteer('孙三'), await volunteer('孙四')];
    for (const v of [fan, optedOut, turnedOff, elsewhere]) await db().collection('volunteers').doc(v.volunteerId).update({ data: { intentions: ['elderly', 'community'] } });
    await db().collection('volunteers').doc(elsewhere.volunteerId).update({ data: { regionCode: '350203' } });
    const prefs = (v: Volunteer, over: object) => db().collection('notificationPreferences').add({ data: { _id: v.userId, off: [], quietHours: null, recommendations: true, updatedAt: new Date(), ...over } });
    await prefs(fan, {});
    await prefs(optedOut, { recommendations: false });
    await prefs(turnedOff, { off: ['project.recommended'] });
    await prefs(elsewhere, {});

    // A Monday morning three weeks ahead, and the Wednesday and next Monday after it.
    const base = shanghaiClock(Date.now() + 21 * DAY).startOf('day');
    const monday = base.subtract((base.day() + 6) % 7, 'day').hour(8).minute(5);
    const at = (days: number) => shanghaiInstant(monday.add(days, 'day'));
    const city = { ...projectDoc(orgId).place, regionCode: '350104', regionPrefixes: ['35', '3501', '350104'] };
    const published = async (title: string, publishedBy: Date, over: Partial<ProjectDoc> = {}) => {
      const p = projectDoc(orgId, { title, publishedAt: new Date(publishedBy.getTime() - 2 * HOUR), category: 'elderly', ...over });
      await publish(emu, p, [shiftDoc(p)]);
      return p._id;
    };
    const mon1 = await published('周一项目甲', at(0));
    const mon2 = await published('周一项目乙', at(0), { place: city });
    await published('不相关的项目', at(0), { category: 'legal' });
    await published('已取消的项目', at(0), { status: 'cancelled' });
    await fire(at(0));
    const ids = async (v: Volunteer) => (await told(v.userId, 'project.recommended')).map((n) => n.link).sort();
    const link = (id: string) => `/project/detail/index?projectId=${encodeURIComponent(id)}`;
    expect(await ids(fan)).toEqual([link(mon1), link(mon2)].sort());
    for (const nobody of [optedOut, turnedOff, elsewhere]) expect(await ids(nobody)).toEqual([]);
    expect((await told(fan.userId, 'project.recommended')).find((n) => n.link === link(mon1))).toMatchObject({ title: '为你推荐新项目', body: expect.stringContaining('「周一项目甲」'), facts: { subject: '周一项目甲' } });

    // Wednesday: two more fit and one place is left this week: the district one (better fit) goes.
    const wedCity = await published('周三项目丙', at(2), { place: city });
    const wedDistrict = await published('周三项目丁', at(2));
    await fire(at(2));
    expect(await ids(fan)).toEqual([link(mon1), link(mon2), link(wedDistrict)].sort());
    // Friday: the cap holds.
    await published('周五项目戊', at(4));
    await fire(at(4));
    expect(await ids(fan)).toHaveLength(3);
    // The next Monday: a new week.
    const next = await published('下周一项目己', at(7));
    await fire(at(7));
    expect(await ids(fan)).toEqual([link(mon1), link(mon2), link(wedDistrict), link(next)].sort());
    expect(await ids(fan)).not.toContain(link(wedCity));
    // Rerun that morning: nothing twice.
    await fire(at(7));
    expect(await ids(fan)).toHaveLength(4);
  });
});
