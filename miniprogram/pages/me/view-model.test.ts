import type { SessionResponse } from '../../../typings/index';
import { sectionsOf, toMeView, unreadBadge } from './view-model';

const session: SessionResponse = { userId: 'u_x', roles: [], registered: false, unread: 0, firstSeen: false };

describe('toMeView', () => {
  it('asks an unregistered user to register', () => {
    expect(toMeView({ ok: true, data: { ...session, roles: ['volunteer'] } })).toEqual({
      kind: 'unregistered',
      isPlatformAdmin: false,
    });
  });

  const volunteer = { nameMasked: '张*', volunteerNo: 'ZY3501002026000017', confirmedHours: 0, starLevel: null };

  it('shows a registered volunteer by masked name, number and hours: 0 小时 and no star before any service', () => {
    const view = toMeView({ ok: true, data: { ...session, roles: ['volunteer'], registered: true, volunteer } });
    expect(view).toEqual({
      kind: 'registered',
      nameMasked: '张*',
      volunteerNoText: '志愿者编号 ZY3501002026000017',
      hoursText: '0.0 小时',
      starText: '',
      isPlatformAdmin: false,
      verifiedOrganizations: [],
    });
  });

  it('shows hours with one decimal and the star once there is one', () => {
    const view = toMeView({ ok: true, data: { ...session, registered: true, volunteer: { ...volunteer, confirmedHours: 123.45, starLevel: 1 } } });
    expect(view).toMatchObject({ hoursText: '123.4 小时', starText: '★ 1星志愿者' });
  });

  it('treats registered without a volunteer profile as unregistered', () => {
    expect(toMeView({ ok: true, data: { ...session, registered: true } }).kind).toBe('unregistered');
  });

  it('marks platform admins', () => {
    expect(toMeView({ ok: true, data: { ...session, roles: ['platformAdmin'] } })).toEqual({
      kind: 'unregistered',
      isPlatformAdmin: true,
    });
  });

  it('shows the error message of a failed call', () => {
    expect(toMeView({ ok: false, error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' } })).toEqual({
      kind: 'error',
      message: '网络不稳定，请稍后重试',
    });
  });
});

describe('unreadBadge', () => {
  const registered = (unread: number) => ({ ok: true as const, data: { ...session, registered: true, unread } });
  it('hides the badge when nothing is unread or the session failed; shows it to someone not registered too', () => {
    expect(unreadBadge(registered(0))).toBe('');
    expect(unreadBadge({ ok: false, error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' } })).toBe('');
    expect(unreadBadge({ ok: true, data: { ...session, unread: 4 } })).toBe('4');
  });
  it('shows the count, capped at 99+', () => {
    expect(unreadBadge(registered(3))).toBe('3');
    expect(unreadBadge(registered(99))).toBe('99');
    expect(unreadBadge(registered(100))).toBe('99+');
  });
});

describe('sectionsOf', () => {
  const routes = { card: '/c', mySignups: '/s', myData: '/d', orgMine: '/o', inbox: '/i', orgRegister: '/r', adminReview: '/a', adminClaims: '/ac', claim: '/cl', devIdentity: '/x', helpSubmit: '/hs', helpMine: '/hm', helpPublic: '/hp', helpVerify: '/hv', helpOffers: '/ho' };
  const registered = toMeView({ ok: true, data: { ...session, registered: true, volunteer: { nameMasked: '张*', volunteerNo: 'ZY1', confirmedHours: 0, starLevel: null } } });
  const labels = (sections: ReturnType<typeof sectionsOf>) => sections.map((s) => [s.title, s.entries.map((e) => e.label)]);
  it('gives a registered volunteer everyday entries first, then 求助, then organizations', () => {
    expect(labels(sectionsOf(registered, routes))).toEqual([
      ['', ['电子志愿服务证', '我的报名', '消息', '我的资料']],
      ['求助', ['提交求助', '我的求助', '身边的求助']],
      ['志愿服务组织', ['我的组织', '注册组织']],
    ]);
    expect(sectionsOf(registered, routes)[1]!.entries.map((e) => e.route)).toEqual(['/hs', '/hm', '/hp']);
    expect(sectionsOf(registered, routes)[0]!.entries.find((e) => e.id === 'inbox')!.route).toBe('/i');
  });
  it('adds 平台管理 last for a platform admin, registered or not', () => {
    const admin = { ...registered, isPlatformAdmin: true } as typeof registered;
    expect(labels(sectionsOf(admin, routes)).at(-1)).toEqual(['平台管理', ['组织审核', '申诉审核', '求助核实']]);
    expect(labels(sectionsOf({ kind: 'unregistered', isPlatformAdmin: true }, routes)).at(-1)).toEqual(['平台管理', ['组织审核', '申诉审核', '求助核实']]);
    expect(sectionsOf(admin, routes).at(-1)!.entries.at(-1)!.route).toBe('/hv');
    // Nobody else is offered the verifiers' queue from 我的.
    expect(sectionsOf(registered, routes).flatMap((s) => s.entries.map((e) => e.id))).not.toContain('help-verify');
  });
  it('gives an admin of verified organizations 求助核实 once and 求助派单 per organization, under 志愿服务组织', () => {
    const one = { ...registered, verifiedOrganizations: [{ orgId: 'org 1', name: '鼓楼区志愿者协会' }] } as typeof registered;
    expect(labels(sectionsOf(one, routes)).at(-1)).toEqual(['志愿服务组织', ['我的组织', '注册组织', '求助核实', '求助派单']]);
    expect(sectionsOf(one, routes).at(-1)!.entries.slice(2).map((e) => e.route)).toEqual(['/hv', '/ho?orgId=org%201']);

    const two = { ...registered, verifiedOrganizations: [{ orgId: 'a', name: '仓山区助老服务队' }, { orgId: 'b', name: '鼓楼区志愿者协会' }] } as typeof registered;
    expect(labels(sectionsOf(two, routes)).at(-1)![1]).toEqual(['我的组织', '注册组织', '求助核实', '求助派单 · 仓山区助老服务队', '求助派单 · 鼓楼区志愿者协会']);
    expect(sectionsOf(two, routes).at(-1)!.entries.slice(3).map((e) => e.route)).toEqual(['/ho?orgId=a', '/ho?orgId=b']);

    // A platform admin has 求助核实 in 平台管理 already (the same queue): not twice.
    const both = { ...two, isPlatformAdmin: true } as typeof registered;
    expect(sectionsOf(both, routes).flatMap((s) => s.entries.filter((e) => e.id === 'help-verify').map(() => s.title))).toEqual(['平台管理']);
    expect(labels(sectionsOf(both, routes)).find(([t]) => t === '志愿服务组织')![1]).toContain('求助派单 · 鼓楼区志愿者协会');
  });
  it('adds 本地调试 last in local mode only, also when the session failed', () => {
    expect(labels(sectionsOf(registered, routes, true)).at(-1)).toEqual(['本地调试', ['切换演示身份']]);
    expect(labels(sectionsOf({ kind: 'error', message: '网络不稳定' }, routes, true))).toEqual([['本地调试', ['切换演示身份']]]);
    expect(sectionsOf({ kind: 'loading' }, routes, true)).toEqual([]);
    expect(labels(sectionsOf(registered, routes, false)).map(([title]) => title)).not.toContain('本地调试');
  });
  it('offers someone unregistered 申诉找回, their messages (a record that moved away is explained there), their data, and all of 求助', () => {
    const unregistered = sectionsOf({ kind: 'unregistered', isPlatformAdmin: false }, routes);
    expect(labels(unregistered)).toEqual([
      ['', ['申诉找回志愿者档案', '消息', '我的数据']],
      ['求助', ['提交求助', '我的求助', '身边的求助']],
    ]);
    expect(unregistered[0]!.entries.map((e) => e.route)).toEqual(['/cl', '/i', '/d']);
    expect(unregistered[1]!.entries.map((e) => e.route)).toEqual(['/hs', '/hm', '/hp']);
  });
  it('hides everything while loading or failed', () => {
    expect(sectionsOf({ kind: 'loading' }, routes)).toEqual([]);
    expect(sectionsOf({ kind: 'error', message: '网络不稳定' }, routes)).toEqual([]);
  });
});
