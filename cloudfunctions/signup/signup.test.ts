// signup through the emulator with the stock SDK: every refusal with its reason and nothing stored, the statuses
// and their reasons, a double tap, overlap across projects, approval modes and bulk decisions, withdrawals promoting
// the waitlist in order, offers confirmed and expired by the timer, removal, no-shows, and the outbox told once.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { CapacityShardDoc, ProjectDoc, ShiftDoc, SignupDoc } from '../_shared/documents/project';
import type { Database } from '../_shared/db/db';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';
import { RATE_LIMITS, takeAttempt } from '../_shared/security/rate-limit';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import { docs, functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const volunteer = (name = '张三') => registerVolunteer(emu, `openid-signup-${++people}`, name);
const HOUR = 3600_000;
const db = () => serverSdk(emu).database();

async function org(): Promise<{ admin: Volunteer; orgId: string }> {
  const admin = await volunteer('管理员');
  return { admin, orgId: await verifiedOrganization(emu, admin, { name: `阳光志愿服务中心${people}` }) };
}

async function open(orgId: string, p: Parameters<typeof projectDoc>[1] = {}, s: Partial<ShiftDoc> = {}, password?: string) {
  const project = projectDoc(orgId, p);
  const shift = shiftDoc(project, s);
  await publish(emu, project, [shift], password);
  return { project, shift };
}

const signupDoc = async (shiftId: string, userId: string) => (await docs<SignupDoc>(emu, 'signups', { _id: `${shiftId}_${userId}` }))[0];
const inbox = async (userId: string) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId });
const shards = (shiftId: string) => docs<CapacityShardDoc>(emu, 'capacityShards', { shiftId });
const taken = async (shiftId: string) => (await shards(shiftId)).reduce((n, s) => n + s.taken, 0);
const fireTimer = (TriggerName: string) =>
  emu.runtime!.invoke('signup', { Type: 'Timer', TriggerName, Time: new Date().toISOString(), Message: '' }, { source: 'wx_trigger' });

