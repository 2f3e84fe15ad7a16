// `npm run bench` (discovery part): project.discover through the gateway and the built function at 1k and 10k
// recruiting projects — the documents each page reads (projects and shifts) and its latency, per order and filter,
// and the 10k/1k ratio. Reads per page should stay flat as the projects grow tenfold. Figures, never assertions.
import { performance } from 'node:perf_hooks';
import { EJSON } from 'bson';
import { startEmulator, type Emulator } from '../emulator/src/server';
import { searchTokens, shiftDays } from '../cloudfunctions/project/rules';

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
const HERE = { longitude: 119.3, latitude: 26.08 };
const CATEGORIES = ['community', 'environment', 'education', 'health', 'emergency', 'culture', 'sports', 'tourism'];
const WORDS = ['社区', '助老', '环保', '清洁', '支教', '义诊', '应急', '文化', '运动', '导览', '关爱', '宣传'];

/** Project n: spread over about 50 × 50 km around 福州, starting within the coming 60 days. */
function project(n: number, now: number): { project: Record<string, unknown>; shift: Record<string, unknown> } {
  const id = `prj_bench_${n}`;
  const startsAt = new Date(now + (1 + (n % 60)) * 86_400_000 + (n % 24) * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const title = `${WORDS[n % WORDS.length]}${WORDS[(n * 7) % WORDS.length]}志愿活动${n}`;
  // A place of its own per project (multipliers invertible modulo the primes 10007 and 10009), so 10k projects are not
  // 1k places with ten projects each, which would measure ties at one spot rather than growth.
  const location = { type: 'Point', coordinates: [HERE.longitude - 0.25 + ((n * 7919) % 10007) / 20014, HERE.latitude - 0.25 + ((n * 104729) % 10009) / 20018] };
  return {
    project: {
      _id: id,
      orgId: `org_bench_${n % 50}`,
      orgName: `演示组织${n % 50}`,
      title,
      category: CATEGORIES[n % CATEGORIES.length],
      serviceObjects: ['public'],
      content: '基准数据',
      status: 'recruiting',
      discoverable: true,
      conditions: { skills: [], scope: 'open', minorsAllowed: false },
      place: { address: `福州市鼓楼区示例路${n}号`, location, regionCode: '350102', regionPrefixes: ['35', '3501', '350102'], checkinRadiusM: 300 },
      risk: { disclosure: '无', risky: false },
      contact: { name: '联系人', phoneMasked: '139****0000' },
      approvalMode: 'automatic',
      cancelCutoffHours: 24,
      startsAt,
      endsAt,
      days: shiftDays([{ startsAt, endsAt }]),
      tokens: searchTokens(title, `演示组织${n % 50}`),
      shiftCount: 1,
      createdBy: 'u_bench',
      createdAt: new Date(now - n * 60_000),
      updatedAt: new Date(now - n * 60_000),
      publishedAt: new Date(now - n * 60_000),
    },
    shift: {
      _id: `${id}-0`,
      projectId: id,
      orgId: `org_bench_${n % 50}`,
      startsAt,
      endsAt,
      places: 10,
      cancelled: false,
      capacity: { shards: 0, full: false },
      createdAt: new Date(now),
      updatedAt: new Date(now),
    },
  };
}

async function insert(emu: Emulator, collectionName: string, docs: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const data = docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false }));
    const res = (await emu.database.handle('database.insertDocument', { collectionName, data })) as { code?: string; message?: string };
    if (res.code) throw new Error(`bench insert: ${res.code} ${res.message}`);
  }
}

interface Figure {
  reads: number;
  /** Projects examined per page, for the goal's ratio; shifts and capacity shards grow with the page, not the data. */
  projectReads: number;
  ms: number;
  /** Per query shape on projects: examined / returned over the ten pages (BENCH_SHAPES=1 prints them). */
  shapes: Array<[string, number, number]>;
}

