// `npm run bench` (help part): help.verify of an urgent need through the gateway and the built function, with 1k and
// 10k responders and as many willing volunteers spread around 福州 — the documents one verification examines
// (responders by geoNear, their organizations by id, willing volunteers by geoNear) and its latency, and the 10k/1k
// ratio. The reads are bounded (≤100 per query), so they should stay flat as the data grows tenfold. Figures only.
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { startEmulator, type Emulator } from '../emulator/src/server';
import { caller } from '../emulator/test/support';
import { registerVolunteer } from '../cloudfunctions/organization/test-support';
import { submissionAt } from '../cloudfunctions/help/test-support';

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
const HERE = { longitude: 119.3, latitude: 26.08 };
const ADMIN = 'bench-platform-admin';
const NEEDS = 10;

/** Point n of a spread `spanDeg` wide around HERE (multipliers invertible modulo the primes: no two alike). */
function pointOf(n: number, spanDeg: number): [number, number] {
  return [HERE.longitude - spanDeg / 2 + (((n * 7919) % 10007) / 10007) * spanDeg, HERE.latitude - spanDeg / 2 + (((n * 104729) % 10009) / 10009) * spanDeg];
}

async function insert(emu: Emulator, collectionName: string, docs: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const data = docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false }));
    const res = (await emu.database.handle('database.insertDocument', { collectionName, data })) as { code?: string; message?: string };
    if (res.code) throw new Error(`bench insert: ${res.code} ${res.message}`);
  }
}

interface Figure {
  responders: number;
  organizations: number;
  willing: number;
  ms: number;
}

async function measure(count: number): Promise<Figure> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  const now = new Date();
  // Responders over about 200 × 200 km (a quarter within the 50 km reach), willing volunteers over about 60 × 60 km.
  await insert(
    emu,
    'organizations',
    Array.from({ length: count }, (_, n) => ({
      _id: `org_bench_${n}`,
      name: `演示组织${n}`,
      usccKey: `none:org_bench_${n}`,
      status: 'verified',
      regionCode: '350103',
      regionPrefixes: ['35', '3501', '350103'],
      createdAt: now,
      updatedAt: now,
    })),
  );
  await insert(
    emu,
    'helpResponders',
    Array.from({ length: count }, (_, n) => ({
      _id: `org_bench_${n}`,
      active: n % 5 !== 0,
      categories: n % 2 === 0 ? ['community'] : ['education'],
      base: { type: 'Point', coordinates: pointOf(n, 2) },
      openNeeds: n % 4,
      updatedAt: now,
    })),
  );
  await insert(
    emu,
    'helpWilling',
    Array.from({ length: count }, (_, n) => ({ _id: `u_bench_${n}`, near: { type: 'Point', coordinates: pointOf(n + 1, 0.6) }, radiusKm: 1 + (n % 20), updatedAt: now })),
  );
  const admin = caller(emu, ADMIN);
  const needs: string[] = [];
  for (let i = 0; i < NEEDS; i++) {
    const requester = await registerVolunteer(emu, `bench-requester-${i}`, '求助人');
    const res = await requester.as.call('help', 'submit', submissionAt({ longitude: HERE.longitude + i * 0.01, latitude: HERE.latitude }, { urgent: true }));
    if (!res.ok) throw new Error(`bench submit: ${res.error.code}`);
    needs.push(res.data.helpRequestId);
  }
  const times: number[] = [];
  emu.database.resetStats();
  for (const helpRequestId of needs) {
    const start = performance.now();
    const res = await admin.call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: '基准测试核实' });
    times.push(performance.now() - start);
    if (!res.ok) throw new Error(`bench verify: ${res.error.code}`);
  }
  const stats = emu.database.stats().collections;
  await emu.stop();
  times.sort((a, b) => a - b);
  return {
    responders: (stats.helpResponders?.examined ?? 0) / NEEDS,
    organizations: (stats.organizations?.examined ?? 0) / NEEDS,
    willing: (stats.helpWilling?.examined ?? 0) / NEEDS,
    ms: times[NEEDS >> 1]!,
  };
}

export async function helpBench(): Promise<void> {
  const small = await measure(1_000);
  const large = await measure(10_000);
  const line = (f: Figure) => `${f.responders.toFixed(0)} responders, ${f.organizations.toFixed(0)} organizations, ${f.willing.toFixed(0)} willing examined, ${fmt(f.ms)}`;
  console.log(`help: verify (urgent) 1k: ${line(small)} · 10k: ${line(large)} · 10k/1k responders ${(large.responders / small.responders).toFixed(2)}×, willing ${(large.willing / small.willing).toFixed(2)}×, latency ${(large.ms / small.ms).toFixed(2)}× (median of ${NEEDS})`);
}
