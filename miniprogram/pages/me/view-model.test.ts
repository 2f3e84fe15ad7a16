import type { SessionResponse } from '../../../typings/index';
import { entriesOf, toMeView, unreadBadge } from './view-model';

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

describe('entriesOf', () => {
  const routes = { card: '/c', myData: '/d', orgMine: '/o', inbox: '/i', orgRegister: '/r' };
  it('gives a registered volunteer every entry', () => {
    const view = toMeView({ ok: true, data: { ...session, registered: true, volunteer: { name: '张三', volunteerNo: 'ZY1' } } });
    expect(entriesOf(view, routes).map((e) => e.label)).toEqual(['电子志愿服务证', '我的资料', '我的组织', '消息', '注册组织']);
    expect(entriesOf(view, routes).find((e) => e.id === 'inbox')!.route).toBe('/i');
  });
  it('hides them from everyone else', () => {
    expect(entriesOf({ kind: 'unregistered', isPlatformAdmin: true }, routes)).toEqual([]);
    expect(entriesOf({ kind: 'loading' }, routes)).toEqual([]);
  });
});
