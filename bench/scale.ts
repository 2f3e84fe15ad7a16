// `npm run bench` (growth part): the product's screens and queries at 1k and 10k documents. Organizations,
// volunteers and memberships are written straight into the database in their stored shapes (searchKeysOf as
// registration writes it); the people who look are registered through the functions. Per screen: function calls,
// database queries and payload; per query shape: examined / returned. Figures and ratios only, never assertions.
import * as http from 'node:http';
import { EJSON } from 'bson';
import { gb11643CheckChar } from '../miniprogram/domain/checksum';
import { PRIVACY_TERMS_VERSION } from '../miniprogram/domain/codes';
import { regionPrefixes } from '../miniprogram/domain/region';
import { searchKeysOf } from '../cloudfunctions/organization/search-keys';
import { userIdOf } from '../cloudfunctions/_shared/documents/ids';
import { startEmulator, type Emulator } from '../emulator/src/server';

const COUNTIES = ['350102', '350103', '350104', '350111', '350203', '350206', '350211', '350602', '350681', '350702'];
const WORDS = ['阳光', '青年', '爱心', '蓝天', '红十字', '春晖', '助老', '环保', '文明', '邻里', '书香', '手拉手'];
const KINDS = ['志愿服务队', '志愿者协会', '志愿服务中心', '公益服务社'];

function orgDoc(i: number): Record<string, unknown> {
  const region = COUNTIES[i % COUNTIES.length];
  const name = `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]}第${i}${KINDS[i % KINDS.length]}`;
  const prefixes = regionPrefixes(region);
  return {
    _id: `org_bench_${i}`,
    name,
    kind: 'grassroots',
    status: i % 10 === 9 ? 'pending' : 'verified',
    usccKey: `none:org_bench_${i}`,
    regionCode: region,
    regionNames: ['福建省', '某市', '某区'],
    regionPrefixes: prefixes,
    searchKeys: searchKeysOf(name, prefixes),
    address: '某路1号',
    personInCharge: '负责人',
    contact: { name: '联系人', phone: { cipher: { kid: 'x', iv: 'x', data: 'x', tag: 'x' }, masked: '138****0000' } },
    createdBy: 'u_bench',
    createdAt: new Date(1_700_000_000_000 + i * 60_000),
    updatedAt: new Date(1_700_000_000_000 + i * 60_000),
  };
}

async function insert(emu: Emulator, collection: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    const r = await emu.database.handle('database.insertDocument', { collectionName: collection, data: docs.slice(i, i + 500).map((d) => EJSON.stringify(d, { relaxed: false })) });
    if (r.code) throw new Error(`${collection}: ${String(r.message)}`);
  }
}

function idNumber(order: number): string {
  const first17 = `350102199001${String(1 + (order % 28)).padStart(2, '0')}${String(order % 1000).padStart(3, '0')}`;
  return first17 + gb11643CheckChar(first17);
}

interface Screen {
  calls: number;
  queries: number;
  bytes: number;
}

