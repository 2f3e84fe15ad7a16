// project.forYou through the emulator (strict indexes: an unindexed candidate read fails the call): only projects the
// volunteer can join, ranked with their reasons; a volunteer with nothing that fits; refusals and bad input.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { ForYouItem, ForYouRequest } from '../../typings/project-foryou';
import { functionEnv, type Volunteer } from '../organization/test-support';
import { NEAREST_CANDIDATES } from './for-you';
import { publisher, published, registerVolunteer, signUp, type Publisher } from './fixtures';
import { formStartingIn, shiftOf } from './test-support';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import { encryptField, keyRingFromEnv } from '../_shared/security/crypto';

let emu: Emulator;
let org: Publisher;
let teamOrg: Publisher;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  [org, teamOrg] = await Promise.all([publisher(emu), publisher(emu)]);
});
afterAll(async () => emu.stop());

/** 厦门 思明区, far from the other project tests' 福州 points. */
const HERE = { longitude: 118.09, latitude: 24.48 };
const east = (km: number) => ({ longitude: HERE.longitude + km / 101.2, latitude: HERE.latitude });

type FormChange = Parameters<typeof formStartingIn>[2];
async function publish(by: Publisher, title: string, km: number, days: number, change: FormChange = {}, places = 10): Promise<string> {
  const at = east(km);
  const form = formStartingIn(new Date(), days, {
    title,
    place: { address: `${title}的地址`, longitude: at.longitude, latitude: at.latitude, regionCode: '350203', checkinRadiusM: 300 },
    ...change,
  });
  form.shifts[0]!.places = places;
  return published(by, form);
}

async function forYou(who: Volunteer, req: ForYouRequest): Promise<ForYouItem[]> {
  const res = await who.as.call('project', 'forYou', req);
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  return res.data.items;
}

/** The profile fields registration would have set (the fixture registers a volunteer with none). */
async function setProfile(v: Volunteer, fields: Record<string, unknown>): Promise<void> {
  await serverSdk(emu).database().collection('volunteers').doc(v.volunteerId).update({ data: fields });
}

test('only the projects I can join, nearest and best fitting first, each with its reasons', async () => {
  const me = await registerVolunteer(emu, 'openid-foryou-me', '陈推荐');
  // Saturday-free volunteer with first aid; the fixture's birth date makes me 76.
  await setProfile(me, { skills: ['first_aid'], intentions: ['health'], availability: [{ weekday: 6, times: ['morning'] }] });
  const other = await registerVolunteer(emu, 'openid-foryou-other', '林占位');

  const near = await publish(org, '海边助老', 1.2, 4);
  const far = await publish(org, '远处助老', 9, 4);
  const firstAid = await publish(org, '马拉松急救', 6, 5, { category: 'health', conditions: { skills: ['first_aid'], scope: 'open', minorsAllowed: false } });
  const needsDriving = await publish(org, '送餐司机', 1, 4, { conditions: { skills: ['driving'], scope: 'open', minorsAllowed: false } });
  const teamOnly = await publish(org, '队内活动', 1, 4, { conditions: { skills: [], scope: 'team', teamOrgId: teamOrg.orgId, minorsAllowed: false } });
  const password = await publish(org, '口令活动', 1, 4, { conditions: { skills: [], scope: 'password', password: 'xm2026', minorsAllowed: false } });
  const tooOld = await publish(org, '青年活动', 1, 4, { conditions: { skills: [], scope: 'open', maxAge: 35, minorsAllowed: false } });
  const full = await publish(org, '一人名额', 1, 4, {}, 1);
  await signUp(emu, shiftOf(full, 0), other);
  // I hold a shift on day 6 at 09:00; another project at the same time must not be offered.
  const held = await publish(org, '已报名活动', 20, 6);
  await signUp(emu, shiftOf(held, 0), me);
  const clash = await publish(org, '同时段活动', 1, 6);

  const items = await forYou(me, { near: HERE });
  const ids = items.map((i) => i.projectId);
  for (const absent of [needsDriving, teamOnly, password, tooOld, full, held, clash]) expect(ids).not.toContain(absent);
  expect(ids).toEqual(expect.arrayContaining([near, far, firstAid]));
  expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));

  const nearItem = items.find((i) => i.projectId === near)!;
  expect(nearItem).toMatchObject({ title: '海边助老', shiftId: shiftOf(near, 0), placesLeft: 10, status: 'recruiting' });
  expect(nearItem.reasons.map((r) => r.text)).toContain('距离 1.2 km');
  expect(Math.round(nearItem.distanceM! / 100)).toBe(12);
  const aidItem = items.find((i) => i.projectId === firstAid)!;
  expect(aidItem.reasons.map((r) => r.text)).toEqual(expect.arrayContaining(['技能：急救']));
  for (const item of items) expect(item.reasons.length).toBeGreaterThan(0);

  // Joining a team opens its team-only project to me.
  await serverSdk(emu)
    .database()
    .collection('memberships')
    .doc(`${teamOrg.orgId}_${me.userId}`)
    .set({ data: { orgId: teamOrg.orgId, userId: me.userId, role: 'member', status: 'active', requestCount: 1, requestedAt: new Date(), since: new Date() } });
  expect((await forYou(me, { near: HERE, limit: 20 })).map((i) => i.projectId)).toContain(teamOnly);
  // The limit bounds the answer.
  expect(await forYou(me, { near: HERE, limit: 1 })).toHaveLength(1);
});

