// Discovery through the emulator (strict indexes: an unindexed query fails the call): ordering and filters against
// known coordinates, region fallback without a location, and paging that shows every project exactly once.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { DiscoverRequest, ProjectCard } from '../../typings/project-actions';
import { functionEnv } from '../organization/test-support';
import { publisher, published, signUp, type Publisher } from './fixtures';
import { registerVolunteer } from '../organization/test-support';
import { formStartingIn, shiftOf } from './test-support';

let emu: Emulator;
let org: Publisher;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  org = await publisher(emu, '福州海滨志愿服务队');
});
afterAll(async () => emu.stop());

/** 福州 鼓楼区 五四路, the point discovery asks from. */
const HERE = { longitude: 119.3, latitude: 26.08 };
/** A point `km` east of HERE (1° of longitude is about 99.9 km at this latitude). */
const east = (km: number) => ({ longitude: HERE.longitude + km / 99.94, latitude: HERE.latitude });

async function publish(title: string, opts: { km?: number; days?: number; category?: string; regionCode?: string; places?: number } = {}): Promise<string> {
  const at = east(opts.km ?? 1);
  const form = formStartingIn(new Date(), opts.days ?? 3, {
    title,
    category: opts.category ?? 'community',
    place: { address: `${title}的地址`, longitude: at.longitude, latitude: at.latitude, regionCode: opts.regionCode ?? '350102', checkinRadiusM: 300 },
  });
  if (opts.places !== undefined) form.shifts[0]!.places = opts.places;
  return published(org, form);
}

const visitor = () => caller(emu, 'openid-discover-visitor');

