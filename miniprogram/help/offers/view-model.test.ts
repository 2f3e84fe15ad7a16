import { needView } from '../../test-support/help';
import { declineProblem, responderFormOf, responderRequestOf, toOfferRows, toResponderView } from './view-model';

const ours = { orgId: 'o1', orgName: '鼓楼社区互助队', projectId: 'p1' };
/** Before the fixtures' start (needView: 2026-12-05 09:00 in Shanghai). */
const NOW = new Date('2026-12-01T00:00:00Z');

test('offered needs come first with 接单/婉拒; ours accepted can be marked served; finished ones last', () => {
  const rows = toOfferRows(
    [
      needView({ id: 'served', status: 'served', acceptedBy: ours }),
      needView({ id: 'accepted', status: 'accepted', acceptedBy: ours }),
      needView({ id: 'offered', status: 'dispatched' }),
    ],
    'o1',
    NOW,
  );
  expect(rows.map((r) => [r.id, r.canAnswer, r.canComplete, r.ownProject])).toEqual([
    ['offered', true, false, false],
    ['accepted', false, true, true],
    ['served', false, false, true],
  ]);
  // Another organization's acceptance is not ours to complete.
  const [other] = toOfferRows([needView({ status: 'accepted', acceptedBy: { ...ours, orgId: 'o2' } })], 'o1', NOW);
  expect([other!.canAnswer, other!.canComplete, other!.ownProject]).toEqual([false, false, false]);
});

test('an offer whose time is over is dropped — expired, or still dispatched at its start; what was taken on stays', () => {
  const items = [
    needView({ id: 'offered', status: 'dispatched' }),
    needView({ id: 'expired', status: 'expired' }),
    needView({ id: 'accepted', status: 'accepted', acceptedBy: ours }),
  ];
  expect(toOfferRows(items, 'o1', NOW).map((r) => r.id)).toEqual(['offered', 'accepted']);
  const start = new Date(needView().startsAt);
  expect(toOfferRows(items, 'o1', start).map((r) => r.id)).toEqual(['accepted']);
  expect(toOfferRows(items, 'o1', new Date(start.getTime() - 1)).map((r) => r.id)).toEqual(['offered', 'accepted']);
});

test('a decline needs a reason of 2–200 characters, in the server’s words', () => {
  expect(declineProblem('')).toBe('婉拒时请写明原因（2–200 字），以便转派给下一家组织');
  expect(declineProblem('当天人手不足')).toBe('');
});

test('接单设置: the base is required, and categories while active; the view lists every category', () => {
  const form = responderFormOf({ orgId: 'o1', active: true, categories: ['community'], openNeeds: 2 });
  expect(responderRequestOf('o1', form)).toEqual({ ok: false, message: '请在地图上选择组织的位置' });
  const placed = { ...form, base: { longitude: 119.3, latitude: 26.08 }, baseName: '五四路社区' };
  expect(responderRequestOf('o1', placed)).toEqual({ ok: true, request: { orgId: 'o1', active: true, categories: ['community'], base: { longitude: 119.3, latitude: 26.08 } } });
  expect(responderRequestOf('o1', { ...placed, categories: [] })).toEqual({ ok: false, message: '请至少选择一个接单的服务类别' });
  expect(responderRequestOf('o1', { ...placed, active: false, categories: [] }).ok).toBe(true);

  const view = toResponderView(placed, 2);
  expect(view.categoryChoices.filter((c) => c.checked).map((c) => c.label)).toEqual(['社区服务']);
  expect(view.categoryChoices.length).toBeGreaterThan(20);
  expect([view.baseText, view.openNeedsText]).toEqual(['五四路社区', '正在服务 2 条求助']);
  expect(toResponderView({ ...placed, baseName: '' }, 0)).toMatchObject({ baseText: '已选位置（26.0800, 119.3000）', openNeedsText: '' });
});

test('拨打电话 only on needs this organization accepted, while accepted or served, and never once the contact is gone', () => {
  const ours = { orgId: 'o1', orgName: '鼓楼区志愿服务队', projectId: 'p1' };
  const canCall = (over: Parameters<typeof needView>[0]) => toOfferRows([needView(over)], 'o1', NOW)[0]!.canCall;
  expect(canCall({ status: 'dispatched' })).toBe(false);
  expect(canCall({ status: 'accepted', acceptedBy: ours })).toBe(true);
  expect(canCall({ status: 'served', acceptedBy: ours })).toBe(true);
  expect(canCall({ status: 'rated', acceptedBy: ours })).toBe(false);
  expect(canCall({ status: 'accepted', acceptedBy: { ...ours, orgId: 'o2' } })).toBe(false);
  expect(canCall({ status: 'accepted', acceptedBy: ours, contact: { name: '已注销', phoneMasked: '' } })).toBe(false);
  expect(toOfferRows([needView({ status: 'accepted', acceptedBy: ours })], 'o1', NOW)[0]!.callAria).toBe('拨打联系人王芳的电话');
});
