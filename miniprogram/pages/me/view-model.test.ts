import type { SessionResponse } from '../../../typings/index';
import { toMeView } from './view-model';

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