async function discover(req: DiscoverRequest): Promise<{ items: ProjectCard[]; nextCursor?: string }> {
  const res = await visitor().call('project', 'discover', req);
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Every page, following the cursor. */
async function allPages(req: DiscoverRequest, between?: (page: number) => Promise<void>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await discover({ ...req, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((i) => i.projectId));
    cursor = page.nextCursor;
    pages++;
    if (between) await between(pages);
  } while (cursor && pages < 50);
  return { ids, pages };
}

test('nearest first, with the distance; category and keyword narrow it', async () => {
  const far = await publish('海滨清洁甲', { km: 8, category: 'environment' });
  const near = await publish('海滨清洁乙', { km: 2, category: 'environment' });
  const mid = await publish('海滨助老丙', { km: 5 });
  const { items } = await discover({ near: HERE, keyword: '海滨', sort: 'distance' });
  expect(items.map((i) => i.projectId)).toEqual([near, mid, far]);
  expect(items.map((i) => Math.round(i.distanceM! / 100) / 10)).toEqual([2, 5, 8]);
  expect(items[0]).toMatchObject({ title: '海滨清洁乙', orgName: '福州海滨志愿服务队', status: 'recruiting', placesLeft: 10 });
  expect((await discover({ near: HERE, keyword: '海滨', category: 'environment', sort: 'distance' })).items.map((i) => i.projectId)).toEqual([near, far]);
  expect((await discover({ near: HERE, keyword: '清洁', sort: 'distance' })).items.map((i) => i.projectId)).toEqual([near, far]);
  expect((await discover({ near: HERE, keyword: '海滨助老', sort: 'distance' })).items.map((i) => i.projectId)).toEqual([mid]);
  expect((await discover({ keyword: '海滨清洁', sort: 'startsAt' })).items.map((i) => i.projectId).sort()).toEqual([near, far].sort());
});

test('soonest first or newest first; a date range keeps projects on those days', async () => {
  const later = await publish('日程测试后', { days: 9 });
  const soon = await publish('日程测试先', { days: 2 });
  const middle = await publish('日程测试中', { days: 5 });
  expect((await discover({ keyword: '日程测试', sort: 'startsAt' })).items.map((i) => i.projectId)).toEqual([soon, middle, later]);
  expect((await discover({ keyword: '日程测试', sort: 'newest' })).items.map((i) => i.projectId)).toEqual([middle, soon, later]);
  const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  expect((await discover({ keyword: '日程测试', sort: 'startsAt', fromDate: day(4), toDate: day(6) })).items.map((i) => i.projectId)).toEqual([middle]);
  expect((await discover({ keyword: '日程测试', near: HERE, sort: 'distance', fromDate: day(8) })).items.map((i) => i.projectId)).toEqual([later]);
});

test('a date range finds a project by the days its shifts are on, not by the weeks between them, in every order', async () => {
  // Shifts two and twelve days ahead: its span covers day 7, no shift of it does.
  const first = formStartingIn(new Date(), 2, { title: '间隔日程甲' });
  const second = formStartingIn(new Date(), 12).shifts[0]!;
  const apart = await published(org, { ...first, shifts: [...first.shifts, second] });
  const onDay7 = await publish('间隔日程乙', { days: 7 });
  const day = (n: number) => new Date(Date.now() + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const sort of ['startsAt', 'newest', 'distance'] as const) {
    const ids = async (from: number, to: number) => (await discover({ keyword: '间隔日程', near: HERE, sort, fromDate: day(from), toDate: day(to) })).items.map((i) => i.projectId).sort();
    expect({ sort, ids: await ids(6, 8) }).toEqual({ sort, ids: [onDay7] });
    expect({ sort, ids: await ids(12, 12) }).toEqual({ sort, ids: [apart] });
    expect({ sort, ids: await ids(1, 13) }).toEqual({ sort, ids: [apart, onDay7].sort() });
  }
});

test('without a location: the region a person chose', async () => {
  const xiamen = await publish('区域测试厦门', { regionCode: '350203', km: 200 });
  const fuzhou = await publish('区域测试福州', { regionCode: '350102' });
  expect((await discover({ keyword: '区域测试', regionCode: '3502', sort: 'startsAt' })).items.map((i) => i.projectId)).toEqual([xiamen]);
  expect((await discover({ keyword: '区域测试', regionCode: '35', sort: 'startsAt' })).items.map((i) => i.projectId).sort()).toEqual([xiamen, fuzhou].sort());
  expect(await visitor().call('project', 'discover', { sort: 'distance', regionCode: '3502' })).toEqual({
    ok: false,
    error: { code: 'DISCOVER_INVALID', message: '筛选条件不正确，请重新选择后再试', field: 'near' },
  });
});

test('has places left: from the shifts to come, places minus the confirmed', async () => {
  const full = await publish('空位测试满', { places: 1 });
  const open = await publish('空位测试空', { places: 2 });
  await signUp(emu, shiftOf(full, 0), await registerVolunteer(emu, 'openid-discover-full'));
  const all = await discover({ keyword: '空位测试', sort: 'startsAt' });
  expect(Object.fromEntries(all.items.map((i) => [i.projectId, i.placesLeft]))).toEqual({ [full]: 0, [open]: 2 });
  expect((await discover({ keyword: '空位测试', sort: 'startsAt', hasPlacesLeft: true })).items.map((i) => i.projectId)).toEqual([open]);
});

test.each(['distance', 'startsAt', 'newest'] as const)('paging by %s: every project once, ties at page boundaries included', async (sort) => {
  const keyword = `翻页${sort === 'distance' ? '甲' : sort === 'startsAt' ? '乙' : '丙'}`;
  const ids: string[] = [];
  // Three at one spot and one time (ties for distance and start), four elsewhere.
  for (let i = 0; i < 3; i++) ids.push(await publish(`${keyword}同点${i}`, { km: 3, days: 4 }));
  for (let i = 0; i < 4; i++) ids.push(await publish(`${keyword}别处${i}`, { km: 1 + i * 2, days: 2 + i }));
  const result = await allPages({ keyword, near: HERE, sort, limit: 2 });
  expect(result.ids.sort()).toEqual([...ids].sort());
  expect(new Set(result.ids).size).toBe(ids.length);
  expect(result.pages).toBeGreaterThanOrEqual(4);
});

test('a project published while someone scrolls is not repeated and nothing shown is lost', async () => {
  const keyword = '滚动中';
  const before: string[] = [];
  for (let i = 0; i < 5; i++) before.push(await publish(`${keyword}${i}`, { km: 1 + i, days: 2 + i }));
  let added: string | undefined;
  const result = await allPages({ keyword, near: HERE, sort: 'distance', limit: 2 }, async (page) => {
    if (page === 1) added = await publish(`${keyword}新`, { km: 0.5 });
  });
  expect(new Set(result.ids).size).toBe(result.ids.length);
  expect(result.ids).toEqual(expect.arrayContaining(before));
  // Nearer than the first page's end, the new one is behind the cursor: it shows on the next visit, not twice.
  expect(result.ids).not.toContain(added);
});

test('bad input is refused in Chinese; a forged cursor too', async () => {
  for (const req of [
    { sort: 'startsAt', category: '社区' },
    { sort: 'startsAt', fromDate: '2026-02-30' },
    { sort: 'startsAt', fromDate: '2026-12-09', toDate: '2026-12-01' },
    // More than 92 days: each day is an index lookup merged in order.
    { sort: 'startsAt', fromDate: '2026-12-01', toDate: '2027-03-03' },
    { sort: 'startsAt', cursor: 'not-a-cursor' },
  ] as DiscoverRequest[]) {
    expect(await visitor().call('project', 'discover', req)).toMatchObject({ ok: false, error: { code: 'DISCOVER_INVALID', message: '筛选条件不正确，请重新选择后再试' } });
  }
  expect(await visitor().call('project', 'discover', { sort: 'startsAt', keyword: '\u0000' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('drafts, projects under review and cancelled ones are never discovered', async () => {
  const keyword = '不公开';
  const shown = await publish(`${keyword}甲`);
  const res = await org.admin.as.call('project', 'saveDraft', { orgId: org.orgId, project: formStartingIn(new Date(), 2, { title: `${keyword}草稿` }) });
  expect(res.ok).toBe(true);
  const cancelled = await publish(`${keyword}取消`);
  expect(await org.admin.as.call('project', 'cancel', { projectId: cancelled, reason: '场地变更' })).toMatchObject({ ok: true });
  for (const sort of ['distance', 'startsAt', 'newest'] as const) {
    expect((await discover({ keyword, near: HERE, sort })).items.map((i) => i.projectId)).toEqual([shown]);
  }
});

test('a keyword or region query by time reads the projects it returns, not every recruiting one', async () => {
  for (let i = 0; i < 3; i++) await publish(`读取测试${i}`, { regionCode: '350521' });
  for (const req of [
    { keyword: '读取测试', sort: 'startsAt' },
    { keyword: '读取测试', sort: 'newest' },
    { regionCode: '350521', sort: 'startsAt' },
  ] as DiscoverRequest[]) {
    emu.database.resetStats();
    const { items } = await discover(req);
    expect(items).toHaveLength(3);
    const projectReads = emu.database.stats('projects').recent;
    expect(projectReads).toHaveLength(1);
    // Far more projects are recruiting in this file's world than the three asked for.
    expect({ req, examined: projectReads[0]!.examined }).toEqual({ req, examined: items.length });
  }
});

test.each([
  ['startsAt', '并甲', {}],
  ['startsAt', '并乙', { toDate: true }],
  ['newest', '并丙', {}],
  ['newest', '并丁', { toDate: true }],
  ['startsAt', '并戊', { fromDate: true, toDate: true }],
  ['newest', '并己', { fromDate: true, toDate: true }],
] as const)('paging by %s (%s) through many projects tied at one start: each once, each page reads only what it shows', async (sort, keyword, range) => {
  // A two-character keyword is one token, so every filter is in the index.
  const ids: string[] = [];
  for (let i = 0; i < 9; i++) ids.push(await publish(`${keyword}${i}`, { days: 5 }));
  const toDate = new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
  const fromDate = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  const req: DiscoverRequest = { keyword, sort, limit: 2, ...('toDate' in range ? { toDate } : {}), ...('fromDate' in range ? { fromDate } : {}) };
  const shown: string[] = [];
  let cursor: string | undefined;
  do {
    emu.database.resetStats();
    const page = await discover({ ...req, ...(cursor ? { cursor } : {}) });
    shown.push(...page.items.map((i) => i.projectId));
    cursor = page.nextCursor;
    // Nothing read is thrown away, tied or not.
    const reads = emu.database.stats('projects').recent;
    expect(reads.reduce((n, r) => n + r.examined, 0)).toBe(reads.reduce((n, r) => n + r.returned, 0));
  } while (cursor);
  expect(shown.sort()).toEqual([...ids].sort());
});
