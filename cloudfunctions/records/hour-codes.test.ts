// Hour codes (时长码) through the built function and the stock SDK: codes shown once and stored only as keyed
// hashes, listed by serial; a redemption makes one pending record; wrong, expired and used codes are refused with
// their reasons; one code redeemed by 20 people at once gives exactly one record; guessing is rate-limited.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { HourCodeDoc } from '../_shared/documents/record-making';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { docs, functionEnv, type Volunteer } from '../organization/test-support';
import { HOUR_CODE_ALPHABET, hourCodeRecordId } from './rules';
import { hoursAgo, organizationWithProject, volunteerMaker, type World } from './test-support';

let emu: Emulator;
let world: World;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  world = await organizationWithProject(emu, 'codes');
});
afterAll(async () => emu.stop());

const volunteer = (name = '王小红') => volunteerMaker(emu, 'codes-v')(name);
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();
/** The records the batch's codes made for any of `people` (their ids are fixed per batch and volunteer). */
const recordsOfBatch = (codeBatchId: string, people: Volunteer[]) =>
  docs<ServiceRecordDoc>(emu, 'serviceRecords', { recordId: serverSdk(emu).database().command.in(people.map((p) => hourCodeRecordId(codeBatchId, p.volunteerId))) });

async function codes(count: number, over: Record<string, unknown> = {}) {
  const res = await world.admin.as.call('records', 'createHourCodes', {
    projectId: world.project._id,
    count,
    startsAt: hoursAgo(4),
    minutes: 90,
    kind: 'service',
    expiresAt: inADay(),
    ...over,
  });
  if (!res.ok) throw new Error(`createHourCodes: ${res.error.code}`);
  return res.data;
}

const CODE = new RegExp(`^[${HOUR_CODE_ALPHABET}]{4}-[${HOUR_CODE_ALPHABET}]{4}$`);

test('N distinct codes of unambiguous characters, shown once: the database holds only their keyed hashes', async () => {
  const made = await codes(40);
  expect(made.codes).toHaveLength(40);
  expect(made.codes.map((c) => c.serial)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  for (const { code } of made.codes) expect(code).toMatch(CODE);
  expect(new Set(made.codes.map((c) => c.code)).size).toBe(40);
  const stored = await docs<HourCodeDoc>(emu, 'hourCodes', { codeBatchId: made.batch.codeBatchId });
  expect(stored).toHaveLength(40);
  const text = JSON.stringify(stored);
  for (const { code } of made.codes) {
    expect(text).not.toContain(code);
    expect(text).not.toContain(code.replace('-', ''));
  }
  expect(made.batch).toMatchObject({ count: 40, redeemed: 0, minutes: 90, projectTitle: '西湖公园环保行动' });

  const listed = await world.admin.as.call('records', 'hourCodes', { codeBatchId: made.batch.codeBatchId });
  expect(listed).toEqual({ ok: true, data: expect.objectContaining({ codes: expect.arrayContaining([{ serial: 1, redeemed: false }]) }) });
  if (listed.ok) expect(listed.data.codes).toHaveLength(40);
  const batches = await world.admin.as.call('records', 'hourCodeBatches', { projectId: world.project._id });
  expect(batches.ok && batches.data.batches.map((b) => b.codeBatchId)).toContain(made.batch.codeBatchId);
});

test('only the organization\'s admins make and list codes; the count and expiry are bounded', async () => {
  const stranger = await volunteer();
  const base = { projectId: world.project._id, count: 5, startsAt: hoursAgo(4), minutes: 90, kind: 'service' as const, expiresAt: inADay() };
  expect(await stranger.as.call('records', 'createHourCodes', base)).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  expect(await world.admin.as.call('records', 'createHourCodes', { ...base, count: 501 })).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST', field: 'count' }) });
  expect(await world.admin.as.call('records', 'createHourCodes', { ...base, expiresAt: hoursAgo(1) })).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'HOUR_CODE_EXPIRY_INVALID', message: '时长码的有效期应晚于现在，最长 90 天' }),
  });
  const made = await codes(1);
  expect(await stranger.as.call('records', 'hourCodes', { codeBatchId: made.batch.codeBatchId })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_BATCH_NOT_FOUND' }) });
});

