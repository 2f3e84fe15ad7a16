import fc from 'fast-check';
import { charLength } from '../../../miniprogram/domain/text';
import { inviteAccepted, joinDecided, joinRequested, orgHomePath, organizationReviewed, TITLE_MAX_CHARS } from './notifications';
import { notificationId } from './outbox';

const org = { orgId: 'org_1', name: '鼓楼区阳光志愿服务中心' };

const all = (reason?: string) => [
  organizationReviewed({ org, applicantUserId: 'u_a', decision: 'approve' }),
  organizationReviewed({ org, applicantUserId: 'u_a', decision: 'reject', reason: reason ?? '材料不全' }),
  joinRequested({ org, adminUserId: 'u_admin', requesterUserId: 'u_r', requesterName: '欧阳娜娜', requestCount: 1 }),
  joinDecided({ org, requesterUserId: 'u_r', decision: 'approve', requestCount: 1 }),
  joinDecided({ org, requesterUserId: 'u_r', decision: 'decline', reason, requestCount: 1 }),
  inviteAccepted({ org, inviterUserId: 'u_i', code: 'ABCD2345', newAdminName: '张三', newAdminUserId: 'u_new' }),
];

test('titles are short (template-message keyword limit) and every message opens the organization page', () => {
  for (const n of all()) {
    expect(charLength(n.title)).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(n.link).toBe('/org/home/index?orgId=org_1');
    expect(n.body).toContain(org.name);
  }
  expect(all().map((n) => n.title)).toEqual(['组织认证已通过', '组织认证未通过', '新的入队申请', '入队申请已通过', '入队申请未通过', '管理员邀请已接受']);
});

test('a rejection and a decline carry the reason; a decline without one reads naturally', () => {
  expect(all('证书过期')[1].body).toContain('原因：证书过期');
  expect(all('证书过期')[4].body).toContain('原因：证书过期');
  expect(all()[4].body).toBe(`你加入「${org.name}」的申请未通过。`);
});

test('volunteers\' names are masked in messages', () => {
  expect(all()[2].body).toContain('欧***');
  expect(all()[2].body).not.toContain('欧阳娜娜');
  expect(all()[5].body).toContain('张*');
});

test('the same facts give the same id; another request number, recipient or decision gives another', () => {
  const base = { org, adminUserId: 'u_admin', requesterUserId: 'u_r', requesterName: '李四', requestCount: 1 };
  expect(notificationId(joinRequested(base))).toBe(notificationId(joinRequested({ ...base, requesterName: '改名' })));
  expect(notificationId(joinRequested(base))).not.toBe(notificationId(joinRequested({ ...base, requestCount: 2 })));
  expect(notificationId(joinRequested(base))).not.toBe(notificationId(joinRequested({ ...base, adminUserId: 'u_other' })));
  // One answer per join request: approving and declining request n share an id (only one of them can happen).
  const [, , , approved, declined] = all();
  expect(notificationId(approved)).toBe(notificationId(declined));
  expect(new Set(all().map(notificationId)).size).toBe(all().length - 1);
});

test('any organization id yields a safe page path', () => {
  fc.assert(fc.property(fc.string(), (id) => expect(orgHomePath(id)).toMatch(/^\/org\/home\/index\?orgId=[^&#\s]*$/)));
});

test('a message about someone other than its recipient names them, so their account deletion can remove it', () => {
  expect(all().map((n) => n.aboutUserId)).toEqual([undefined, undefined, 'u_r', undefined, undefined, 'u_new']);
});
