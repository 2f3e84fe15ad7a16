// The volunteer card and scanning it, through the emulator: only the caller's own card, a QR code that verifies
// while fresh and not when old or altered, and a scan that answers masked data to admins of verified organizations.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import { cardKeyFrom, issueCardCode } from '../_shared/security/card-code';
import { userIdOf } from '../_shared/documents/ids';
import { arrangeOrganization, idNumber, registration, ringOf, ADULT_BIRTH_YEAR } from './test-support';

let emu: Emulator;
let volunteerId = '';
let volunteerNo = '';
const zhang = () => caller(emu, 'openid-card-zhang');
const admin = () => caller(emu, 'openid-card-admin');

beforeAll(async () => {
  emu = await startTestEmulator();
  const res = await zhang().call('volunteer', 'register', registration({ name: '张三丰', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 11) } }));
  if (!res.ok) throw new Error(`arrange: ${res.error.message}`);
  ({ volunteerId, volunteerNo } = res.data);
  const zhangId = userIdOf('openid-card-zhang');
  const adminId = userIdOf('openid-card-admin');
  await arrangeOrganization(emu, 'org-gulou', '鼓楼区阳光志愿队', { admins: [adminId], members: [zhangId] });
  await arrangeOrganization(emu, 'org-pending', '待审核的队伍', { admins: [adminId], status: 'pending' });
  await arrangeOrganization(emu, 'org-other', '别的组织', { admins: [userIdOf('openid-other-admin')] });
  // A join request still pending is not an organization of the volunteer's.
  await arrangeOrganization(emu, 'org-applied', '申请中的队伍', {});
  await serverSdk(emu)
    .database()
    .collection('memberships')
    .add({ data: { _id: `org-applied_${zhangId}`, orgId: 'org-applied', userId: zhangId, role: 'member', status: 'pending', requestCount: 1, requestedAt: new Date() } });
});
afterAll(async () => emu.stop());

test('the card: name, number, organizations, registration date, no hours yet, and a fresh QR code', async () => {
  const before = Date.now();
  const res = await zhang().call('volunteer', 'card', {});
  expect(res).toEqual({
    ok: true,
    data: {
      name: '张三丰',
      volunteerNo,
      organizations: ['鼓楼区阳光志愿队'],
      registeredOn: formatDate(shanghaiDate(new Date())),
      starLevel: null,
      confirmedHours: 0,
      qr: {
        payload: expect.stringMatching(new RegExp(`^ZYC1\\.${volunteerId}\\.`)),
        image: expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
        validUntil: expect.any(String),
        refreshAfterSeconds: expect.any(Number),
      },
    },
  });
  if (!res.ok) return;
  const validUntil = Date.parse(res.data.qr.validUntil);
  expect(validUntil).toBeGreaterThan(before);
  expect(validUntil - before).toBeLessThanOrEqual(61_000);
  expect(res.data.qr.refreshAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(res.data.qr.refreshAfterSeconds).toBeLessThanOrEqual(60);
  // A real PNG.
  expect(Buffer.from(res.data.qr.image.split(',')[1], 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('an admin of a verified organization scans the card: number and masked name only', async () => {
  const card = await zhang().call('volunteer', 'card', {});
  if (!card.ok) throw new Error('card');
  const res = await admin().call('volunteer', 'scanCard', { orgId: 'org-gulou', payload: card.data.qr.payload });
  expect(res).toEqual({ ok: true, data: { volunteerId, volunteerNo, nameMasked: '张**' } });
  expect(JSON.stringify(res)).not.toContain('张三丰');
});

test('a scan is FORBIDDEN to a member, to an admin of another or unverified organization, and to strangers', async () => {
  const card = await zhang().call('volunteer', 'card', {});
  if (!card.ok) throw new Error('card');
  const payload = card.data.qr.payload;
  const forbidden = { ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/管理员/) } };
  expect(await zhang().call('volunteer', 'scanCard', { orgId: 'org-gulou', payload })).toEqual(forbidden);
  expect(await admin().call('volunteer', 'scanCard', { orgId: 'org-pending', payload })).toEqual(forbidden);
  expect(await caller(emu, 'openid-other-admin').call('volunteer', 'scanCard', { orgId: 'org-gulou', payload })).toEqual(forbidden);
  expect(await caller(emu, 'openid-stranger').call('volunteer', 'scanCard', { orgId: 'org-gulou', payload })).toEqual(forbidden);
  expect(await admin().call('volunteer', 'scanCard', { orgId: 'org-missing', payload })).toEqual(forbidden);
});

test('an altered, foreign or old code does not verify', async () => {
  const card = await zhang().call('volunteer', 'card', {});
  if (!card.ok) throw new Error('card');
  const payload = card.data.qr.payload;
  const scan = (p: string) => admin().call('volunteer', 'scanCard', { orgId: 'org-gulou', payload: p });
  const invalid = { ok: false, error: { code: 'CARD_INVALID', message: expect.stringMatching(/二维码/) } };

  const lastChar = payload[payload.length - 1];
  expect(await scan(payload.slice(0, -1) + (lastChar === 'A' ? 'B' : 'A'))).toEqual(invalid);
  expect(await scan(payload.replace(volunteerId, 'v_000000000000000000000000'))).toEqual(invalid);
  expect(await scan('https://example.com/not-a-card')).toEqual(invalid);

  const key = cardKeyFrom(ringOf(emu));
  const old = issueCardCode(volunteerId, new Date(Date.now() - 5 * 60_000), key);
  expect(await scan(old.payload)).toEqual({ ok: false, error: { code: 'CARD_EXPIRED', message: expect.stringMatching(/过期/) } });
  // A code signed with the right key for someone who is not a volunteer.
  const nobody = issueCardCode('v_ffffffffffffffffffffffff', new Date(), key);
  expect(await scan(nobody.payload)).toEqual({ ok: false, error: { code: 'CARD_INVALID', message: expect.any(String) } });
});

test('profile and card are only ever the caller’s own', async () => {
  expect(await caller(emu, 'openid-nobody').call('volunteer', 'card', {})).toEqual({
    ok: false,
    error: { code: 'NOT_REGISTERED', message: expect.stringMatching(/注册/) },
  });
  expect(await caller(emu, 'openid-nobody').call('volunteer', 'profile', {})).toEqual({
    ok: false,
    error: { code: 'NOT_REGISTERED', message: expect.any(String) },
  });
  // No request can name someone else.
  const res = await caller(emu, 'openid-nobody').raw('volunteer', { action: 'profile', volunteerId });
  expect(res.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  const card = await caller(emu, 'openid-nobody').raw('volunteer', { action: 'card', volunteerId });
  expect(card.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  // Without a WeChat identity nothing is answered.
  const anonymous = await fetch(`${emu.gatewayUrl}/volunteer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'card' }) });
  expect(await anonymous.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
});
