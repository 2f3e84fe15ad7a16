import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { mayView, organizationDetail, organizationSummary, relationOf, reviewQueueItem, type PersonCard } from './view';

const t = (iso: string) => new Date(iso);
const org = (over: Partial<OrganizationDoc> = {}): OrganizationDoc => ({
  _id: 'org_1',
  name: '鼓楼区阳光志愿服务中心',
  kind: 'registered',
  status: 'verified',
  usccKey: '52350102MJ00000017',
  uscc: '52350102MJ00000017',
  civilAffairsType: 'social_service',
  authority: '福州市鼓楼区民政局',
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  regionPrefixes: ['35', '3501', '350102'],
  address: '五四路100号',
  personInCharge: '李四',
  contact: { name: '王五', phone: { cipher: { kid: 'k', iv: 'iv', ct: 'SECRET', tag: 'tag' }, masked: '139****1111' } },
  createdBy: 'u_creator',
  createdAt: t('2026-01-01T00:00:00Z'),
  updatedAt: t('2026-01-02T00:00:00Z'),
  ...over,
});
const membership = (userId: string, over: Partial<MembershipDoc> = {}): MembershipDoc => ({
  _id: `org_1_${userId}`,
  orgId: 'org_1',
  userId,
  role: 'member',
  status: 'active',
  requestCount: 1,
  requestedAt: t('2026-01-05T00:00:00Z'),
  since: t('2026-01-06T00:00:00Z'),
  ...over,
});
const person = (userId: string, name: string): PersonCard => ({ userId, name, volunteerNo: `ZY-${userId}`, phoneMasked: '138****0001' });

test('the summary is public data only: no contact, no address, no cipher', () => {
  const s = organizationSummary(org({ parentId: 'org_p', parentName: '福州市志愿服务联合会', introduction: '助老' }));
  expect(s).toEqual({
    orgId: 'org_1',
    name: '鼓楼区阳光志愿服务中心',
    kind: 'registered',
    status: 'verified',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    uscc: '52350102MJ00000017',
    civilAffairsType: 'social_service',
    parent: { orgId: 'org_p', name: '福州市志愿服务联合会' },
    introduction: '助老',
  });
  expect(organizationSummary(org({ uscc: undefined, civilAffairsType: undefined }))).not.toHaveProperty('uscc');
});

test('the caller\'s relation: a role only while active', () => {
  expect(relationOf(null)).toEqual({ myRole: null, myMembership: null });
  expect(relationOf(membership('u', { status: 'pending' }))).toEqual({ myRole: null, myMembership: 'pending' });
  expect(relationOf(membership('u', { status: 'declined' }))).toEqual({ myRole: null, myMembership: 'declined' });
  expect(relationOf(membership('u', { role: 'admin' }))).toEqual({ myRole: 'admin', myMembership: 'active' });
});

test('who may view: verified for anyone, otherwise admins and platform admins', () => {
  expect(mayView({ status: 'verified' }, false, false)).toBe(true);
  for (const status of ['pending', 'rejected'] as const) {
    expect(mayView({ status }, false, false)).toBe(false);
    expect(mayView({ status }, true, false)).toBe(true);
    expect(mayView({ status }, false, true)).toBe(true);
  }
});

test('the detail: the admin part only when given, pages in the order the store read them with their cursors, phones masked', () => {
  const admin = membership('u_admin', { role: 'admin', since: t('2026-01-10T00:00:00Z') });
  const member = membership('u_member');
  const newer = membership('u_new', { status: 'pending', requestedAt: t('2026-02-02T00:00:00Z'), message: '想加入' });
  const older = membership('u_old', { status: 'pending', requestedAt: t('2026-02-01T00:00:00Z') });
  const people = new Map([person('u_admin', '张三'), person('u_member', '李四'), person('u_new', '王五')].map((p) => [p.userId, p]));

  const plain = organizationDetail(org(), null, { showReview: false });
  expect(plain).not.toHaveProperty('admin');
  // The public page masks the person in charge, as every public page does (RULES §8).
  expect(plain).toMatchObject({ address: '五四路100号', personInCharge: '李*', createdAt: '2026-01-01T00:00:00.000Z', myRole: null });

  const full = organizationDetail(org(), admin, { showReview: true, admin: { members: [admin, member], joinRequests: [older, newer], people, membersNext: 'next-members' } });
  expect(full.admin).toEqual({
    contact: { name: '王五', phoneMasked: '139****1111' },
    members: [
      { userId: 'u_admin', name: '张三', volunteerNo: 'ZY-u_admin', phoneMasked: '138****0001', role: 'admin', since: '2026-01-10T00:00:00.000Z' },
      { userId: 'u_member', name: '李四', volunteerNo: 'ZY-u_member', phoneMasked: '138****0001', role: 'member', since: '2026-01-06T00:00:00.000Z' },
    ],
    membersNext: 'next-members',
    joinRequests: [
      { userId: 'u_old', name: '（已注销）', volunteerNo: '', requestedAt: '2026-02-01T00:00:00.000Z' },
      { userId: 'u_new', name: '王五', volunteerNo: 'ZY-u_new', message: '想加入', requestedAt: '2026-02-02T00:00:00.000Z' },
    ],
  });
  expect(JSON.stringify(full)).not.toContain('SECRET');
});

test('the reject reason is shown only where allowed', () => {
  const rejected = org({ status: 'rejected', review: { decision: 'reject', reason: '材料不全', reviewedBy: 'u_p', reviewedAt: t('2026-01-03T00:00:00Z') } });
  expect(organizationDetail(rejected, null, { showReview: true }).rejectReason).toBe('材料不全');
  expect(organizationDetail(rejected, null, { showReview: false })).not.toHaveProperty('rejectReason');
});

test('a queue item shows what a reviewer needs, contact masked', () => {
  expect(reviewQueueItem(org({ status: 'pending' }), person('u_creator', '陈七'), false)).toMatchObject({
    authority: '福州市鼓楼区民政局',
    address: '五四路100号',
    personInCharge: '李四',
    contact: { name: '王五', phoneMasked: '139****1111' },
    applicant: { name: '陈七', volunteerNo: 'ZY-u_creator' },
    createdAt: '2026-01-01T00:00:00.000Z',
  });
});
