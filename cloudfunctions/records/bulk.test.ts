// Bulk entry through the built function and the stock SDK: members and a shift's confirmed sign-ups get one pending
// record each, the others are refused one by one with the reason; a batch of hundreds is recorded chunk by chunk with
// its progress; a re-run, two runs at once and a retried request never make a second record.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import type { BulkEntryRequest } from '../../typings/records';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { RecordBatchDoc } from '../_shared/documents/record-making';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { docs, functionEnv, registerVolunteer, type Volunteer } from '../organization/test-support';
import { BULK_CHUNK } from './bulk';
import { bulkRecordId } from './rules';
import { hoursAgo, members, organizationWithProject, pastShiftWith, volunteerMaker, type World } from './test-support';

let emu: Emulator;
let world: World;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  world = await organizationWithProject(emu, 'bulk');
});
afterAll(async () => emu.stop());

const db = () => serverSdk(emu).database();
/** The batch's records of any of `people` (ids fixed per batch and volunteer), asked 100 ids at a time. */
async function recordsOf(batchId: string, people: Volunteer[]): Promise<ServiceRecordDoc[]> {
  const out: ServiceRecordDoc[] = [];
  for (let i = 0; i < people.length; i += 100) {
    const ids = people.slice(i, i + 100).map((p) => bulkRecordId(batchId, p.volunteerId));
    out.push(...(await docs<ServiceRecordDoc>(emu, 'serviceRecords', { recordId: db().command.in(ids) })));
  }
  return out;
}
const batchDoc = async (batchId: string) => (await docs<RecordBatchDoc>(emu, 'recordBatches', { _id: batchId }))[0]!;

function entry(over: Partial<BulkEntryRequest> = {}): BulkEntryRequest {
  return { orgId: world.orgId, projectId: world.project._id, kind: 'service', startsAt: hoursAgo(26), endsAt: hoursAgo(23), activity: { leader: '王五' }, ...over };
}

/** Many members at once: memberships written as decideJoin stores an approved one (the join flow has its own tests). */
async function manyMembers(count: number, tag: string): Promise<Volunteer[]> {
  const out: Volunteer[] = [];
  for (let i = 0; i < count; i++) {
    const v = await registerVolunteer(emu, `openid-bulk-${tag}-${i}`, `成员${i}`);
    const now = new Date();
    const m: Omit<MembershipDoc, '_id'> = { orgId: world.orgId, userId: v.userId, role: 'member', status: 'active', requestCount: 1, requestedAt: now, since: now, decidedAt: now, decidedBy: world.admin.userId };
    await db().collection('memberships').add({ data: { _id: membershipId(world.orgId, v.userId), ...m } });
    out.push(v);
  }
  return out;
}

test('members and a shift\'s confirmed sign-ups get a pending record each; the others are refused one by one', async () => {
  const picked = await members(emu, world, 3, 'bulk-m');
  const outsider = await volunteerMaker(emu, 'bulk-o')('路人甲');
  const signedUp = await Promise.all([1, 2].map((i) => volunteerMaker(emu, 'bulk-s')(`报名者${i}`)));
  const shift = await pastShiftWith(emu, world, [...signedUp, picked[0]!]);
  // One member already has a record then.
  const busy = picked[2]!;
  const declared = await busy.as.call('records', 'declare', { orgId: world.orgId, kind: 'service', startsAt: new Date(shift.startsAt.getTime() + 1_800_000).toISOString(), endsAt: new Date(shift.endsAt.getTime() - 1_800_000).toISOString(), activity: { name: '社区议事会' } });
  expect(declared.ok).toBe(true);

  const res = await world.admin.as.call('records', 'bulkEntry', {
    ...entry({ projectId: undefined, startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString() }),
    confirmedOfShift: shift._id,
    userIds: [...picked.map((p) => p.userId), outsider.userId, 'u_nobody'],
  });
  expect(res.ok).toBe(true);
  if (!res.ok) return;
  expect(res.data).toEqual({
    batchId: expect.any(String),
    total: 7,
    done: 7,
    recorded: 4,
    finished: true,
    refused: expect.arrayContaining([
      { userId: outsider.userId, name: '路**', code: 'NOT_MEMBER', reason: '不是本组织的成员' },
      { userId: 'u_nobody', name: '', code: 'NOT_REGISTERED', reason: '还没有完成志愿者实名注册，或已注销' },
      { userId: busy.userId, name: '志***', code: 'RECORD_OVERLAP', reason: expect.stringContaining('「社区议事会」') },
    ]),
  });
  const records = await recordsOf(res.data.batchId, [...picked, ...signedUp, outsider]);
  expect(records.map((r) => r.volunteerId).sort()).toEqual([picked[0]!, picked[1]!, ...signedUp].map((v) => v.volunteerId).sort());
  for (const r of records) {
    expect(r).toMatchObject({
      status: 'pending',
      source: 'bulk',
      kind: 'service',
      orgId: world.orgId,
      projectId: world.project._id,
      shiftId: shift._id,
      minutes: 120,
      recordedBy: world.admin.userId,
      origin: { batchId: res.data.batchId },
      activity: { name: '西湖公园环保行动', leader: '王五', place: '福州市鼓楼区五四路100号' },
    });
  }
  expect(await world.admin.as.call('records', 'bulkProgress', { batchId: res.data.batchId })).toEqual({ ok: true, data: res.data });
});

