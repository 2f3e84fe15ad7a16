// The hours function through the built function and the stock SDK: confirmation (one, many, retried, raced),
// rejection, adjustment, revocation, corrections and history, 我的时长's totals and stars, the queue, the policy,
// the consistency check and the overdue timer.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { getOrNull } from '../_shared/db/db';
import type { NotificationDoc } from '../_shared/documents/notification';
import { revisionId, type ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { docs, functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { addRecords, db, recordOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const person = (name = '张三') => registerVolunteer(emu, `openid-hours-${++people}`, name);

async function world(): Promise<{ admin: Volunteer; orgId: string; v: Volunteer }> {
  const admin = await person('王管理');
  const orgId = await verifiedOrganization(emu, admin);
  return { admin, orgId, v: await person('张三') };
}

async function hoursOf(v: Volunteer) {
  return (await getOrNull<VolunteerDoc>(db(emu), 'volunteers', v.volunteerId))?.hours?.serviceMinutes ?? 0;
}

async function check(as: string, payload: { volunteerId?: string; orgId?: string }) {
  const res = await caller(emu, as).call('hours', 'checkTotals', payload);
  if (!res.ok) throw new Error(res.error.code);
  return res.data;
}

test('confirming a pending record counts it once, stores who confirmed, and tells the volunteer', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  expect(await hoursOf(v)).toBe(0);
  const res = await admin.as.call('hours', 'confirm', { recordIds: [recordId!] });
  expect(res).toMatchObject({ ok: true, data: { outcomes: [{ recordId, outcome: 'confirmed', record: { status: 'confirmed', minutes: 150 } }] } });
  expect(await hoursOf(v)).toBe(150);
  const [stored] = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { recordId });
  expect(stored!.confirmation).toMatchObject({ orgId, by: admin.userId });
  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.confirmed' });
  expect(told).toHaveLength(1);
  expect(told[0]!.body).toContain('2.5 小时');

  // Again (a retry with a new request id): nothing changes, nobody is told twice.
  expect(await admin.as.call('hours', 'confirm', { recordIds: [recordId!] })).toMatchObject({ ok: true, data: { outcomes: [{ outcome: 'unchanged' }] } });
  expect(await hoursOf(v)).toBe(150);
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.confirmed' })).toHaveLength(1);
});

test('bulk: each record answers its own outcome; an incomplete one names its field; strangers and other organizations are refused', async () => {
  const { admin, orgId, v } = await world();
  const other = await world();
  const ids = await addRecords(emu, [
    recordOf(v, orgId),
    recordOf(v, orgId, { activity: { name: '社区清洁', date: '2026-11-28', place: '', serviceObjects: ['community'], content: '清扫', leader: '李四' } }),
    recordOf(other.v, other.orgId),
  ]);
  const res = await admin.as.call('hours', 'confirm', { recordIds: [...ids, 'rec_missing'] });
  if (!res.ok) throw new Error(res.error.code);
  expect(res.data.outcomes).toEqual([
    expect.objectContaining({ recordId: ids[0], outcome: 'confirmed' }),
    expect.objectContaining({ recordId: ids[1], outcome: 'refused', code: 'RECORD_INCOMPLETE', field: 'activity.place', message: expect.stringContaining('服务地点') }),
    expect.objectContaining({ recordId: ids[2], outcome: 'refused', code: 'FORBIDDEN' }),
    expect.objectContaining({ recordId: 'rec_missing', outcome: 'refused', code: 'RECORD_NOT_FOUND' }),
  ]);
  expect(await hoursOf(v)).toBe(150);
  expect(await hoursOf(other.v)).toBe(0);
  // A volunteer cannot confirm their own record.
  const own = await v.as.call('hours', 'confirm', { recordIds: [ids[1]!] });
  expect(own).toMatchObject({ ok: true, data: { outcomes: [{ code: 'FORBIDDEN' }] } });
});

test('bad input is refused by the schema: no ids, 51 ids, a blank reason, minutes out of range', async () => {
  const { admin } = await world();
  expect(await admin.as.call('hours', 'confirm', { recordIds: [] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await admin.as.call('hours', 'confirm', { recordIds: Array.from({ length: 51 }, (_, i) => `r${i}`) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await admin.as.call('hours', 'reject', { recordIds: ['r1'], reason: '  ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'reason' } });
  expect(await admin.as.call('hours', 'adjust', { recordId: 'r1', minutes: 0, reason: '调整' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', field: 'minutes' } });
  expect(await admin.as.call('hours', 'adjust', { recordId: 'r1', minutes: 24 * 60 + 1, reason: '调整' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await admin.as.call('hours', 'queue', { orgId: 'o_x', cursor: 'not-a-cursor!' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('ten concurrent confirmations of one record by two admins count it once', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  const answers = await Promise.all(Array.from({ length: 10 }, () => admin.as.call('hours', 'confirm', { recordIds: [recordId!] })));
  const outcomes = answers.map((a) => (a.ok ? a.data.outcomes[0]!.outcome : a.error.code));
  expect(outcomes.filter((o) => o === 'confirmed')).toHaveLength(1);
  expect(outcomes.every((o) => o === 'confirmed' || o === 'unchanged')).toBe(true);
  expect(await hoursOf(v)).toBe(150);
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.confirmed' })).toHaveLength(1);
  expect((await check(PLATFORM_ADMIN, { volunteerId: v.volunteerId })).differences).toEqual([]);
});

test('reject with a reason; adjust and revoke add revisions; the history shows every one', async () => {
  const { admin, orgId, v } = await world();
  const [rejectedId, keptId] = await addRecords(emu, [recordOf(v, orgId), recordOf(v, orgId)]);
  expect(await admin.as.call('hours', 'reject', { recordIds: [rejectedId!], reason: '当天未到场' })).toMatchObject({ ok: true, data: { outcomes: [{ outcome: 'rejected' }] } });
  expect(await admin.as.call('hours', 'confirm', { recordIds: [rejectedId!] })).toMatchObject({ ok: true, data: { outcomes: [{ code: 'RECORD_NOT_PENDING' }] } });
  expect(await admin.as.call('hours', 'adjust', { recordId: rejectedId!, minutes: 60, reason: '调整' })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_ADJUSTABLE' } });

  await admin.as.call('hours', 'confirm', { recordIds: [keptId!] });
  expect(await admin.as.call('hours', 'adjust', { recordId: keptId!, minutes: 120, reason: '提前离场半小时' })).toMatchObject({ ok: true, data: { record: { revision: 2, status: 'confirmed', minutes: 120 } } });
  expect(await hoursOf(v)).toBe(120);
  expect(await admin.as.call('hours', 'revoke', { recordId: keptId!, reason: '重复记录' })).toMatchObject({ ok: true, data: { record: { revision: 3, status: 'revoked' } } });
  expect(await hoursOf(v)).toBe(0);
  expect(await admin.as.call('hours', 'revoke', { recordId: keptId!, reason: '重复记录' })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_CONFIRMED' } });

  const history = await v.as.call('hours', 'history', { recordId: keptId! });
  if (!history.ok) throw new Error(history.error.code);
  expect(history.data.revisions.map((r) => [r.revision, r.event, r.minutes, r.current])).toEqual([
    [1, '确认', 150, false],
    [2, '调整时长', 120, false],
    [3, '撤销', 120, true],
  ]);
  expect(history.data.revisions[2]!.reason).toBe('重复记录');
  // The organization sees it too; a stranger does not know it exists.
  expect(await admin.as.call('hours', 'history', { recordId: keptId! })).toMatchObject({ ok: true });
  expect(await (await person()).as.call('hours', 'history', { recordId: keptId! })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.rejected' })).toHaveLength(1);
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.revoked' })).toHaveLength(1);
});

test('a correction: reported once per revision, accepted as a corrected confirmed revision with the reason', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  await admin.as.call('hours', 'confirm', { recordIds: [recordId!] });
  const startsAt = '2026-11-28T01:00:00.000Z';
  const reported = await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '签退晚了一小时', proposedMinutes: 210, proposedStartsAt: startsAt, proposedEndsAt: '2026-11-28T04:30:00.000Z' });
  if (!reported.ok) throw new Error(reported.error.code);
  expect(reported.data.correction).toMatchObject({ status: 'open', proposedMinutes: 210 });
  expect(await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '再说一次' })).toMatchObject({ ok: false, error: { code: 'CORRECTION_OPEN' } });
  expect(await docs(emu, 'notifications', { recipientUserId: admin.userId, kind: 'hours.correctionReported' })).toHaveLength(1);
  // Somebody else's record is not theirs to correct; times that do not hold the minutes are refused.
  expect(await (await person()).as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '错了' })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
  expect(await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '错了', proposedMinutes: 300, proposedStartsAt: startsAt, proposedEndsAt: '2026-11-28T04:30:00.000Z' })).toMatchObject({ ok: false, error: { code: 'CORRECTION_TIMES_INVALID' } });

  const listed = await admin.as.call('hours', 'corrections', { orgId });
  expect(listed).toMatchObject({ ok: true, data: { items: [{ correctionId: reported.data.correction.correctionId, volunteerNameMasked: '张*' }] } });
  const accepted = await admin.as.call('hours', 'resolveCorrection', { correctionId: reported.data.correction.correctionId, decision: 'accept', reason: '核对签到表属实' });
  expect(accepted).toMatchObject({ ok: true, data: { correction: { status: 'accepted', resolution: '核对签到表属实' }, record: { revision: 2, displayStatus: 'corrected', minutes: 210 } } });
  expect(await hoursOf(v)).toBe(210);
  expect(await admin.as.call('hours', 'resolveCorrection', { correctionId: reported.data.correction.correctionId, decision: 'reject', reason: '改主意' })).toMatchObject({ ok: false, error: { code: 'CORRECTION_ALREADY_DECIDED' } });
  expect(await docs(emu, 'notifications', { recipientUserId: v.userId, kind: 'hours.correctionResolved' })).toHaveLength(1);
  const history = await v.as.call('hours', 'history', { recordId: recordId! });
  expect(history).toMatchObject({ ok: true, data: { revisions: [{ event: '确认' }, { event: '更正', reason: '核对签到表属实' }], corrections: [{ status: 'accepted' }] } });
});

test('a rejected correction leaves the record as it was', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  await admin.as.call('hours', 'confirm', { recordIds: [recordId!] });
  const reported = await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '应该更长', proposedMinutes: 300 });
  if (!reported.ok) throw new Error(reported.error.code);
  expect(await admin.as.call('hours', 'resolveCorrection', { correctionId: reported.data.correction.correctionId, decision: 'reject', reason: '签到记录显示两个半小时' })).toMatchObject({
    ok: true,
    data: { correction: { status: 'rejected' }, record: { revision: 1, minutes: 150 } },
  });
  expect(await hoursOf(v)).toBe(150);
});

test('我的时长: the total from the volunteer document, the star and its progress, pending items and pages newest first', async () => {
  const { admin, orgId, v } = await world();
  // 99 h 30 min of service confirmed in six records, one record of 60 min pending, one training record confirmed.
  const ids = await addRecords(emu, [
    recordOf(v, orgId, {}, 1440, '2026-11-01'),
    ...Array.from({ length: 4 }, (_, i) => recordOf(v, orgId, {}, 1080, `2026-11-0${i + 2}`)),
    recordOf(v, orgId, {}, 210, '2026-11-07'),
    recordOf(v, orgId, {}, 60, '2026-11-08'),
    recordOf(v, orgId, { kind: 'training' }, 600, '2026-11-09'),
  ]);
  const pendingId = ids[6]!;
  const decided = await admin.as.call('hours', 'confirm', { recordIds: ids.filter((id) => id !== pendingId) });
  expect(decided.ok && decided.data.outcomes.every((o) => o.outcome === 'confirmed')).toBe(true);
  const res = await v.as.call('hours', 'mine', {});
  if (!res.ok) throw new Error(res.error.code);
  expect(res.data).toMatchObject({ serviceMinutes: 5970, trainingMinutes: 600, star: { profile: 'national', level: null, nextThresholdHours: 100, minutesToNext: 30 } });
  expect(res.data.pending.map((r) => r.recordId)).toEqual([pendingId]);
  expect(res.data.records.map((r) => r.activityDate)).toEqual(['2026-11-09', '2026-11-08', '2026-11-07', '2026-11-05', '2026-11-04', '2026-11-03', '2026-11-02', '2026-11-01']);
  // One more confirmed half hour reaches the first star, and 我的 and the card say the same.
  const [last] = await addRecords(emu, [recordOf(v, orgId, {}, 30, '2026-11-10')]);
  await admin.as.call('hours', 'confirm', { recordIds: [last!] });
  expect(await v.as.call('hours', 'mine', {})).toMatchObject({ ok: true, data: { serviceMinutes: 6000, star: { level: 1, nextThresholdHours: 300 } } });
  expect(await v.as.call('user', 'session', {})).toMatchObject({ ok: true, data: { volunteer: { confirmedHours: 100, starLevel: 1 } } });
  expect(await v.as.call('volunteer', 'card', {})).toMatchObject({ ok: true, data: { confirmedHours: 100, starLevel: 1 } });
  expect(await (await person()).as.call('hours', 'mine', {})).toMatchObject({ ok: true, data: { serviceMinutes: 0, records: [], star: { level: null } } });
  expect(await caller(emu, 'openid-hours-nobody').call('hours', 'mine', {})).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
});

test('我的时长 pages by cursor through 45 records without repeats or gaps', async () => {
  const { orgId, v } = await world();
  const made = Array.from({ length: 45 }, (_, i) => recordOf(v, orgId, {}, 60, `2026-10-${String((i % 28) + 1).padStart(2, '0')}`));
  await addRecords(emu, made);
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await v.as.call('hours', 'mine', cursor ? { cursor } : {});
    if (!res.ok) throw new Error(res.error.code);
    seen.push(...res.data.records.map((r) => r.recordId));
    cursor = res.data.next;
  } while (cursor);
  expect(new Set(seen).size).toBe(45);
  expect(seen.sort()).toEqual(made.map((r) => r.recordId).sort());
});

test('the queue: pending only, oldest activity first, overdue after the policy days, rounding applied at confirmation', async () => {
  const { admin, orgId, v } = await world();
  const today = new Date().toISOString().slice(0, 10);
  const ids = await addRecords(emu, [recordOf(v, orgId, {}, 100, '2026-01-05'), recordOf(v, orgId, {}, 100, today), recordOf(v, orgId, {}, 100, '2026-01-02')]);
  const res = await admin.as.call('hours', 'queue', { orgId });
  if (!res.ok) throw new Error(res.error.code);
  expect(res.data.policy).toEqual({ roundingStepMinutes: null, overdueDays: 7 });
  expect(res.data.items.map((i) => [i.recordId, i.overdue])).toEqual([
    [ids[2], true],
    [ids[0], true],
    [ids[1], false],
  ]);
  expect(await v.as.call('hours', 'queue', { orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await v.as.call('hours', 'setHoursPolicy', { orgId, roundingStepMinutes: 15, overdueDays: 3 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await admin.as.call('hours', 'setHoursPolicy', { orgId, roundingStepMinutes: 7 as 5, overdueDays: 3 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await admin.as.call('hours', 'setHoursPolicy', { orgId, roundingStepMinutes: 30, overdueDays: 3 })).toMatchObject({ ok: true, data: { policy: { roundingStepMinutes: 30, overdueDays: 3 } } });
  expect(await admin.as.call('hours', 'confirm', { recordIds: [ids[0]!] })).toMatchObject({ ok: true, data: { outcomes: [{ record: { minutes: 90 } }] } });
  expect(await admin.as.call('hours', 'setHoursPolicy', { orgId, roundingStepMinutes: null, overdueDays: 7 })).toMatchObject({ ok: true, data: { policy: { roundingStepMinutes: null } } });
  expect(await admin.as.call('hours', 'confirm', { recordIds: [ids[2]!] })).toMatchObject({ ok: true, data: { outcomes: [{ record: { minutes: 100 } }] } });
  expect(await admin.as.call('hours', 'orgTotals', { orgId })).toEqual({ ok: true, data: { serviceMinutes: 190, trainingMinutes: 0, confirmedRecords: 2 } });
  expect(await admin.as.call('hours', 'orgTotals', { orgId, projectId: 'proj_nope' })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
});

test('the overdue timer tells each organization once per day', async () => {
  const { admin, orgId, v } = await world();
  await addRecords(emu, [recordOf(v, orgId, {}, 100, '2026-01-05'), recordOf(v, orgId, {}, 100, '2026-01-06')]);
  await emu.triggers!.fire('hours');
  await emu.triggers!.fire('hours');
  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: admin.userId, kind: 'hours.overdue' });
  expect(told).toHaveLength(1);
  expect(told[0]!.body).toContain('有 2 条');
});

test('the consistency check finds a counter moved behind the ledger and is for platform admins only', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  await admin.as.call('hours', 'confirm', { recordIds: [recordId!] });
  expect(await check(PLATFORM_ADMIN, { orgId })).toEqual({ recordsRead: 1, differences: [] });
  expect(await admin.as.call('hours', 'checkTotals', { orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await db(emu).collection('volunteers').doc(v.volunteerId).update({ data: { hours: { serviceMinutes: 999, trainingMinutes: 0, confirmedRecords: 1 } } });
  expect((await check(PLATFORM_ADMIN, { volunteerId: v.volunteerId })).differences).toEqual([
    { scope: 'volunteer', id: v.volunteerId, counted: { serviceMinutes: 999, trainingMinutes: 0, confirmedRecords: 1 }, summed: { serviceMinutes: 150, trainingMinutes: 0, confirmedRecords: 1 } },
  ]);
});

test('an omission: a shift I was confirmed for and that ended without a record becomes one pending record, however often reported', async () => {
  const { admin, orgId, v } = await world();
  const project = projectDoc(orgId);
  const shift = shiftDoc(project);
  await publish(emu, project, [shift]);
  expect(await v.as.call('signup', 'signup', { shiftId: shift._id })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  const report = { kind: 'omission' as const, shiftId: shift._id, description: '当天签到了但没有记录' };
  expect(await v.as.call('hours', 'reportCorrection', report)).toMatchObject({ ok: false, error: { code: 'SHIFT_NOT_OVER' } });
  expect(await (await person()).as.call('hours', 'reportCorrection', report)).toMatchObject({ ok: false, error: { code: 'NOT_ON_ROSTER' } });
  // The shift is over (moved in the data: the test does not wait).
  const endsAt = new Date(Date.now() - 3_600_000);
  const startsAt = new Date(endsAt.getTime() - 2 * 3_600_000);
  await db(emu).collection('shifts').doc(shift._id).update({ data: { startsAt, endsAt } });

  const first = await v.as.call('hours', 'reportCorrection', report);
  expect(first).toMatchObject({ ok: true, data: { correction: { kind: 'omission', status: 'open' } } });
  expect(await v.as.call('hours', 'reportCorrection', report)).toMatchObject({ ok: false, error: { code: 'CORRECTION_OPEN' } });
  const made = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId: v.volunteerId });
  expect(made).toHaveLength(1);
  expect(made[0]).toMatchObject({ status: 'pending', source: 'correction', shiftId: shift._id, minutes: 120, activity: { name: project.title, place: project.place.address, leader: project.contact.name } });
  expect(await hoursOf(v)).toBe(0);
  // Its own source on every screen: 我的时长's pending list and the organization's queue.
  expect(await v.as.call('hours', 'mine', {})).toMatchObject({ ok: true, data: { pending: [{ source: 'correction' }] } });
  expect(await admin.as.call('hours', 'queue', { orgId })).toMatchObject({ ok: true, data: { items: [{ source: 'correction' }] } });

  if (!first.ok) throw new Error(first.error.code);
  expect(await admin.as.call('hours', 'resolveCorrection', { correctionId: first.data.correction.correctionId, decision: 'accept', reason: '签到表有记录', minutes: 110 })).toMatchObject({
    ok: true,
    data: { record: { revision: 2, status: 'confirmed', displayStatus: 'corrected', minutes: 110, source: 'correction' } },
  });
  expect(await hoursOf(v)).toBe(110);
  expect(await docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId: v.volunteerId })).toEqual([
    expect.objectContaining({ revision: 1, source: 'correction' }),
    expect.objectContaining({ revision: 2, source: 'correction', current: true }),
  ]);
});

test('an omission record written before it had its own source (declaration) reads as 遗漏更正; a real declaration stays one', async () => {
  const { orgId, v } = await world();
  const legacyId = `om_shift-legacy_${v.volunteerId}`;
  const [legacy, declared] = await addRecords(emu, [
    recordOf(v, orgId, { recordId: legacyId, _id: revisionId(legacyId, 1), source: 'declaration' }),
    recordOf(v, orgId, { source: 'declaration' }, 60, '2026-11-27'),
  ]);
  const mine = await v.as.call('hours', 'mine', {});
  if (!mine.ok) throw new Error(mine.error.code);
  expect(Object.fromEntries(mine.data.records.map((r) => [r.recordId, r.source]))).toEqual({ [legacy!]: 'correction', [declared!]: 'declaration' });
  expect(await v.as.call('hours', 'history', { recordId: legacy! })).toMatchObject({ ok: true, data: { record: { source: 'correction' } } });
});

test('an omission rejected rejects the pending record it made', async () => {
  const { admin, orgId, v } = await world();
  const project = projectDoc(orgId);
  const shift = shiftDoc(project);
  await publish(emu, project, [shift]);
  await v.as.call('signup', 'signup', { shiftId: shift._id });
  await db(emu).collection('shifts').doc(shift._id).update({ data: { startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000) } });
  const reported = await v.as.call('hours', 'reportCorrection', { kind: 'omission', shiftId: shift._id, description: '漏记' });
  if (!reported.ok) throw new Error(reported.error.code);
  expect(await admin.as.call('hours', 'resolveCorrection', { correctionId: reported.data.correction.correctionId, decision: 'reject', reason: '当天未签到' })).toMatchObject({
    ok: true,
    data: { correction: { status: 'rejected' }, record: { status: 'rejected', reason: '当天未签到' } },
  });
  // Once decided, the same omission cannot be reported again.
  expect(await v.as.call('hours', 'reportCorrection', { kind: 'omission', shiftId: shift._id, description: '漏记' })).toMatchObject({ ok: false, error: { code: 'CORRECTION_ALREADY_DECIDED' } });
});

test('my records and corrections are in my export; deleting my account keeps them without my name', async () => {
  const { admin, orgId, v } = await world();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  await admin.as.call('hours', 'confirm', { recordIds: [recordId!] });
  expect(await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId: recordId!, description: '时长有误', proposedMinutes: 120 })).toMatchObject({ ok: true });

  const exported = await v.as.call('volunteer', 'exportMine', {});
  if (!exported.ok) throw new Error(exported.error.code);
  const file = (await (await fetch(exported.data.url)).json()) as { other: { serviceRecords: ServiceRecordDoc[]; corrections: Array<{ recordId: string }> } };
  expect(file.other.serviceRecords.map((r) => r.recordId)).toEqual([recordId]);
  expect(file.other.corrections.map((c) => c.recordId)).toEqual([recordId]);

  expect(await v.as.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  const [kept] = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { recordId });
  expect(kept).toMatchObject({ volunteerId: v.volunteerId, volunteerName: '已注销', status: 'confirmed', minutes: 150 });
  const [correction] = await docs<{ volunteerName: string; userId: string }>(emu, 'corrections', { recordId });
  expect(correction).toMatchObject({ volunteerName: '已注销', userId: `deleted:${v.volunteerId}` });
  // The anonymised volunteer keeps the totals of the records kept, so the counters still equal them.
  expect((await check(PLATFORM_ADMIN, { volunteerId: v.volunteerId })).differences).toEqual([]);
  expect((await check(PLATFORM_ADMIN, { orgId })).differences).toEqual([]);
});