test('a redemption makes one pending record of the code\'s activity; the list shows who, masked', async () => {
  const made = await codes(2);
  const v = await volunteer('王小红');
  const typed = made.codes[0]!.code.replace('-', ' ').toLowerCase();
  const res = await v.as.call('records', 'redeemHourCode', { code: typed });
  expect(res).toEqual({ ok: true, data: expect.objectContaining({ source: 'hourCode', status: 'pending', minutes: 90, activityName: '西湖公园环保行动' }) });
  const other = await volunteer();
  const records = await recordsOfBatch(made.batch.codeBatchId, [v, other]);
  expect(records).toEqual([
    expect.objectContaining({ volunteerId: v.volunteerId, source: 'hourCode', status: 'pending', projectId: world.project._id, orgId: world.orgId, minutes: 90 }),
  ]);
  const listed = await world.admin.as.call('records', 'hourCodes', { codeBatchId: made.batch.codeBatchId });
  expect(listed.ok && listed.data.codes[0]).toEqual({ serial: 1, redeemed: true, redeemedBy: '王**', redeemedAt: expect.any(String) });
  expect(listed.ok && listed.data.batch.redeemed).toBe(1);

  // The same person again, with this code or another of the batch: one record.
  expect(await v.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_ALREADY_REDEEMED' }) });
  expect(await v.as.call('records', 'redeemHourCode', { code: made.codes[1]!.code })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_ALREADY_REDEEMED' }) });
  // Someone else with the used code.
  expect(await other.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code })).toEqual({
    ok: false,
    error: expect.objectContaining({ code: 'HOUR_CODE_USED', message: '这个时长码已被使用，每个时长码只能使用一次' }),
  });
  expect(await recordsOfBatch(made.batch.codeBatchId, [v, other])).toHaveLength(1);
});

test('wrong, unknown, expired and not-yet-served codes are refused with their reasons and record nothing', async () => {
  const made = await codes(2);
  const v = await volunteer();
  expect(await v.as.call('records', 'redeemHourCode', { code: 'OOOO-1111' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_INVALID' }) });
  expect(await v.as.call('records', 'redeemHourCode', { code: '2222-2222' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_INVALID', message: '时长码不正确，请核对后重新输入' }) });
  // Its expiry moved into the past in the data: the test does not wait a day.
  const [stored] = await docs<HourCodeDoc>(emu, 'hourCodes', { codeBatchId: made.batch.codeBatchId, serial: 1 });
  await serverSdk(emu).database().collection('hourCodes').doc(stored!._id).update({ data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await v.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code })).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_EXPIRED' }) });
  const later = await codes(1, { startsAt: new Date(Date.now() + 3_600_000 - (Date.now() % 60_000)).toISOString() });
  expect(await v.as.call('records', 'redeemHourCode', { code: later.codes[0]!.code })).toEqual({ ok: false, error: expect.objectContaining({ code: 'RECORD_TIME_INVALID', message: '服务还没有结束，结束后再登记' }) });
  expect(await docs(emu, 'serviceRecords', { volunteerId: v.volunteerId })).toEqual([]);
});

test('20 volunteers redeeming one code at once: exactly one record, the others told it is used', async () => {
  const made = await codes(1);
  const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => volunteer(`抢码者${i}`)));
  const answers = await Promise.all(crowd.map((v) => v.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code })));
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual(Array(19).fill('HOUR_CODE_USED'));
  const records = await recordsOfBatch(made.batch.codeBatchId, crowd);
  expect(records).toHaveLength(1);
  const winner = crowd[answers.findIndex((a) => a.ok)]!;
  expect(records[0]!.volunteerId).toBe(winner.volunteerId);
});

test('one volunteer redeeming one code twice at once: one record', async () => {
  const made = await codes(1);
  const v = await volunteer();
  const answers = await Promise.all([1, 2].map(() => v.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code })));
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.find((a) => !a.ok)).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_ALREADY_REDEEMED' }) });
  expect(await recordsOfBatch(made.batch.codeBatchId, [v])).toHaveLength(1);
});

test('guessing is rate-limited: after 10 attempts in 10 minutes even a right code waits', async () => {
  const made = await codes(1);
  const guesser = await volunteer();
  for (let i = 0; i < 10; i++) {
    const res = await guesser.as.call('records', 'redeemHourCode', { code: `${'23456789AB'[i]}222-2222` });
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'HOUR_CODE_INVALID' }) });
  }
  const limited = await guesser.as.call('records', 'redeemHourCode', { code: made.codes[0]!.code });
  expect(limited).toEqual({ ok: false, error: expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) }) });
  expect(await recordsOfBatch(made.batch.codeBatchId, [guesser])).toEqual([]);
});