test.each([
  ['end before start', () => entry({ startsAt: hoursAgo(2), endsAt: hoursAgo(3) }), 'RECORD_TIME_INVALID'],
  ['in the future', () => entry({ startsAt: hoursAgo(1), endsAt: new Date(Date.now() + 3_600_000 - (Date.now() % 60_000)).toISOString() }), 'RECORD_TIME_INVALID'],
  ['nobody picked', () => entry({ userIds: [] }), 'NO_VOLUNTEERS'],
  ['a shift of another organization', () => entry({ confirmedOfShift: 'shift_elsewhere' }), 'SHIFT_NOT_FOUND'],
  ['more than 500', () => entry({ userIds: Array.from({ length: 501 }, (_, i) => `u_${i}`) }), 'BAD_REQUEST'],
])('%s: refused, no batch and no record', async (_name, request, code) => {
  const [m] = await members(emu, world, 1, 'bulk-bad');
  const req = request();
  const res = await world.admin.as.call('records', 'bulkEntry', { ...req, userIds: req.userIds ?? [m!.userId] });
  expect(res).toEqual({ ok: false, error: expect.objectContaining({ code }) });
  expect(await docs(emu, 'serviceRecords', { volunteerId: m!.volunteerId })).toEqual([]);
});

test('only the organization\'s admins enter hours or read a batch', async () => {
  const [m] = await members(emu, world, 1, 'bulk-forbidden');
  expect(await m!.as.call('records', 'bulkEntry', entry({ userIds: [m!.userId] }))).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  const made = await world.admin.as.call('records', 'bulkEntry', entry({ userIds: [m!.userId], startsAt: hoursAgo(50), endsAt: hoursAgo(49) }));
  expect(made.ok).toBe(true);
  if (!made.ok) return;
  expect(await m!.as.call('records', 'bulkProgress', { batchId: made.data.batchId })).toEqual({ ok: false, error: expect.objectContaining({ code: 'BATCH_NOT_FOUND' }) });
  expect(await m!.as.call('records', 'continueBulkEntry', { batchId: made.data.batchId })).toEqual({ ok: false, error: expect.objectContaining({ code: 'BATCH_NOT_FOUND' }) });
});

test('a batch of 130 is recorded in chunks: progress read meanwhile is a whole number of chunks and never goes back', async () => {
  const people = await manyMembers(130, 'big');
  let running = true;
  const seen: number[] = [];
  const entered = world.admin.as.call('records', 'bulkEntry', entry({ userIds: people.map((p) => p.userId), startsAt: hoursAgo(80), endsAt: hoursAgo(78) }));
  // While the call runs the test knows the batch only through the first chunk's records, which name it.
  const watch = (async () => {
    while (running) {
      const [record] = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId: people[0]!.volunteerId });
      const batchId = record?.origin?.batchId;
      if (batchId) {
        const progress = await world.admin.as.call('records', 'bulkProgress', { batchId });
        if (progress.ok) seen.push(progress.data.done);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const res = await entered;
  running = false;
  await watch;
  expect(res).toEqual({ ok: true, data: expect.objectContaining({ total: 130, done: 130, recorded: 130, refused: [], finished: true }) });
  if (!res.ok) return;
  for (const done of seen) expect(done === 130 || done % BULK_CHUNK === 0).toBe(true);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  const records = await recordsOf(res.data.batchId, people);
  expect(records).toHaveLength(130);
  expect(new Set(records.map((r) => r.volunteerId)).size).toBe(130);
});

test('a batch a dead run left unfinished: two runs at once, then another, make each record once', async () => {
  const people = await manyMembers(60, 'resume');
  const now = new Date();
  const batch: Omit<RecordBatchDoc, '_id'> = {
    orgId: world.orgId,
    orgName: world.orgName,
    projectId: world.project._id,
    kind: 'training',
    startsAt: new Date(hoursAgo(100)),
    endsAt: new Date(hoursAgo(99)),
    minutes: 60,
    activity: { name: '新志愿者培训', date: '2026-11-27', place: '鼓楼区', serviceObjects: [], content: '志愿服务基础', leader: '王五' },
    people: people.map((p) => ({ userId: p.userId, viaShift: false })),
    total: 60,
    done: 0,
    recorded: 0,
    refused: [],
    finished: false,
    recordedBy: world.admin.userId,
    createdAt: now,
    updatedAt: now,
  };
  await db().collection('recordBatches').add({ data: { _id: 'bb_resume', ...batch } });
  const runs = await Promise.all([1, 2].map(() => world.admin.as.call('records', 'continueBulkEntry', { batchId: 'bb_resume' })));
  for (const run of runs) expect(run).toEqual({ ok: true, data: expect.objectContaining({ done: 60, recorded: 60, finished: true }) });
  const again = await world.admin.as.call('records', 'continueBulkEntry', { batchId: 'bb_resume' });
  expect(again).toEqual(runs[0]);
  const records = await recordsOf('bb_resume', people);
  expect(records).toHaveLength(60);
  expect(records.every((r) => r.kind === 'training' && r.status === 'pending')).toBe(true);
  expect((await batchDoc('bb_resume')).done).toBe(60);
});

test('the same request retried makes one batch and answers the same', async () => {
  const [m] = await members(emu, world, 1, 'bulk-retry');
  const body = { action: 'bulkEntry', ...entry({ userIds: [m!.userId], startsAt: hoursAgo(120), endsAt: hoursAgo(119) }), [REQUEST_ID_FIELD]: 'bulk-retry-000001' };
  const first = await world.admin.as.raw('records', body);
  const second = await world.admin.as.raw('records', body);
  expect(first.body).toEqual(expect.objectContaining({ ok: true }));
  expect(second.body).toEqual(first.body);
  const mine = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId: m!.volunteerId });
  expect(mine).toHaveLength(1);
});