describe('refusals: the reason, and nothing stored', () => {
  test('not registered', async () => {
    const { orgId } = await org();
    const { shift } = await open(orgId);
    expect(await caller(emu, 'openid-nobody').call('signup', 'signup', { shiftId: shift._id })).toEqual({
      ok: false,
      error: { code: 'NOT_REGISTERED', message: expect.stringContaining('实名注册') },
    });
  });

  test('unknown shift, project not recruiting, shift cancelled, shift started', async () => {
    const { orgId } = await org();
    const v = await volunteer();
    expect(await v.as.call('signup', 'signup', { shiftId: 'nope' })).toMatchObject({ ok: false, error: { code: 'SHIFT_NOT_FOUND' } });
    const draft = await open(orgId, { status: 'draft' });
    expect(await v.as.call('signup', 'signup', { shiftId: draft.shift._id })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_RECRUITING', message: expect.stringContaining('不在招募中') } });
    const cancelled = await open(orgId, {}, { cancelled: true });
    expect(await v.as.call('signup', 'signup', { shiftId: cancelled.shift._id })).toMatchObject({ ok: false, error: { code: 'SHIFT_CANCELLED' } });
    const started = await open(orgId, {}, { startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) });
    expect(await v.as.call('signup', 'signup', { shiftId: started.shift._id })).toMatchObject({ ok: false, error: { code: 'SHIFT_STARTED' } });
    expect(await docs(emu, 'signups', { userId: v.userId })).toEqual([]);
  });

  test('a named team: only its active members', async () => {
    const { orgId } = await org();
    const team = await org();
    const { shift } = await open(orgId, { conditions: { scope: 'team', teamOrgId: team.orgId } });
    const outsider = await volunteer();
    expect(await outsider.as.call('signup', 'signup', { shiftId: shift._id })).toEqual({
      ok: false,
      error: { code: 'SCOPE_TEAM_ONLY', message: expect.stringContaining(`仅限「阳光志愿服务中心`) },
    });
    expect(await team.admin.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  });

  test('a password: compared by keyed hash', async () => {
    const { orgId } = await org();
    const { shift, project } = await open(orgId, { conditions: { scope: 'password' } }, {}, '春暖2026');
    const v = await volunteer();
    expect(await v.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: false, error: { code: 'PASSWORD_REQUIRED', field: 'password' } });
    expect(await v.as.call('signup', 'signup', { shiftId: shift._id, password: '春暖2025' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_WRONG' } });
    expect(await v.as.call('signup', 'signup', { shiftId: shift._id, password: ' 春暖2026 ' })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    const stored = (await docs<ProjectDoc>(emu, 'projects', { _id: project._id }))[0]!;
    expect(JSON.stringify(stored)).not.toContain('春暖2026');
  });

  test('real-name volunteers only: refused with the reason until the phone is verified by WeChat; open admits them', async () => {
    const { orgId } = await org();
    const { shift } = await open(orgId, { conditions: { scope: 'real_name' } });
    const openToAll = await open(orgId, {}, { startsAt: new Date(Date.now() + 96 * HOUR), endsAt: new Date(Date.now() + 97 * HOUR) });
    const v = await volunteer();
    expect(await v.as.call('signup', 'signup', { shiftId: shift._id })).toEqual({
      ok: false,
      error: { code: 'REAL_NAME_REQUIRED', message: '这个项目仅限实名志愿者报名，需要经微信验证的手机号。请在“我的资料”中用微信验证手机号后再报名' },
    });
    expect(await signupDoc(shift._id, v.userId)).toBeUndefined();
    expect(await v.as.call('signup', 'signup', { shiftId: openToAll.shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    await db().collection('volunteers').doc(v.volunteerId).update({ data: { 'phone.verified': true } });
    expect(await v.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  });

  test('age at the shift, minors and guardian consent, skills', async () => {
    const { orgId } = await org();
    const ring = keyRingFromEnv(emu.functionEnv);
    const minor = await volunteer('小明');
    const birth = encryptField(JSON.stringify({ birthDate: '2012-06-01', gender: 'male' }), ring, CIPHER_PURPOSE.birth);
    await db().collection('volunteers').doc(minor.volunteerId).update({ data: { birth } });
    const adultsOnly = await open(orgId);
    expect(await minor.as.call('signup', 'signup', { shiftId: adultsOnly.shift._id })).toMatchObject({ ok: false, error: { code: 'MINORS_NOT_ALLOWED', message: expect.stringContaining('14周岁') } });
    const minorsOk = await open(orgId, { conditions: { minorsAllowed: true } });
    expect(await minor.as.call('signup', 'signup', { shiftId: minorsOk.shift._id })).toMatchObject({ ok: false, error: { code: 'GUARDIAN_CONSENT_MISSING' } });
    await db().collection('volunteers').doc(minor.volunteerId).update({
      data: { guardian: { name: '王芳', relation: 'mother', credential: { type: 'CN_ID', cipher: birth }, consentedAt: new Date() } },
    });
    expect(await minor.as.call('signup', 'signup', { shiftId: minorsOk.shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    const over16 = await open(orgId, { conditions: { minorsAllowed: true, minAge: 16 } });
    expect(await minor.as.call('signup', 'signup', { shiftId: over16.shift._id })).toMatchObject({ ok: false, error: { code: 'AGE_NOT_MET', message: '这个项目要求年满16周岁，班次当天你14周岁' } });
    const medics = await open(orgId, { conditions: { skills: ['medical_care'] } });
    const adult = await volunteer();
    expect(await adult.as.call('signup', 'signup', { shiftId: medics.shift._id })).toMatchObject({ ok: false, error: { code: 'SKILLS_NOT_MET', message: expect.stringContaining('医疗护理') } });
  });

  test('overlap across projects (half-open: back to back is fine)', async () => {
    const a = await org();
    const b = await org();
    const start = Date.now() + 72 * HOUR;
    const first = await open(a.orgId, { title: '河道清洁' }, { startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR) });
    const clash = await open(b.orgId, {}, { startsAt: new Date(start + HOUR), endsAt: new Date(start + 3 * HOUR) });
    const next = await open(b.orgId, {}, { startsAt: new Date(start + 2 * HOUR), endsAt: new Date(start + 4 * HOUR) });
    const v = await volunteer();
    expect(await v.as.call('signup', 'signup', { shiftId: first.shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    expect(await v.as.call('signup', 'signup', { shiftId: clash.shift._id })).toMatchObject({ ok: false, error: { code: 'TIME_OVERLAP', message: expect.stringContaining('「河道清洁」') } });
    expect(await v.as.call('signup', 'signup', { shiftId: next.shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  });

  test('overlap raced: two overlapping sign-ups of one person at once, one wins', async () => {
    const a = await org();
    const start = Date.now() + 96 * HOUR;
    const one = await open(a.orgId, {}, { startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR) });
    const two = await open(a.orgId, {}, { startsAt: new Date(start + HOUR), endsAt: new Date(start + 3 * HOUR) });
    const v = await volunteer();
    const answers = await Promise.all([one, two, one, two].map((x) => v.as.call('signup', 'signup', { shiftId: x.shift._id })));
    const held = (await docs<SignupDoc>(emu, 'signups', { userId: v.userId })).filter((s) => s.status === 'confirmed');
    expect(held).toHaveLength(1);
    expect(answers.filter((x) => !x.ok).every((x) => !x.ok && x.error.code === 'TIME_OVERLAP')).toBe(true);
  });

  test('no-show policy: two no-shows block sign-ups at that organization', async () => {
    const { admin, orgId } = await org();
    await db().collection('organizations').doc(orgId).update({ data: { noShowPolicy: { noShows: 2, blockDays: 30 } } });
    const v = await volunteer();
    for (let i = 0; i < 2; i++) {
      const past = await open(orgId, {}, { startsAt: new Date(Date.now() + (200 + i * 5) * HOUR), endsAt: new Date(Date.now() + (201 + i * 5) * HOUR) });
      await v.as.call('signup', 'signup', { shiftId: past.shift._id });
      await db().collection('signups').doc(`${past.shift._id}_${v.userId}`).update({ data: { startsAt: new Date(Date.now() - HOUR) } });
      expect(await admin.as.call('signup', 'markNoShow', { signupId: `${past.shift._id}_${v.userId}` })).toMatchObject({ ok: true, data: { noShow: true } });
    }
    const next = await open(orgId);
    expect(await v.as.call('signup', 'signup', { shiftId: next.shift._id })).toMatchObject({ ok: false, error: { code: 'NO_SHOW_BLOCKED', message: expect.stringContaining('多次报名未到') } });
    const elsewhere = await open((await org()).orgId);
    expect(await v.as.call('signup', 'signup', { shiftId: elsewhere.shift._id })).toMatchObject({ ok: true });
  });
});

describe('statuses, reasons and the outbox', () => {
  test('confirmed with its reason stored, told once; a double tap signs up once', async () => {
    const { orgId } = await org();
    const { shift } = await open(orgId);
    const v = await volunteer();
    const taps = await Promise.all([1, 2, 3].map(() => v.as.call('signup', 'signup', { shiftId: shift._id })));
    expect(taps).toEqual(Array(3).fill({ ok: true, data: expect.objectContaining({ status: 'confirmed', reason: '报名成功，名额已为你保留' }) }));
    expect(await signupDoc(shift._id, v.userId)).toMatchObject({ status: 'confirmed', reason: '报名成功，名额已为你保留', shardId: expect.any(String) });
    expect(await taken(shift._id)).toBe(1);
    expect((await inbox(v.userId)).filter((n) => n.kind === 'signup.confirmed')).toHaveLength(1);
  });

  test('manual approval: pending holds a place, admins told; bulk approve and decline with a reason', async () => {
    const { admin, orgId } = await org();
    const { shift } = await open(orgId, { approvalMode: 'manual' }, { places: 3 });
    const vs = await Promise.all([1, 2, 3, 4].map(() => volunteer('李雷')));
    for (const v of vs) await v.as.call('signup', 'signup', { shiftId: shift._id });
    expect((await signupDoc(shift._id, vs[0]!.userId))!.status).toBe('pending');
    expect((await signupDoc(shift._id, vs[3]!.userId))!.status).toBe('waitlisted');
    expect((await inbox(admin.userId)).filter((n) => n.kind === 'signup.awaitingApproval')).toHaveLength(3);
    expect(await admin.as.call('signup', 'decide', { signupIds: [`${shift._id}_${vs[0]!.userId}`], decision: 'decline' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    const stranger = await volunteer();
    const ids = vs.slice(0, 2).map((v) => `${shift._id}_${v.userId}`);
    expect(await stranger.as.call('signup', 'decide', { signupIds: ids, decision: 'approve' })).toMatchObject({ ok: true, data: { results: [{ error: { code: 'FORBIDDEN' } }, { error: { code: 'FORBIDDEN' } }] } });
    expect(await admin.as.call('signup', 'decide', { signupIds: [...ids, 'missing'], decision: 'approve' })).toEqual({
      ok: true,
      data: { results: [{ signupId: ids[0], status: 'confirmed' }, { signupId: ids[1], status: 'confirmed' }, { signupId: 'missing', error: expect.objectContaining({ code: 'SIGNUP_NOT_FOUND' }) }] },
    });
    const third = `${shift._id}_${vs[2]!.userId}`;
    expect(await admin.as.call('signup', 'decide', { signupIds: [third], decision: 'decline', reason: '本次需要有经验的志愿者' })).toMatchObject({ ok: true, data: { results: [{ status: 'declined' }] } });
    expect(await signupDoc(shift._id, vs[2]!.userId)).toMatchObject({ status: 'declined', reason: '组织管理员未通过你的报名：本次需要有经验的志愿者' });
    // The freed place is offered to the waitlisted fourth.
    expect(await signupDoc(shift._id, vs[3]!.userId)).toMatchObject({ status: 'offered', offerExpiresAt: expect.any(Date) });
    expect(await taken(shift._id)).toBe(3);
  });

  test('approval by rules: served this organization before → confirmed, first time → pending', async () => {
    const { orgId } = await org();
    const veteran = await volunteer();
    const past = await open(orgId);
    await veteran.as.call('signup', 'signup', { shiftId: past.shift._id });
    await db().collection('signups').doc(`${past.shift._id}_${veteran.userId}`).update({ data: { endsAt: new Date(Date.now() - HOUR), startsAt: new Date(Date.now() - 3 * HOUR) } });
    const { shift } = await open(orgId, { approvalMode: 'rules' }, { startsAt: new Date(Date.now() + 100 * HOUR), endsAt: new Date(Date.now() + 102 * HOUR) });
    expect(await veteran.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed', reason: expect.stringContaining('曾参加过') } });
    const newcomer = await volunteer();
    expect(await newcomer.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: true, data: { status: 'pending', reason: expect.stringContaining('首次参加') } });
  });
});

describe('waitlist, withdrawals and offers', () => {
  test('withdrawals promote in order; an offer is confirmed; late withdrawals are recorded; the organization told', async () => {
    const { admin, orgId } = await org();
    const { shift } = await open(orgId, {}, { places: 2, startsAt: new Date(Date.now() + 12 * HOUR), endsAt: new Date(Date.now() + 14 * HOUR) });
    const vs: Volunteer[] = [];
    for (let i = 0; i < 5; i++) vs.push(await volunteer());
    const answers = [];
    for (const v of vs) answers.push(await v.as.call('signup', 'signup', { shiftId: shift._id }));
    expect(answers.map((a) => a.ok && [a.data.status, a.data.waitlistPosition])).toEqual([['confirmed', undefined], ['confirmed', undefined], ['waitlisted', 1], ['waitlisted', 2], ['waitlisted', 3]]);
    const id = (v: Volunteer) => `${shift._id}_${v.userId}`;
    // Within 24 h of the start: late, recorded, nothing deleted.
    expect(await vs[0]!.as.call('signup', 'withdraw', { signupId: id(vs[0]!) })).toMatchObject({ ok: true, data: { status: 'withdrawn', late: true } });
    expect(await signupDoc(shift._id, vs[0]!.userId)).toMatchObject({ status: 'withdrawn', late: true, history: [expect.objectContaining({ status: 'confirmed' })] });
    expect((await inbox(admin.userId)).filter((n) => n.kind === 'signup.withdrawn')).toEqual([expect.objectContaining({ title: '志愿者迟退' })]);
    expect((await signupDoc(shift._id, vs[2]!.userId))!.status).toBe('offered');
    expect((await signupDoc(shift._id, vs[3]!.userId))!.status).toBe('waitlisted');
    expect((await inbox(vs[2]!.userId)).filter((n) => n.kind === 'signup.offered')).toHaveLength(1);
    expect(await vs[2]!.as.call('signup', 'acceptOffer', { signupId: id(vs[2]!) })).toMatchObject({ ok: true, data: { status: 'confirmed', reason: '你已确认候补名额，报名成功' } });
    expect(await vs[2]!.as.call('signup', 'acceptOffer', { signupId: id(vs[2]!) })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    // A waitlisted withdrawal frees nothing; the next in line moves up.
    await vs[3]!.as.call('signup', 'withdraw', { signupId: id(vs[3]!) });
    expect(await vs[4]!.as.call('signup', 'options', { projectId: shift.projectId })).toMatchObject({ ok: true, data: { shifts: [expect.objectContaining({ placesLeft: 0, waitlisted: 1, mine: expect.objectContaining({ waitlistPosition: 1 }) })] } });
    expect(await taken(shift._id)).toBe(2);
  });

  test('an offer not confirmed in time expires by the timer and the next is offered; the expired cannot confirm', async () => {
    const { orgId } = await org();
    const { shift } = await open(orgId, {}, { places: 1 });
    const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
    for (const v of [a, b, c]) await v.as.call('signup', 'signup', { shiftId: shift._id });
    await a.as.call('signup', 'withdraw', { signupId: `${shift._id}_${a.userId}` });
    expect((await signupDoc(shift._id, b.userId))!.status).toBe('offered');
    await db().collection('signups').doc(`${shift._id}_${b.userId}`).update({ data: { offerExpiresAt: new Date(Date.now() - 1000) } });
    await Promise.all([fireTimer('expireOffers'), fireTimer('expireOffers')]);
    expect(await signupDoc(shift._id, b.userId)).toMatchObject({ status: 'expired', reason: expect.stringContaining('顺延') });
    expect((await signupDoc(shift._id, c.userId))!.status).toBe('offered');
    expect((await inbox(b.userId)).filter((n) => n.kind === 'signup.expired')).toHaveLength(1);
    expect((await inbox(c.userId)).filter((n) => n.kind === 'signup.offered')).toHaveLength(1);
    expect(await b.as.call('signup', 'acceptOffer', { signupId: `${shift._id}_${b.userId}` })).toMatchObject({ ok: false, error: { code: 'OFFER_EXPIRED' } });
    expect(await taken(shift._id)).toBe(1);
  });

  test('the roster says whether the project still recruits and which series the shift belongs to (推荐志愿者, 排班助手)', async () => {
    const { admin, orgId } = await org();
    const { shift } = await open(orgId, {}, { places: 2 });
    const single = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id });
    expect(single).toMatchObject({ ok: true, data: { shift: { shiftId: shift._id, projectStatus: 'recruiting', places: 2, cancelled: false }, placesTaken: 0 } });
    expect(single.ok && 'seriesId' in single.data.shift).toBe(false);

    const { shift: repeated, project } = await open(orgId, { status: 'in_progress' }, { seriesId: 'series-weekly' });
    const ofSeries = await admin.as.call('signup', 'shiftSignups', { shiftId: repeated._id });
    expect(ofSeries).toMatchObject({ ok: true, data: { shift: { projectId: project._id, projectStatus: 'in_progress', seriesId: 'series-weekly' } } });
  });

  test('removal by the organization with a reason frees the place; the roster masks names', async () => {
    const { admin, orgId } = await org();
    const { shift } = await open(orgId, {}, { places: 1 });
    const a = await volunteer('欧阳娜娜');
    const b = await volunteer();
    await a.as.call('signup', 'signup', { shiftId: shift._id });
    await b.as.call('signup', 'signup', { shiftId: shift._id });
    expect(await admin.as.call('signup', 'remove', { signupId: `${shift._id}_${a.userId}`, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(await b.as.call('signup', 'remove', { signupId: `${shift._id}_${a.userId}`, reason: '重复报名' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin.as.call('signup', 'remove', { signupId: `${shift._id}_${a.userId}`, reason: '重复报名' })).toMatchObject({ ok: true, data: { status: 'removed', nameMasked: '欧***' } });
    expect((await inbox(a.userId)).filter((n) => n.kind === 'signup.removed')).toEqual([expect.objectContaining({ body: expect.stringContaining('重复报名') })]);
    expect((await signupDoc(shift._id, b.userId))!.status).toBe('offered');
    const roster = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id });
    expect(roster).toMatchObject({ ok: true, data: { placesTaken: 1, waitlisted: 0, items: [expect.objectContaining({ nameMasked: '欧***', status: 'removed' }), expect.objectContaining({ status: 'offered' })] } });
    expect(JSON.stringify(roster)).not.toContain('欧阳娜娜');
    expect(Buffer.byteLength(JSON.stringify(roster))).toBeLessThan(20_000);
    const file = await admin.as.call('signup', 'exportRoster', { shiftId: shift._id });
    if (!file.ok) throw new Error(file.error.code);
    const body = Buffer.from(await (await fetch(file.data.url)).arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('序号,姓名,志愿者编号,班次,状态,原因,报名时间,候补顺序,迟退,未到');
    expect(text).toContain('欧***');
    expect(text).not.toContain('欧阳娜娜');
    expect(await b.as.call('signup', 'exportRoster', { shiftId: shift._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

test('deleting the account withdraws a held place (the next in line is offered it) and anonymises the sign-ups', async () => {
  const { orgId } = await org();
  const { shift } = await open(orgId, {}, { places: 1 });
  const leaving = await volunteer('王小二');
  const waiting = await volunteer();
  await leaving.as.call('signup', 'signup', { shiftId: shift._id });
  await waiting.as.call('signup', 'signup', { shiftId: shift._id });
  expect(await leaving.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  expect((await signupDoc(shift._id, waiting.userId))!.status).toBe('offered');
  expect(await docs(emu, 'signups', { userId: leaving.userId })).toEqual([]);
  const kept = await signupDoc(shift._id, leaving.userId);
  expect(kept).toMatchObject({ status: 'withdrawn', userId: `deleted:${leaving.volunteerId}` });
  expect(await docs(emu, 'signupSchedules', { _id: leaving.userId })).toEqual([]);
  expect(await taken(shift._id)).toBe(1);
});

test('sign-up is rate limited per caller: past 20 in 10 minutes the answer says when to try again, and nothing is stored', async () => {
  const { orgId } = await org();
  const { shift } = await open(orgId, { conditions: { scope: 'password' } }, {}, '春暖2026');
  const guesser = await volunteer();
  const limit = RATE_LIMITS.signup!.signup!;
  expect(limit).toEqual({ bucket: 'signup', limit: 20, windowSeconds: 600 });
  // Far enough from the window's end that the calls below fall in the same window.
  const windowMs = limit.windowSeconds * 1000;
  const left = windowMs - (Date.now() % windowMs);
  if (left < 60_000) await new Promise((resolve) => setTimeout(resolve, left + 10));
  expect(await guesser.as.call('signup', 'signup', { shiftId: shift._id, password: '000000' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_WRONG' } });
  const limiter = serverSdk(emu).database() as unknown as Database;
  for (let i = 1; i < limit.limit; i++) expect((await takeAttempt(limiter, guesser.openid, limit, new Date())).allowed).toBe(true);

  const refused = await guesser.as.call('signup', 'signup', { shiftId: shift._id, password: '春暖2026' });
  expect(refused).toEqual({
    ok: false,
    error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请 \d+ (秒|分钟)后再试$/), retryAfterSeconds: expect.any(Number) },
  });
  if (refused.ok || refused.error.code !== 'RATE_LIMITED') throw new Error('expected RATE_LIMITED');
  expect(refused.error.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.error.retryAfterSeconds).toBeLessThanOrEqual(600);
  expect(await signupDoc(shift._id, guesser.userId)).toBeUndefined();
  // Another caller is not held back by this one's attempts.
  expect(await (await volunteer()).as.call('signup', 'signup', { shiftId: shift._id, password: '春暖2026' })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  // Up to a minute's wait for a fresh window above, then the calls: beyond jest's 30 s default.
}, 120_000);
