// The publish form's pure parts: a saved form comes back as it went, refusals find their field, the cover's type is
// read from its bytes, a repeat rule previews what the server plans.
import type { ProjectInput } from '../../../typings/project-actions';
import { applyRefusal, base64Bytes, editFormFrom, emptyEditForm, fieldKeyOf, imageTypeOf, projectInputOf, repeatPreviewOf, shiftInputOf } from './form';

const saved: ProjectInput = {
  title: '社区助老陪伴',
  category: 'community',
  serviceObjects: ['elderly'],
  content: '陪伴老人',
  conditions: { minAge: 16, maxAge: 70, skills: ['first_aid'], scope: 'team', teamOrgId: 'org-1', minorsAllowed: true, guardianConsentNote: '监护人陪同' },
  place: { address: '五四路100号', name: '服务站', longitude: 119.3, latitude: 26.08, regionCode: '350102', checkinRadiusM: 300 },
  risk: { disclosure: '注意防晒', risky: true },
  coverFileId: 'cloud://env.bucket/project-covers/org-1/0123456789abcdef0123.jpg',
  contact: { name: '王五', phone: '13900001111' },
  approvalMode: 'manual',
  cancelCutoffHours: 12,
  shifts: [{ startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:30:00.000Z', places: 10 }],
  repeat: { weekdays: [6, 7], startTime: '09:00', endTime: '11:30', firstDate: '2026-12-06', untilDate: '2026-12-31', places: 5 },
};

test('a saved form comes back to the page and goes out again unchanged', () => {
  const form = editFormFrom('org-1', saved, { passwordSet: false });
  const again = projectInputOf(form);
  expect({ ...again, shifts: again.shifts.map((s) => ({ ...s, startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString() })) }).toEqual(saved);
});

test('a half-filled form is still a draft: empty numbers stay out, no place is 0, 0', () => {
  const input = projectInputOf(emptyEditForm('org-1'));
  expect(input.conditions).toEqual({ skills: [], scope: 'open', minorsAllowed: false });
  expect(input.place).toMatchObject({ longitude: 0, latitude: 0, checkinRadiusM: 300 });
  expect(input.shifts).toEqual([]);
  expect(input.cancelCutoffHours).toBe(24);
  // Letters in a number field are sent as NaN, so the server names that field instead of it being quietly dropped.
  expect(projectInputOf({ ...emptyEditForm('org-1'), minAge: '十六' }).conditions.minAge).toBeNaN();
});

test('a shift row is Shanghai wall-clock time', () => {
  expect(shiftInputOf({ date: '2026-12-05', start: '09:00', end: '11:30', places: '8' })).toEqual({
    startsAt: '2026-12-05T09:00:00+08:00',
    endsAt: '2026-12-05T11:30:00+08:00',
    places: 8,
  });
});

test.each([
  ['project.title', 'title'],
  ['title', 'title'],
  ['shifts.2', 'shifts_2'],
  ['shifts.2.places', 'shifts_2'],
  ['shifts', 'shifts'],
  ['repeat.weeks', 'repeat'],
  ['place.location', 'place_location'],
  ['project.place.longitude', 'place_location'],
  ['conditions.maxAge', 'conditions_minAge'],
  ['risk.disclosure', 'risk_disclosure'],
])('%s belongs under %s', (field, key) => {
  expect(fieldKeyOf(field)).toBe(key);
});

test('a refusal naming no field of the form is the banner', () => {
  const form = emptyEditForm('org-1');
  expect(applyRefusal(form, { code: 'FORBIDDEN', message: '只有管理员可以发布' })).toMatchObject({ banner: '只有管理员可以发布', errors: {} });
  expect(applyRefusal(form, { code: 'PROJECT_INVALID', message: '请填写项目名称', field: 'title' })).toMatchObject({ banner: '', errors: { title: '请填写项目名称' } });
});

test('a cover is JPEG or PNG by its first bytes; its size is counted decoded', () => {
  expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64'))).toBe('image/jpeg');
  expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64'))).toBe('image/png');
  expect(imageTypeOf(Buffer.from('GIF89a').toString('base64'))).toBeUndefined();
  for (const n of [1, 2, 3, 70 * 1024]) expect(base64Bytes(Buffer.alloc(n).toString('base64'))).toBe(n);
});

test('the repeat preview is what the server plans, or why it plans nothing', () => {
  const form = { ...emptyEditForm('org-1'), repeatOn: true, repeat: { ...emptyEditForm('org-1').repeat, weekdays: [6], firstDate: '2026-12-01', weeks: '3' } };
  expect(repeatPreviewOf(form, new Date('2026-11-30T00:00:00Z'))).toEqual({
    ok: true,
    count: 3,
    lines: ['12月5日 周六 09:00–11:30', '12月12日 周六 09:00–11:30', '12月19日 周六 09:00–11:30'],
    more: 0,
  });
  expect(repeatPreviewOf({ ...form, repeat: { ...form.repeat, weekdays: [] } }, new Date('2026-11-30T00:00:00Z'))).toEqual({ ok: false, message: '请选择每周哪几天重复（周一至周日）' });
  expect(repeatPreviewOf({ ...form, repeatOn: false }, new Date())).toBeNull();
});