async function world(n: number): Promise<Map<string, Screen | Record<string, number>>> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, functionEnv: { PLATFORM_ADMIN_OPENIDS: 'bench-platform' } });
  // A fresh connection per call: seeding blocks the event loop for seconds, and a kept-alive socket the server
  // closed meanwhile would answer the next call with ECONNRESET.
  const post = (openid: string, fn: string, body: Record<string, unknown>) =>
    new Promise<{ body: { ok: boolean; data?: any; error?: { code: string } }; bytes: number }>((resolve, reject) => {
      const req = http.request(`${emu.gatewayUrl}/${fn}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-wx-openid': openid } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ body: JSON.parse(text), bytes: Buffer.byteLength(text) });
        });
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const register = async (openid: string, order: number) => {
    const r = await post(openid, 'volunteer', {
      action: 'register',
      requestId: `bench-${openid}`,
      name: '张三',
      credential: { type: 'CN_ID', number: idNumber(order) },
      phone: { source: 'typed', number: `1381234${String(order).padStart(4, '0')}` },
      regionCode: '350102',
      regionNames: ['福建省', '福州市', '鼓楼区'],
      skills: [],
      skillTags: [],
      intentions: ['community'],
      availability: [],
      consents: { privacyVersion: PRIVACY_TERMS_VERSION },
    });
    if (!r.body.ok) throw new Error(`register ${openid}: ${r.body.error?.code}`);
  };
  await register('bench-admin', 1);
  await register('bench-me', 2);
  const admin = userIdOf('bench-admin');
  const me = userIdOf('bench-me');

  await insert(emu, 'organizations', Array.from({ length: n }, (_, i) => orgDoc(i)));
  // The big organization: n / 10 members besides its admin (101 at 1k, 1,001 at 10k), n / 100 join requests.
  const big = 'org_bench_0';
  const at = (i: number) => new Date(1_700_000_000_000 + Math.floor(i / 3) * 1000);
  const volunteers = Array.from({ length: n / 10 }, (_, i) => ({
    _id: `vol_bench_${i}`,
    userId: `u_bench_${i}`,
    status: 'active',
    name: '李四',
    volunteerNo: `ZY3501022026${String(i).padStart(7, '0')}`,
    credentialHash: `bench-hash-${i}`,
    phone: { masked: '138****0000' },
  }));
  await insert(emu, 'volunteers', volunteers);
  const membership = (orgId: string, userId: string, role: string, status: string, i: number) => ({ _id: `${orgId}_${userId}`, orgId, userId, role, status, requestCount: 1, requestedAt: at(i), ...(status === 'active' ? { since: at(i) } : {}) });
  await insert(emu, 'memberships', [
    membership(big, admin, 'admin', 'active', 0),
    ...volunteers.slice(0, n / 10).map((v, i) => membership(big, v.userId, 'member', i < n / 100 ? 'pending' : 'active', i)),
    // The caller of 我的组织 and my-data belongs to a few organizations whatever their number.
    ...[1, 2, 3, 4, 5].map((k) => membership(`org_bench_${k}`, me, 'member', 'active', k)),
  ]);
  // Messages: 150 of them mine (one person's data stays one person's), n / 10 to the others (the collection grows).
  const message = (i: number, to: string) => ({ _id: `n_bench_${i}`, recipientUserId: to, kind: 'org.joinApproved', title: '加入申请已通过', body: '你已加入', link: '/pages/me/index', createdAt: at(i), readAt: null });
  await insert(emu, 'notifications', [...Array.from({ length: 150 }, (_, i) => message(i, me)), ...volunteers.map((v, i) => message(150 + i, v.userId))]);

  const out = new Map<string, Screen | Record<string, number>>();
  const screen = async (label: string, run: () => Promise<number[]>) => {
    emu.database.resetStats();
    const bytes = await run();
    const queries = Object.values(emu.database.stats().collections).reduce((q, c) => q + c.queries, 0);
    out.set(label, { calls: bytes.length, queries, bytes: bytes.reduce((a, b) => a + b, 0) });
  };
  const shapes: Record<string, number> = {};
  const keepShapes = () => {
    for (const [shape, s] of Object.entries(emu.database.stats().shapes)) {
      if (s.collection === 'requests' || s.collection === 'rateLimits') continue;
      shapes[shape] = Math.max(shapes[shape] ?? 0, s.worstRatio);
    }
  };
  const first = async (openid: string, fn: string, body: Record<string, unknown>): Promise<number> => (await post(openid, fn, body)).bytes;

  await screen('org home (first render, admin)', async () => [await first('bench-admin', 'organization', { action: 'get', orgId: big })]);
  keepShapes();
  await screen('org home, every member (加载更多 to the end)', async () => {
    const got = await post('bench-admin', 'organization', { action: 'get', orgId: big });
    const sizes = [got.bytes];
    let next: string | undefined = got.body.data.admin.membersNext;
    while (next) {
      const page = await post('bench-admin', 'organization', { action: 'members', orgId: big, after: next });
      sizes.push(page.bytes);
      next = page.body.data?.next;
    }
    return sizes;
  });
  keepShapes();
  await screen('org mine', async () => [await first('bench-me', 'organization', { action: 'mine' })]);
  await screen('volunteer card', async () => [await first('bench-me', 'volunteer', { action: 'card' })]);
  await screen('my-data (profile; the page also asks registrationRules once per app session)', async () => [await first('bench-me', 'volunteer', { action: 'profile' })]);
  keepShapes();
  await screen('exportMine', async () => [await first('bench-me', 'volunteer', { action: 'exportMine', requestId: `bench-export-${n}` })]);
  keepShapes();
  await screen('reviewQueue (orgs engineer)', async () => [await first('bench-platform', 'organization', { action: 'reviewQueue' })]);
  keepShapes();
  await screen('我的 user.session (errors engineer)', async () => [await first('bench-me', 'user', { action: 'session', requestId: `bench-session-${n}` })]);
  await screen('search: 5 shapes', async () => [
    await first('bench-me', 'organization', { action: 'search' }),
    await first('bench-me', 'organization', { action: 'search', regionCode: '350102' }),
    await first('bench-me', 'organization', { action: 'search', keyword: '阳光' }),
    await first('bench-me', 'organization', { action: 'search', keyword: '蓝天', regionCode: '3502' }),
    await first('bench-me', 'organization', { action: 'search', keyword: `第${Math.floor(n / 2)}志愿` }),
  ]);
  keepShapes();
  out.set('shapes', shapes);
  await emu.stop();
  return out;
}

export async function scaleBench(smallN = 1000, largeN = 10_000): Promise<void> {
  const small = await world(smallN);
  const large = await world(largeN);
  for (const [label, s] of small) {
    if (label === 'shapes') continue;
    const a = s as Screen;
    const b = large.get(label) as Screen;
    console.log(
      `growth: ${label}: 1k ${a.calls} call(s), ${a.queries} queries, ${(a.bytes / 1024).toFixed(1)} KB · 10k ${b.calls} call(s), ${b.queries} queries, ${(b.bytes / 1024).toFixed(1)} KB · ` +
        `queries ×${(b.queries / a.queries).toFixed(2)}, bytes ×${(b.bytes / a.bytes).toFixed(2)}` +
        (a.calls === 1 && Math.max(a.bytes, b.bytes) > 20 * 1024 ? '  (goal: first render ≤ 20 KB)' : ''),
    );
  }
  const a = small.get('shapes') as Record<string, number>;
  const b = large.get('shapes') as Record<string, number>;
  for (const shape of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    console.log(`growth: examined/returned (worst) ${shape}: 1k ${(a[shape] ?? 0).toFixed(2)} · 10k ${(b[shape] ?? 0).toFixed(2)}${(b[shape] ?? 0) > 2 ? '  (goal ≤ 2)' : ''}`);
  }
}
