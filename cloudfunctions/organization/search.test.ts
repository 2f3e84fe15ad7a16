// organization.search reads what it answers: keyword, region and status from one index, newest first, so each
// query examines at most twice what it returns however many organizations there are.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from './test-support';

let emu: Emulator;
let searcher: Volunteer;
const names: Array<[string, string]> = [
  ['鼓楼阳光志愿服务队', '350102'],
  ['台江阳光助老服务队', '350103'],
  ['鼓楼 Sunny 青年服务社', '350102'],
  ['思明阳光青年志愿者协会', '350203'],
  ['仓山蓝天救援队', '350104'],
  ['湖里阳光书香服务中心', '350206'],
];

beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  const admin = await registerVolunteer(emu, 'openid-search-admin');
  searcher = await registerVolunteer(emu, 'openid-search-searcher');
  const regionNames: Record<string, string[]> = {
    '350102': ['福建省', '福州市', '鼓楼区'],
    '350103': ['福建省', '福州市', '台江区'],
    '350104': ['福建省', '福州市', '仓山区'],
    '350203': ['福建省', '厦门市', '思明区'],
    '350206': ['福建省', '厦门市', '湖里区'],
  };
  for (const [name, regionCode] of names) await verifiedOrganization(emu, admin, { name, regionCode, regionNames: regionNames[regionCode] });
});
afterAll(async () => emu.stop());

async function search(req: { keyword?: string; regionCode?: string }): Promise<string[]> {
  emu.database.resetStats();
  const res = await searcher.as.call('organization', 'search', req);
  if (!res.ok) throw new Error(res.error.code);
  const shapes = Object.values(emu.database.stats('organizations').shapes);
  for (const s of shapes) expect(s.examined).toBeLessThanOrEqual(2 * Math.max(s.returned, 1));
  return res.data.organizations.map((o) => o.name);
}

test('keyword, region and both: exactly the matches, newest first, reading what is answered', async () => {
  expect(await search({ keyword: '阳光' })).toEqual(['湖里阳光书香服务中心', '思明阳光青年志愿者协会', '台江阳光助老服务队', '鼓楼阳光志愿服务队']);
  expect(await search({ keyword: '阳光', regionCode: '3502' })).toEqual(['湖里阳光书香服务中心', '思明阳光青年志愿者协会']);
  expect(await search({ keyword: '阳光', regionCode: '350102' })).toEqual(['鼓楼阳光志愿服务队']);
  expect(await search({ regionCode: '350100' })).toEqual(['仓山蓝天救援队', '鼓楼 Sunny 青年服务社', '台江阳光助老服务队', '鼓楼阳光志愿服务队']);
  expect(await search({})).toHaveLength(names.length);
});

test('case and runs of spaces are forgiven; a keyword longer than four characters is checked against the name', async () => {
  expect(await search({ keyword: 'sUNNY' })).toEqual(['鼓楼 Sunny 青年服务社']);
  expect(await search({ keyword: '鼓楼   sunny' })).toEqual(['鼓楼 Sunny 青年服务社']);
  expect(await search({ keyword: '阳光青年志愿' })).toEqual(['思明阳光青年志愿者协会']);
  expect(await search({ keyword: '阳光青年书香' })).toEqual([]);
  expect(await search({ keyword: '蓝天', regionCode: '3502' })).toEqual([]);
});