/** Shanghai calendar day `days` after `now`, as discover's fromDate/toDate take it. */
const shanghaiDay = (now: number, days: number): string => new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Every order with no filter and with each filter bench data can answer (region: all bench projects are in 3501). */
function cases(now: number): Array<[string, Record<string, unknown>]> {
  const orders: Array<[string, Record<string, unknown>]> = [
    ['nearest', { sort: 'distance', near: HERE }],
    ['soonest', { sort: 'startsAt' }],
    ['newest', { sort: 'newest' }],
  ];
  const filters: Array<[string, Record<string, unknown>]> = [
    ['', {}],
    ['category', { category: 'environment' }],
    ['keyword', { keyword: '助老' }],
    ['region', { regionCode: '3501' }],
    ['dates', { fromDate: shanghaiDay(now, 20), toDate: shanghaiDay(now, 26) }],
    ['places left', { hasPlacesLeft: true }],
  ];
  return orders.flatMap(([order, o]) => filters.map(([filter, f]) => [filter ? `${order}, ${filter}` : order, { ...o, ...f }] as [string, Record<string, unknown>]));
}

/** Every seventh project's shift is full, so 仅看有空位 leaves some out. */
function fullShards(made: ReturnType<typeof project>[], now: number): Array<Record<string, unknown>> {
  return made
    .filter((_, n) => n % 7 === 3)
    .map((m) => ({ _id: `${String(m.shift._id)}_0`, shiftId: m.shift._id, index: 0, places: 10, taken: 10, updatedAt: new Date(now) }));
}

async function measure(count: number, now: number): Promise<Map<string, Figure>> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true });
  const made = Array.from({ length: count }, (_, n) => project(n, now));
  await insert(emu, 'projects', made.map((m) => m.project));
  await insert(emu, 'shifts', made.map((m) => m.shift));
  await insert(emu, 'capacityShards', fullShards(made, now));
  const call = (body: Record<string, unknown>) =>
    fetch(`${emu.gatewayUrl}/project`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'bench-visitor' }, body: JSON.stringify({ action: 'discover', ...body }) }).then(
      (r) => r.json() as Promise<{ ok: boolean; data?: { items: unknown[]; nextCursor?: string } }>,
    );
  await call({ sort: 'startsAt' }); // warm the instance
  const out = new Map<string, Figure>();
  for (const [label, body] of cases(now)) {
    const pages = 10;
    const times: number[] = [];
    emu.database.resetStats();
    let cursor: string | undefined;
    for (let i = 0; i < pages; i++) {
      const start = performance.now();
      const res = await call({ ...body, ...(cursor ? { cursor } : {}) });
      times.push(performance.now() - start);
      if (!res.ok) throw new Error(`bench discover ${label}: ${JSON.stringify(res)}`);
      cursor = res.data!.nextCursor;
    }
    const report = emu.database.stats();
    const stats = report.collections;
    const reads = ((stats.projects?.examined ?? 0) + (stats.shifts?.examined ?? 0) + (stats.capacityShards?.examined ?? 0)) / pages;
    const shapes = Object.entries(report.shapes)
      .filter(([, s]) => s.collection === 'projects')
      .map(([shape, s]) => [shape, s.examined, s.returned] as [string, number, number]);
    times.sort((a, b) => a - b);
    out.set(label, { reads, projectReads: (stats.projects?.examined ?? 0) / pages, ms: times[pages >> 1]!, shapes });
  }
  await emu.stop();
  return out;
}

export async function discoveryBench(): Promise<void> {
  const now = Date.now();
  const small = await measure(1_000, now);
  const large = await measure(10_000, now);
  for (const [label] of cases(now)) {
    const a = small.get(label)!;
    const b = large.get(label)!;
    const ratio = b.projectReads / a.projectReads;
    console.log(
      `discovery: ${label.padEnd(22)} 1k: ${a.reads.toFixed(1)} reads (${a.projectReads.toFixed(1)} projects), ${fmt(a.ms)} · ` +
        `10k: ${b.reads.toFixed(1)} reads (${b.projectReads.toFixed(1)} projects), ${fmt(b.ms)} · ` +
        `10k/1k reads ${(b.reads / a.reads).toFixed(2)}×, projects ${ratio.toFixed(2)}×${ratio > 1.3 ? '  (goal ≤ 1.3×)' : ''}, latency ${(b.ms / a.ms).toFixed(2)}× ` +
        `(per page of 10, median of 10 pages scrolled)`,
    );
    if (process.env.BENCH_SHAPES === '1') {
      for (const [shape, examined, returned] of b.shapes) console.log(`  10k ${shape}: examined ${examined}, returned ${returned}`);
    }
  }
}
