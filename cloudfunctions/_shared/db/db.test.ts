// inTransaction through the stock SDK against the emulator: conflicts run the whole body again, rolled-back attempts
// leave nothing behind, and without the retry (a policy of one attempt) a conflict is a failure — so the concurrency
// tests of the functions can fail.
import type { Emulator } from '../../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../../emulator/test/support';
import { backoffMs, DEFAULT_RETRY, getOrNull, inTransaction, isTransactionConflict, Rollback, TransactionBusy, type Database } from './db';

let emu: Emulator;
let db: Database;
beforeAll(async () => {
  emu = await startTestEmulator();
  db = serverSdk(emu).database() as unknown as Database;
});
afterAll(async () => emu.stop());

/** The conflict exactly as wx-server-sdk 4.x surfaces it: errCode -501001, the server's code only in the message. */
function sdkConflict(): Error {
  return Object.assign(new Error('errCode: -501001 | errMsg: [DATABASE_TRANSACTION_CONFLICT] Transaction is conflict'), {
    errCode: -501001,
    errMsg: '[DATABASE_TRANSACTION_CONFLICT] Transaction is conflict',
  });
}

const ONE_ATTEMPT = { attempts: 1, baseDelayMs: 1 };

async function counter(id: string): Promise<number | null> {
  return (await getOrNull<{ value: number }>(db, 'counters', id))?.value ?? null;
}

test('a conflict runs the whole body again; the conflicting attempts leave nothing written', async () => {
  await db.collection('counters').add({ data: { _id: 'retried', value: 0 } });
  let runs = 0;
  const result = await inTransaction(db, async (t) => {
    runs++;
    const current = (await getOrNull<{ value: number }>(t, 'counters', 'retried'))!.value;
    await t.collection('counters').doc('retried').set({ data: { value: current + 1 } });
    if (runs < 3) throw sdkConflict();
    return current + 1;
  });
  expect(runs).toBe(3);
  expect(result).toBe(1);
  expect(await counter('retried')).toBe(1);
});

test('without the retry (one attempt) the same conflict is a failure: TransactionBusy, nothing written', async () => {
  await db.collection('counters').add({ data: { _id: 'once', value: 0 } });
  let runs = 0;
  const attempt = inTransaction(
    db,
    async (t) => {
      runs++;
      await t.collection('counters').doc('once').set({ data: { value: 1 } });
      throw sdkConflict();
    },
    ONE_ATTEMPT,
  );
  await expect(attempt).rejects.toBeInstanceOf(TransactionBusy);
  expect(runs).toBe(1);
  expect(await counter('once')).toBe(0);
});

test('attempts are bounded: a conflict every time gives up after the policy, as BUSY does', async () => {
  let runs = 0;
  await expect(
    inTransaction(db, async () => {
      runs++;
      throw sdkConflict();
    }, { attempts: DEFAULT_RETRY.attempts, baseDelayMs: 1 }),
  ).rejects.toEqual(expect.objectContaining({ attempts: DEFAULT_RETRY.attempts }));
  expect(runs).toBe(DEFAULT_RETRY.attempts);
});

test('a Rollback answers its result and undoes the body; other errors pass through untouched', async () => {
  await db.collection('counters').add({ data: { _id: 'rolled', value: 0 } });
  const answer = await inTransaction(db, async (t) => {
    await t.collection('counters').doc('rolled').set({ data: { value: 9 } });
    throw new Rollback('refused');
  });
  expect(answer).toBe('refused');
  expect(await counter('rolled')).toBe(0);
  const bug = new Error('a bug');
  await expect(inTransaction(db, async () => Promise.reject(bug))).rejects.toBe(bug);
  expect(isTransactionConflict(bug)).toBe(false);
  expect(isTransactionConflict(sdkConflict())).toBe(true);
  expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' })).toBe(true);
  expect(isTransactionConflict({ errCode: -501001, errMsg: 'resource system error' })).toBe(false);
});

test('backoff doubles from the base, is capped, and is jittered over [0, ceiling)', () => {
  const policy = { attempts: 12, baseDelayMs: 10, maxDelayMs: 250 };
  expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffMs(a, policy, 0.999999))).toEqual([10, 20, 40, 80, 160, 250, 250].map((c) => c * 0.999999));
  expect(backoffMs(3, policy, 0)).toBe(0);
  const worstTotal = Array.from({ length: DEFAULT_RETRY.attempts - 1 }, (_, i) => backoffMs(i + 1, DEFAULT_RETRY, 1)).reduce((a, b) => a + b, 0);
  expect(worstTotal).toBe(15 + 30 + 60 + 120 + 240 + 480 + 800 * 9);
  // The longest a caller can wait in backoff stays well inside the shortest timeout of a function that writes.
  expect(worstTotal).toBeLessThan(20_000 / 2);
});
