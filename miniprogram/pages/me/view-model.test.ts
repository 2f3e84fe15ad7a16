import type { SessionResponse } from '../../../typings/index';
import { sectionsOf, toMeView, unreadBadge } from './view-model';

const session: SessionResponse = { userId: 'u_x', roles: [], registered: false, firstSeen: false };

describe('toMeView', () => {
  it('asks an unregistered user to register', () => {
    expect(toMeView({ ok: true, data: { ...session, roles: ['volunteer'] } })).toEqual({
      kind: 'unregistered',
      isPlatformAdmin: false,
    });
  });

  it('shows a registered volunteer by name and number', () => {
    const view = toMeView({
      ok: true,
      data: { ...session, roles: ['volunteer'], registered: true, volunteer: { name: '张三', volunteerNo: 'ZY3501002026000017' } },
    });
    expect(view).toEqual({
      kind: 'registered',
      name: '张三',
      volunteerNoText: '志愿者编号 ZY3501002026000017',
      isPlatformAdmin: false,
    });
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
  it('hides the badge when nothing is unread or the count failed', () => {
    expect(unreadBadge({ ok: true, data: { unread: 0 } })).toBe('');
    expect(unreadBadge({ ok: false })).toBe('');
  });
  it('shows the count, capped at 99+', () => {
    expect(unreadBadge({ ok: true, data: { unread: 3 } })).toBe('3');
    expect(unreadBadge({ ok: true, data: { unread: 99 } })).toBe('99');
    expect(unreadBadge({ ok: true, data: { unread: 100 } })).toBe('99+');
  });
});

describe('sectionsOf', () => {
  const routes = { card: '/c', mySignups: '/s', myData: '/d', orgMine: '/o', inbox: '/i', orgRegister: '/r', adminReview: '/a' };
  const registered = toMeView({ ok: true, data: { ...session, registered: true, volunteer: { name: '张三', volunteerNo: 'ZY1' } } });
  const labels = (sections: ReturnType<typeof sectionsOf>) => sections.map((s) => [s.title, s.entries.map((e) => e.label)]);
  it('gives a registered volunteer everyday entries first, then organizations', () => {
    expect(labels(sectionsOf(registered, routes))).toEqual([
      ['', ['电子志愿服务证', '我的报名', '消息', '我的资料']],
      ['志愿服务组织', ['我的组织', '注册组织']],
    ]);
    expect(sectionsOf(registered, routes)[0]!.entries.find((e) => e.id === 'inbox')!.route).toBe('/i');
  });
  it('adds 平台管理 last for a platform admin, registered or not', () => {
    const admin = { ...registered, isPlatformAdmin: true } as typeof registered;
    expect(labels(sectionsOf(admin, routes)).at(-1)).toEqual(['平台管理', ['组织审核']]);
    expect(labels(sectionsOf({ kind: 'unregistered', isPlatformAdmin: true }, routes))).toEqual([['平台管理', ['组织审核']]]);
  });
  it('hides everything from everyone else', () => {
    expect(sectionsOf({ kind: 'unregistered', isPlatformAdmin: false }, routes)).toEqual([]);
    expect(sectionsOf({ kind: 'loading' }, routes)).toEqual([]);
    expect(sectionsOf({ kind: 'error', message: '网络不稳定' }, routes)).toEqual([]);
  });
});
