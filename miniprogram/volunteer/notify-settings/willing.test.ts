import { NEEDS_PLACE, applyWillingChange, toWillingSection, willingFormOf, willingRequestOf } from './willing';

test('off sends only off; on needs the place and sends it with the radius, kept within 1–20 km', () => {
  const off = willingFormOf({ willing: false });
  expect(off).toEqual({ willing: false, near: null, nearName: '', radiusKm: 5, error: '' });
  expect(willingRequestOf(off)).toEqual({ ok: true, request: { willing: false } });
  const on = applyWillingChange(off, { field: 'willing', on: true });
  expect(willingRequestOf(on)).toEqual({ ok: false, message: NEEDS_PLACE });
  const placed = applyWillingChange(on, { field: 'near', near: { longitude: 119.3, latitude: 26.08 }, name: '五四路社区' });
  expect(willingRequestOf(placed)).toEqual({ ok: true, request: { willing: true, near: { longitude: 119.3, latitude: 26.08 }, radiusKm: 5 } });
  expect(applyWillingChange(placed, { field: 'radius', km: 40 }).radiusKm).toBe(20);
  expect(applyWillingChange(placed, { field: 'radius', km: 0 }).radiusKm).toBe(1);
});

test('the section in words', () => {
  const section = toWillingSection(willingFormOf({ willing: true, near: { longitude: 119.3, latitude: 26.08 }, radiusKm: 8 }, '五四路社区'));
  expect([section.nearText, section.radiusText, section.a11yLabel]).toEqual(['五四路社区', '8 公里内', '紧急求助通知，已开启']);
  expect(toWillingSection(willingFormOf({ willing: false })).nearText).toBe('');
  expect(toWillingSection(willingFormOf({ willing: true, near: { longitude: 1, latitude: 2 }, radiusKm: 3 })).nearText).toBe('已选位置');
});
