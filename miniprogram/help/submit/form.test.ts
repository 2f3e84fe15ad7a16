// 提交求助's form: what the phone stops before sending, in the server's words and in the server's order; the request
// it sends; where each of the server's refusals lands.
import fc from 'fast-check';
import { checkSubmission } from '../../../cloudfunctions/help/rules';
import { submitSchema } from '../../../cloudfunctions/help/schemas';
import { FORM_TEXT } from '../common/form-text';
import { applyRefusal, checkSubmitForm, emptySubmitForm, fieldKeyOf, FIELD_KEYS, submitRequestOf, toSubmitView, withoutError, type SubmitForm } from './form';

const NOW = new Date('2026-12-02T02:00:00.000Z'); // 10:00 in Shanghai

const filled = (over: Partial<SubmitForm> = {}): SubmitForm => ({
  ...emptySubmitForm(),
  what: '陪独居老人去社区医院复诊',
  category: 'special_groups',
  forWhomObject: 'elderly',
  forWhomDescription: '独居老人王阿姨',
  address: '五四路100号',
  placeName: '五四路社区',
  longitude: 119.3,
  latitude: 26.08,
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  date: '2026-12-05',
  start: '09:00',
  end: '11:00',
  volunteersWanted: '2',
  urgent: true,
  contactName: '王芳',
  contactPhone: '+86 138-1234-5678',
  ...over,
});

test('a whole form passes and becomes the request the server reads, the phone as it stores it', () => {
  expect(checkSubmitForm(filled(), NOW)).toEqual({});
  const request = submitRequestOf(filled());
  expect(request).toEqual({
    what: '陪独居老人去社区医院复诊',
    category: 'special_groups',
    forWhom: { object: 'elderly', description: '独居老人王阿姨' },
    place: { address: '五四路100号', name: '五四路社区', longitude: 119.3, latitude: 26.08, regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] },
    startsAt: '2026-12-05T09:00:00+08:00',
    endsAt: '2026-12-05T11:00:00+08:00',
    volunteersWanted: 2,
    urgent: true,
    contact: { name: '王芳', phone: '13812345678' },
  });
  // The server's own rules agree.
  expect(checkSubmission(request, NOW).ok).toBe(true);
});

test('an empty form: a message under every field, nothing else', () => {
  const errors = checkSubmitForm(emptySubmitForm(), NOW);
  expect(Object.keys(errors).sort()).toEqual(
    ['what', 'category', 'forWhom_object', 'forWhom_description', 'place_location', 'place_regionCode', 'place_address', 'startsAt', 'contact_name', 'contact_phone'].sort(),
  );
  expect(errors['category']).toBe('请选择服务类别');
  expect(errors['place_regionCode']).toBe('请在地图上选择服务地点所在的区县');
  for (const key of Object.keys(errors)) expect(FIELD_KEYS).toContain(key);
});

test.each([
  ['what too short', { what: '帮忙' }, 'what', '请用 6–300 字写明需要什么帮助'],
  ['what too long', { what: '字'.repeat(301) }, 'what', '请用 6–300 字写明需要什么帮助'],
  ['a city, not a county', { regionCode: '350100' }, 'place_regionCode', '请在地图上选择服务地点所在的区县'],
  ['started already', { date: '2026-12-02', start: '09:30', end: '11:00' }, 'startsAt', '服务开始时间须晚于现在'],
  ['more than 90 days ahead', { date: '2027-03-10' }, 'startsAt', '只能提交 90 天以内的求助'],
  ['ends before it starts', { start: '11:00', end: '09:00' }, 'endsAt', '结束时间须晚于开始时间'],
  ['ends when it starts', { start: '11:00', end: '11:00' }, 'endsAt', '结束时间须晚于开始时间'],
  ['longer than 12 hours', { start: '06:00', end: '18:30' }, 'endsAt', '一次求助的服务时间不超过 12 小时，更长的请分开提交'],
  ['no volunteers', { volunteersWanted: '0' }, 'volunteersWanted', '需要的志愿者人数为 1–50 人'],
  ['too many volunteers', { volunteersWanted: '51' }, 'volunteersWanted', '需要的志愿者人数为 1–50 人'],
  ['volunteers not a number', { volunteersWanted: '两' }, 'volunteersWanted', '需要的志愿者人数为 1–50 人'],
  ['a landline', { contactPhone: '0591-87654321' }, 'contact_phone', undefined],
  ['no location picked', { longitude: null, latitude: null }, 'place_location', '请在地图上选择服务地点'],
])('%s: the message sits under its field', (_name, over, key, message) => {
  const errors = checkSubmitForm(filled(over as Partial<SubmitForm>), NOW);
  expect(Object.keys(errors)).toEqual([key]);
  if (message) expect(errors[key]).toBe(message);
  else expect(errors[key]).toMatch(/手机/);
});

/** `n` characters alternating 𠀀 and 😀: each two UTF-16 units, one character. */
const astral = (n: number): string => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '𠀀' : '😀')).join('');