test('a volunteer with no fitting project gets an empty list, not an error', async () => {
  // A 15-year-old: every project here leaves minors out (minorsAllowed: false), near or far.
  const minor = await registerVolunteer(emu, 'openid-foryou-minor', '周少年');
  const birthYear = new Date().getUTCFullYear() - 15;
  const ring = keyRingFromEnv(emu.functionEnv);
  await setProfile(minor, { birth: encryptField(JSON.stringify({ birthDate: `${birthYear}-01-01`, gender: 'male' }), ring, CIPHER_PURPOSE.birth) });
  await publish(org, '成人志愿', 0.5, 3);
  expect(await forYou(minor, { near: HERE })).toEqual([]);
  // The same projects are there for an adult at the same point.
  const adult = await registerVolunteer(emu, 'openid-foryou-adult', '周成年');
  expect((await forYou(adult, { near: HERE })).map((i) => i.title)).toContain('成人志愿');
});

test('refuses who is not registered and a request that is not well formed', async () => {
  const stranger = caller(emu, 'openid-foryou-stranger');
  const res = await stranger.call('project', 'forYou', { near: HERE });
  expect(res).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  const me = await registerVolunteer(emu, 'openid-foryou-bad', '吴格式');
  for (const bad of [{}, { near: { longitude: 181, latitude: 24 } }, { near: HERE, limit: 0 }, { near: HERE, limit: 21 }, { near: HERE, extra: 1 }]) {
    const answer = await me.as.call('project', 'forYou', bad as ForYouRequest);
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }
});

test('a project found only by my intention, beyond the nearest candidates, is read as the SDK gives its point', async () => {
  // The SDK reads a GeoJSON field back as its Point class (longitude, latitude) through where().get(), while geoNear's
  // aggregate answers it as stored: a project that only the intention read finds must be placed all the same.
  const me = await registerVolunteer(emu, 'openid-foryou-intention', '郑意向');
  await setProfile(me, { intentions: ['culture'] });
  // More projects nearer than the far one than the geoNear read takes, none of them open to me (a skill I lack).
  const needsDriving = { conditions: { skills: ['driving'], scope: 'open' as const, minorsAllowed: false } };
  for (let batch = 0; batch < NEAREST_CANDIDATES; batch += 10) {
    await Promise.all(Array.from({ length: 10 }, (_, i) => publish(org, `近处司机${batch + i}`, 0.2 + (batch + i) / 100, 3, needsDriving)));
  }
  const library = await publish(org, '远方图书馆', 60, 3, { category: 'culture' });
  const items = await forYou(me, { near: HERE, limit: 20 });
  const item = items.find((i) => i.projectId === library);
  expect(item).toBeDefined();
  expect(Math.round(item!.distanceM! / 1000)).toBe(60);
  expect(item!.reasons.map((r) => r.text)).toContain('意向：文化艺术');
});
