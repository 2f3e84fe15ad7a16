import type { OrganizationDetail } from '../../../typings/organization';
import { toStewardshipView } from './stewardship';
import { homeErrorMessage, shareOf, toHomeView, toInviteView, toRatingsView } from './view-model';

const base: OrganizationDetail = {
  orgId: 'o1',
  name: '鼓楼区青年志愿者协会',
  kind: 'registered',
  status: 'verified',
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  uscc: '51350102MJ0000001X',
  civilAffairsType: 'social_group',
  address: '五四路100号',
  personInCharge: '林海',
  createdAt: '2026-03-01T02:00:00.000Z',
  myRole: null,
  myMembership: null,
};

test('a visitor sees the profile and may ask to join a verified organization', () => {
  const view = toHomeView(base);
  expect(view.rows.map((r) => [r.label, r.value])).toEqual([
    ['类型', '依法登记的组织（社会团体）'],
    ['统一社会信用代码', '51350102MJ0000001X'],
    ['所在地区', '福建省 福州市 鼓楼区'],
    ['地址', '五四路100号'],
    ['负责人', '林海'],
    ['注册时间', '2026-03-01 10:00'],
  ]);
  expect(view).toMatchObject({ isAdmin: false, canRequestJoin: true, canInvite: false, members: [], joinRequests: [] });
});

test('no join request to an unverified organization, nor a second one', () => {
  expect(toHomeView({ ...base, status: 'pending' }).canRequestJoin).toBe(false);
  const pending = toHomeView({ ...base, myMembership: 'pending' });
  expect(pending.canRequestJoin).toBe(false);
  expect(pending.membershipNote).toBe('你已申请加入，等待管理员审核');
  expect(toHomeView({ ...base, myRole: 'member', myMembership: 'active' })).toMatchObject({ canRequestJoin: false, myRoleText: '你是该组织的成员' });
});

test('status notes, with the reviewer’s reason', () => {
  expect(toHomeView({ ...base, status: 'rejected', rejectReason: '证照不清晰' }).statusNote).toBe('未通过审核：证照不清晰。请修改后重新提交注册。');
  expect(toHomeView({ ...base, status: 'pending' }).statusNote).toMatch(/等待平台审核/);
});

test('an admin sees members, join requests and may invite once verified', () => {
  const view = toHomeView({
    ...base,
    myRole: 'admin',
    myMembership: 'active',
    admin: {
      contact: { name: '陈晓', phoneMasked: '138****5678' },
      members: [{ userId: 'u1', name: '林海', volunteerNo: 'ZY1', phoneMasked: '139****0000', role: 'admin', since: '2026-03-01T02:00:00.000Z' }],
      joinRequests: [{ userId: 'u2', name: '王*', volunteerNo: 'ZY2', message: '想参加', requestedAt: '2026-03-02T02:00:00.000Z' }],
    },
  });
  expect(view).toMatchObject({ isAdmin: true, canInvite: true, canRequestJoin: false });
  expect(view.members[0]).toEqual({ userId: 'u1', name: '林海', volunteerNo: 'ZY1', phoneMasked: '139****0000', roleText: '管理员', sinceText: '2026-03-01' });
  expect(view.joinRequests[0]).toEqual({ userId: 'u2', name: '王*', volunteerNo: 'ZY2', message: '想参加', requestedAtText: '2026-03-02 10:00' });
  expect(view.rows.find((r) => r.label === '联系人')!.value).toBe('陈晓 138****5678');
  expect(toHomeView({ ...base, status: 'pending', myRole: 'admin', myMembership: 'active' }).canInvite).toBe(false);
});

test('invitation and its share card', () => {
  const invite = toInviteView({ code: 'ABCD1234', validUntil: '2026-03-08T02:00:00.000Z', sharePath: '/org/invite/index?code=ABCD1234' });
  expect(invite).toEqual({ code: 'ABCD1234', expiryText: '2026-03-08 10:00 前有效', sharePath: '/org/invite/index?code=ABCD1234' });
  expect(shareOf('甲', invite)).toEqual({ title: '邀请你成为「甲」的管理员', path: '/org/invite/index?code=ABCD1234' });
  expect(shareOf('甲', null)).toBeUndefined();
});

test('errors in Chinese', () => {
  expect(homeErrorMessage('NOT_PENDING', 'x')).toBe('这条申请已经处理过了');
  expect(homeErrorMessage('NETWORK', '网络不稳定')).toBe('网络不稳定');
});

test('管理与退出: the last admin is told to hand over or dissolve; a waiting offer; history for admins', () => {
  const base = {
    orgId: 'o1',
    name: '鼓楼社区互助队',
    kind: 'grassroots' as const,
    status: 'verified' as const,
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '五四路100号',
    personInCharge: '林海',
    createdAt: '2026-03-01T02:00:00.000Z',
    myRole: 'admin' as const,
    myMembership: 'active' as const,
    history: [
      { event: 'submitted' as const, at: '2026-03-01T02:00:00.000Z' },
      { event: 'rejected' as const, at: '2026-03-02T02:00:00.000Z', reason: '地址不详' },
    ],
    admin: {
      contact: { name: '陈晓', phoneMasked: '138****5678' },
      members: [
        { userId: 'u_a', name: '林海', volunteerNo: 'ZY1', phoneMasked: '', role: 'admin' as const, since: '2026-03-01T02:00:00.000Z' },
        { userId: 'u_b', name: '王芳', volunteerNo: 'ZY2', phoneMasked: '', role: 'member' as const, since: '2026-03-01T02:00:00.000Z' },
      ],
      joinRequests: [],
    },
  };
  expect(toStewardshipView(base)).toEqual({
    canResubmit: false,
    offeredToMe: false,
    offerWaitingFor: '',
    candidates: [{ userId: 'u_b', name: '王芳' }],
    canHandOver: true,
    canLeave: true,
    canDissolve: true,
    lastAdmin: true,
    history: ['2026-03-01 10:00 提交申请', '2026-03-02 10:00 驳回：地址不详'],
  });
  expect(toStewardshipView({ ...base, handOver: { toUserId: 'u_b', toName: '王芳', toMe: false } }).offerWaitingFor).toBe('王芳');
  expect(toStewardshipView({ ...base, status: 'rejected' })).toMatchObject({ canResubmit: true, lastAdmin: false });
  const member = toStewardshipView({ ...base, myRole: 'member', admin: undefined, handOver: { toUserId: 'u_b', toName: '王芳', toMe: true } });
  expect(member).toMatchObject({ offeredToMe: true, canDissolve: false, canHandOver: false, lastAdmin: false, canLeave: true });
});

describe('求助服务评价', () => {
  it('the average to one decimal, the count and the latest comments', () => {
    const view = toRatingsView({
      orgId: 'o1',
      count: 3,
      average: 4.3,
      latest: [
        { stars: 5, comment: '很准时，很耐心', at: '2026-12-02T02:00:00.000Z' },
        { stars: 4, at: '2026-11-30T20:00:00.000Z' },
      ],
    });
    expect(view.summaryText).toBe('4.3 分 · 3 次评价');
    expect(view.averageStars).toBe('★★★★☆');
    expect(view.latest).toEqual([
      { key: '0', stars: '★★★★★', comment: '很准时，很耐心', atText: '2026-12-02' },
      { key: '1', stars: '★★★★☆', comment: '', atText: '2026-12-01' },
    ]);
  });
  it('none yet: no summary', () => {
    expect(toRatingsView({ orgId: 'o1', count: 0, latest: [] })).toEqual({ summaryText: '', averageStars: '', latest: [] });
  });
});
