// The ledger through the stock SDK against the emulator: a revision's write moves the volunteer's, organization's
// and project's totals in the same transaction, and random sequences of changes never make them drift from the sum
// of current confirmed records.
import fc from 'fast-check';
import type { Emulator } from '../../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { getOrNull, inTransaction, type Database } from '../db/db';
import { hourTotalsIds, revisionId, type HourTotalsDoc, type ServiceRecordDoc } from '../documents/service-record';
import type { VolunteerDoc } from '../documents/volunteer';
import { contribution, writeRevisions } from './ledger';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator();
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

const now = new Date('2026-12-02T02:00:00Z');

function record(volunteerId: string, recordId: string, over: Partial<ServiceRecordDoc> = {}): ServiceRecordDoc {
  return {
    _id: revisionId(recordId, 1),
    recordId,
    revision: 1,
    current: true,
    volunteerId,
    volunteerNo: '110101260001',
    volunteerName: '张三',
    orgId: 'o_ledger',
    orgName: '测试志愿者协会',
    projectId: 'p_ledger',
    kind: 'service',
    source: 'declaration',
    status: 'pending',
    activity: { name: '社区清洁', date: '2026-11-28', place: '东城区', serviceObjects: ['community'], content: '清扫', leader: '李四' },
    startsAt: new Date('2026-11-28T01:00:00Z'),
    endsAt: new Date('2026-11-28T03:30:00Z'),
    minutes: 150,
    computation: { servedMinutes: 150, clampedToWindow: false },
    evidenceFileIds: [],
    recordedBy: 'u_x',
    recordedAt: now,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

async function addVolunteer(id: string): Promise<void> {
  await db.collection('volunteers').add({ data: { _id: id, userId: `u_${id}`, status: 'active', credentialHash: `c_${id}`, phoneHash: `p_${id}`, volunteerNo: `no_${id}`, updatedAt: now } });
}

async function totals(scope: 'org' | 'project', owner: string): Promise<number> {
  const { data } = (await db.collection('hourTotals').where({ _id: db.command.in(hourTotalsIds(scope, owner)) }).get()) as unknown as { data: HourTotalsDoc[] };
  return data.reduce((sum, d) => sum + d.serviceMinutes, 0);
}

test('confirming counts once; a correction replaces the count; rejecting a pending record counts nothing', async () => {
  await addVolunteer('v_one');
  const pending = record('v_one', 'rec_a');
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: null, next: pending }], now));
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_one'))?.hours ?? { serviceMinutes: 0 }).toMatchObject({ serviceMinutes: 0 });

  const confirmed = { ...pending, status: 'confirmed' as const, confirmation: { orgId: 'o_ledger', by: 'u_admin', at: now } };
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: pending, next: confirmed }], now));
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_one'))!.hours).toEqual({ serviceMinutes: 150, trainingMinutes: 0, confirmedRecords: 1 });

  const corrected = { ...confirmed, _id: revisionId('rec_a', 2), revision: 2, minutes: 120, changeReason: '签退时间有误' };
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: confirmed, next: corrected }], now));
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_one'))!.hours).toEqual({ serviceMinutes: 120, trainingMinutes: 0, confirmedRecords: 1 });
  expect((await getOrNull<ServiceRecordDoc>(db, 'serviceRecords', revisionId('rec_a', 1)))!.current).toBe(false);
  expect(await totals('org', 'o_ledger')).toBe(120);
  expect(await totals('project', 'p_ledger')).toBe(120);

  const other = record('v_one', 'rec_b');
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: null, next: other }], now));
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: other, next: { ...other, status: 'rejected', rejection: { reason: '无此活动', by: 'u_admin', at: now } } }], now));
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_one'))!.hours!.serviceMinutes).toBe(120);
});

test('training minutes are kept apart from service minutes', async () => {
  await addVolunteer('v_train');
  const r = record('v_train', 'rec_t', { kind: 'training', status: 'confirmed', projectId: 'p_train', orgId: 'o_train' });
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: null, next: r }], now));
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_train'))!.hours).toEqual({ serviceMinutes: 0, trainingMinutes: 150, confirmedRecords: 1 });
});

test('a change that skips a revision or moves a record to another volunteer is refused and writes nothing', async () => {
  await addVolunteer('v_bad');
  const r = record('v_bad', 'rec_bad', { status: 'confirmed' });
  await inTransaction(db, (t) => writeRevisions(t, [{ previous: null, next: r }], now));
  await expect(inTransaction(db, (t) => writeRevisions(t, [{ previous: r, next: { ...r, _id: revisionId('rec_bad', 3), revision: 3 } }], now))).rejects.toThrow(/follow/);
  await expect(inTransaction(db, (t) => writeRevisions(t, [{ previous: r, next: { ...r, volunteerId: 'v_one' } }], now))).rejects.toThrow(/keeps/);
  expect((await getOrNull<VolunteerDoc>(db, 'volunteers', 'v_bad'))!.hours!.serviceMinutes).toBe(150);
});

test('property: over random confirm / reject / correct / revoke sequences the totals equal the sum of current confirmed records', async () => {
  const step = fc.record({ record: fc.integer({ min: 0, max: 3 }), op: fc.constantFrom('confirm', 'reject', 'correct', 'revoke'), minutes: fc.integer({ min: 1, max: 600 }) });
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      run++;
      const volunteerId = `v_prop_${run}`;
      const orgId = `o_prop_${run}`;
      await addVolunteer(volunteerId);
      const chains: ServiceRecordDoc[] = [];
      for (let i = 0; i < 4; i++) {
        const r = record(volunteerId, `rec_p${run}_${i}`, { orgId, projectId: `p_prop_${run}_${i % 2}` });
        await inTransaction(db, (t) => writeRevisions(t, [{ previous: null, next: r }], now));
        chains.push(r);
      }
      for (const s of steps) {
        const previous = chains[s.record]!;
        let next: ServiceRecordDoc;
        if (s.op === 'confirm') next = { ...previous, status: 'confirmed' };
        else if (s.op === 'reject') next = { ...previous, status: 'rejected' };
        else if (s.op === 'correct') next = { ...previous, _id: revisionId(previous.recordId, previous.revision + 1), revision: previous.revision + 1, minutes: s.minutes };
        else next = { ...previous, _id: revisionId(previous.recordId, previous.revision + 1), revision: previous.revision + 1, status: 'revoked' };
        await inTransaction(db, (t) => writeRevisions(t, [{ previous, next }], now));
        chains[s.record] = next;
      }
      const { data } = (await db.collection('serviceRecords').where({ volunteerId, current: true }).limit(100).get()) as unknown as { data: ServiceRecordDoc[] };
      const sum = data.reduce((acc, d) => acc + contribution(d).serviceMinutes, 0);
      expect(sum).toBe(chains.reduce((acc, d) => acc + contribution(d).serviceMinutes, 0));
      expect((await getOrNull<VolunteerDoc>(db, 'volunteers', volunteerId))!.hours?.serviceMinutes ?? 0).toBe(sum);
      expect(await totals('org', orgId)).toBe(sum);
    }),
    { numRuns: 25 },
  );
});
