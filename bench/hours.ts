// `npm run bench` (hours part): 我的时长 (hours.mine) through the gateway and the built function for one volunteer
// with 100 and with 10,000 records — the documents its first page reads and its latency, and the 10k/100 ratio.
// The total comes from the volunteer document, and the page reads its indexes in order, so reads should stay flat
// as the records grow a hundredfold. Figures, never assertions.
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { startEmulator, type Emulator } from '../emulator/src/server';
import { userIdOf } from '../cloudfunctions/_shared/documents/ids';
import { revisionId } from '../cloudfunctions/_shared/documents/service-record';

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
const OPENID = 'bench-hours-volunteer';
const VOLUNTEER = 'vol_bench_hours';

async function insert(emu: Emulator, collectionName: string, docs: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const data = docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false }));
    const res = (await emu.database.handle('database.insertDocument', { collectionName, data })) as { code?: string; message?: string };
    if (res.code) throw new Error(`bench insert: ${res.code} ${res.message}`);
  }
}

/** Record n of the volunteer: one a day going back, every 20th still pending, the rest confirmed, 2 h each. */
function record(n: number, now: number): Record<string, unknown> {
  const recordId = `rec_bench_${n}`;
  const startsAt = new Date(now - (n + 1) * 86_400_000);
  return {
    _id: revisionId(recordId, 1),
    recordId,
    revision: 1,
    current: true,
    volunteerId: VOLUNTEER,
    volunteerNo: 'ZY3501022026000001',
    volunteerName: '张三',
    orgId: `org_bench_${n % 5}`,
    orgName: `演示组织${n % 5}`,
    kind: 'service',
    source: 'onsite',
    status: n % 20 === 0 ? 'pending' : 'confirmed',
    activity: { name: `社区服务${n}`, date: startsAt.toISOString().slice(0, 10), place: '福州市鼓楼区', serviceObjects: ['community'], content: '基准数据', leader: '李四' },
    startsAt,
    endsAt: new Date(startsAt.getTime() + 120 * 60_000),
    minutes: 120,
    computation: { servedMinutes: 120, clampedToWindow: false },
    evidenceFileIds: [],
    recordedBy: 'system',
    recordedAt: startsAt,
    createdAt: startsAt,
    updatedAt: startsAt,
  };
}

interface Figure {
  reads: number;
  ms: number;
}

async function measure(count: number): Promise<Figure> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true });
  const now = Date.now();
  const records = Array.from({ length: count }, (_, n) => record(n, now));
  const confirmed = records.filter((r) => r.status === 'confirmed').length;
  await insert(emu, 'users', [{ _id: userIdOf(OPENID), openid: OPENID, roles: [], volunteerId: VOLUNTEER, createdAt: new Date(now) }]);
  await insert(emu, 'volunteers', [
    { _id: VOLUNTEER, userId: userIdOf(OPENID), status: 'active', name: '张三', volunteerNo: 'ZY3501022026000001', regionCode: '350102', hours: { serviceMinutes: confirmed * 120, trainingMinutes: 0, confirmedRecords: confirmed } },
  ]);
  await insert(emu, 'serviceRecords', records);
  const call = () =>
    fetch(`${emu.gatewayUrl}/hours`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': OPENID }, body: JSON.stringify({ action: 'mine' }) }).then(
      (r) => r.json() as Promise<{ ok: boolean }>,
    );
  await call(); // warm the instance
  const runs = 10;
  const times: number[] = [];
  emu.database.resetStats();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await call();
    times.push(performance.now() - start);
    if (!res.ok) throw new Error(`bench hours.mine: ${JSON.stringify(res)}`);
  }
  const stats = emu.database.stats().collections;
  const reads = Object.values(stats).reduce((n, c) => n + (c?.examined ?? 0), 0) / runs;
  times.sort((a, b) => a - b);
  await emu.stop();
  return { reads, ms: times[runs >> 1]! };
}

export async function hoursBench(): Promise<void> {
  const small = await measure(100);
  const large = await measure(10_000);
  console.log(
    `my hours (hours.mine, first page): 100 records: ${small.reads.toFixed(1)} reads, ${fmt(small.ms)} · 10,000 records: ${large.reads.toFixed(1)} reads, ${fmt(large.ms)} · ` +
      `10k/100 reads ${(large.reads / small.reads).toFixed(2)}×, latency ${(large.ms / small.ms).toFixed(2)}× (median of 10 calls)`,
  );
}
