import type { CardResponse } from '../../../typings/volunteer';
import { hoursText, starText } from '../../common/service-hours';
import { keepsRefreshing, refreshDelayMs, toCardView } from './view-model';

const card: CardResponse = {
  name: '张三',
  volunteerNo: 'ZY3501002026000017',
  organizations: ['鼓楼区青年志愿者协会', '福州市图书馆志愿服务队'],
  registeredOn: '2026-03-01',
  starLevel: null,
  confirmedHours: 0,
  qr: { payload: 'zy1.abc', image: 'data:image/png;base64,AAAA', validUntil: '2026-03-01T02:01:00.000Z', refreshAfterSeconds: 50 },
};

describe('toCardView', () => {
  test('shows the card, with the star row hidden while there is no star level', () => {
    expect(toCardView({ ok: true, data: card })).toEqual({
      kind: 'card',
      name: '张三',
      volunteerNo: 'ZY3501002026000017',
      organizationsText: '鼓楼区青年志愿者协会、福州市图书馆志愿服务队',
      registeredOnText: '2026-03-01',
      starText: '',
      hoursText: '0.0 小时',
      qrImage: 'data:image/png;base64,AAAA',
      refreshNote: '',
    });
  });

  test('star level and hours once there are confirmed hours', () => {
    const view = toCardView({ ok: true, data: { ...card, starLevel: 2, confirmedHours: 123.45 } });
    expect(view).toMatchObject({ starText: '★★ 2星志愿者', hoursText: '123.4 小时' });
  });

  test('no organization yet', () => {
    expect(toCardView({ ok: true, data: { ...card, organizations: [] } })).toMatchObject({ organizationsText: '暂未加入组织' });
  });

  test('not registered', () => {
    expect(toCardView({ ok: false, error: { code: 'NOT_REGISTERED', message: '请先注册' } })).toEqual({ kind: 'unregistered' });
  });

  test('a failure on first load is an error; during a refresh the card stays with a note', () => {
    const failure = { ok: false as const, error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' } };
    expect(toCardView(failure)).toEqual({ kind: 'error', message: '网络不稳定，请稍后重试' });
    const shown = toCardView({ ok: true, data: card });
    expect(toCardView(failure, shown)).toEqual({ ...shown, refreshNote: '二维码刷新失败，正在重试…' });
  });
});

test('the refresh follows the server, never faster than 10 s; failures retry after 15 s', () => {
  expect(refreshDelayMs({ ok: true, data: card })).toBe(50000);
  expect(refreshDelayMs({ ok: true, data: { ...card, qr: { ...card.qr, refreshAfterSeconds: 0 } } })).toBe(10000);
  expect(refreshDelayMs({ ok: false, error: { code: 'NETWORK', message: '' } })).toBe(15000);
});

test('someone not registered is not polled', () => {
  expect(keepsRefreshing({ ok: false, error: { code: 'NOT_REGISTERED', message: '' } })).toBe(false);
  expect(keepsRefreshing({ ok: false, error: { code: 'NETWORK', message: '' } })).toBe(true);
  expect(keepsRefreshing({ ok: true, data: card })).toBe(true);
});

test('helpers', () => {
  expect(starText(0)).toBe('');
  expect(starText(5)).toBe('★★★★★ 5星志愿者');
  expect(hoursText(12)).toBe('12.0');
});