test('lengths are characters as a person counts them: 300 emoji or 𠀀 fit, one more does not', () => {
  expect(checkSubmitForm(filled({ what: astral(300), forWhomDescription: astral(50), contactName: astral(30) }), NOW)).toEqual({});
  const over = checkSubmitForm(filled({ what: astral(301), forWhomDescription: astral(51), contactName: astral(31) }), NOW);
  expect(Object.keys(over).sort()).toEqual(['contact_name', 'forWhom_description', 'what']);
  // Six UTF-16 units, three characters: too short.
  expect(checkSubmitForm(filled({ what: astral(3) }), NOW)).toEqual({ what: FORM_TEXT.what });
  expect(checkSubmitForm(filled({ what: ` ${astral(6)}\u3000` }), NOW)).toEqual({});
});

test('property: the form refuses a text exactly when the help function’s schema refuses it, near the limits and far', () => {
  const fields = [
    { key: 'what', path: 'what', set: (text: string) => ({ what: text }), around: 300 },
    { key: 'forWhom_description', path: 'forWhom.description', set: (text: string) => ({ forWhomDescription: text }), around: 50 },
    { key: 'contact_name', path: 'contact.name', set: (text: string) => ({ contactName: text }), around: 30 },
  ] as const;
  const char = fc.constantFrom('字', 'a', '😀', '𠀀', ' ', '\u3000');
  for (const field of fields) {
    const length = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: field.around - 3, max: field.around + 3 }));
    const text = length.chain((n) => fc.array(char, { minLength: n, maxLength: n }).map((cs) => cs.join('')));
    fc.assert(
      fc.property(text, (typed) => {
        const form = filled(field.set(typed));
        const parsed = submitSchema.safeParse(submitRequestOf(form));
        const serverRefuses = !parsed.success && parsed.error.issues.some((i) => i.path.join('.') === field.path);
        expect([typed, field.key in checkSubmitForm(form, NOW)]).toEqual([typed, serverRefuses]);
      }),
      { numRuns: 300 },
    );
  }
});

test('the server’s time rules give the same message for the same mistake', () => {
  const cases: Array<[Partial<SubmitForm>, string]> = [
    [{ date: '2026-12-02', start: '09:30' }, 'startsAt'],
    [{ date: '2027-03-10' }, 'startsAt'],
    [{ start: '11:00', end: '09:00' }, 'endsAt'],
    [{ start: '06:00', end: '18:30' }, 'endsAt'],
  ];
  for (const [over, key] of cases) {
    const server = checkSubmission(submitRequestOf(filled(over)), NOW);
    expect(server.ok).toBe(false);
    if (!server.ok) {
      expect(server.field).toBe(key);
      expect(checkSubmitForm(filled(over), NOW)[key]).toBe(server.message);
    }
  }
});

test('server field paths land under their fields; anything else is the banner', () => {
  expect(fieldKeyOf('place.longitude')).toBe('place_location');
  expect(fieldKeyOf('place.regionNames.0')).toBe('place_regionCode');
  expect(fieldKeyOf('contact.phone')).toBe('contact_phone');
  expect(fieldKeyOf('forWhom')).toBe('forWhom_object');
  expect(fieldKeyOf('startsAt')).toBe('startsAt');

  const form = filled();
  const atField = applyRefusal(form, { code: 'HELP_INVALID', message: '请在地图上选择服务地点所在的区县', field: 'place.regionCode' });
  expect(atField.errors).toEqual({ place_regionCode: '请在地图上选择服务地点所在的区县' });
  expect(atField.banner).toBe('');

  const limited = applyRefusal(form, { code: 'SUBMISSIONS_LIMITED', message: '你已有 2 条求助在等待核实，核实后才能再提交新的求助' });
  expect([limited.banner, limited.errors]).toEqual(['你已有 2 条求助在等待核实，核实后才能再提交新的求助', {}]);
  // Typing again clears the banner.
  expect(withoutError(limited, 'what')).toMatchObject({ banner: '' });

  const unknownField = applyRefusal(form, { code: 'HELP_INVALID', message: '请检查', field: 'urgent' });
  expect(unknownField.banner).toBe('请检查');
});

test('the view: pickers show the chosen labels; the date picker spans today to 90 days ahead in Shanghai', () => {
  const view = toSubmitView(filled(), new Date('2026-12-02T17:00:00.000Z')); // already 3 December in Shanghai
  expect([view.categoryText, view.objectText, view.placeText, view.regionText]).toEqual(['关爱特殊群体', '老年人', '五四路社区', '福建省 福州市 鼓楼区']);
  expect([view.minDate, view.maxDate]).toEqual(['2026-12-03', '2027-03-03']);
  const empty = toSubmitView(emptySubmitForm(), NOW);
  expect([empty.categoryText, empty.objectText, empty.placeText, empty.categoryIndex]).toEqual(['', '', '', 0]);
});
