import fc from 'fast-check';
import { refuseValue } from '../../../emulator/src/wechat/subscribe-message';
import type { NotificationKind } from '../../../typings/inbox';
import { ALL_ROUTES } from '../../../miniprogram/domain/routes';
import { ALL_KINDS } from './kinds';
import { ALL_SLOTS, cut, MOMENT_SLOTS, pageOf, plainText, shanghaiTimeText, slotOf, templateDataOf, TEMPLATE_SLOTS, templateEnvVar } from './templates';

const someText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', '\n', '👨‍👩‍👧‍👦🎉', '1️⃣🇨🇳', '温泉街道独居老人周末陪伴（第十二期）志愿服务活动', 'a\r\nb\u2028c', '\u0000\u200d\ufeff', '通过'),
);
const facts = fc.record(
  {
    subject: someText,
    at: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z') }),
    place: someText,
    result: someText,
    minutes: fc.oneof(fc.integer({ min: -100, max: 10_000_000 }), fc.constant(Number.NaN)),
    note: someText,
  },
  { requiredKeys: [] },
);

test('every kind has exactly one slot, every slot its kinds, every moment at most 3 slots', () => {
  const counted = ALL_SLOTS.flatMap((s) => TEMPLATE_SLOTS[s].kinds);
  expect([...counted].sort()).toEqual([...ALL_KINDS].sort());
  for (const slots of Object.values(MOMENT_SLOTS)) expect(slots.length).toBeLessThanOrEqual(3);
  expect(templateEnvVar('subscribe', 'SIGNUP_RESULT')).toBe('ZY_TMPL_SUB_SIGNUP_RESULT');
  expect(templateEnvVar('officialAccount', 'ADMIN_TASK')).toBe('ZY_TMPL_OA_ADMIN_TASK');
});

test('property: every value built from any facts passes WeChat’s rules for its keyword type', () => {
  fc.assert(
    fc.property(fc.constantFrom(...ALL_KINDS), someText, someText, facts, fc.boolean(), (kind: NotificationKind, title, body, f, withFacts) => {
      const data = templateDataOf({ kind, title, body, createdAt: new Date('2026-12-02T01:00:00Z'), ...(withFacts ? { facts: f } : {}) });
      const keys = TEMPLATE_SLOTS[slotOf(kind)].keywords.map((k) => k.key);
      expect(Object.keys(data)).toEqual(keys);
      for (const [key, { value }] of Object.entries(data)) {
        expect(refuseValue(key, value)).toBeUndefined();
        expect(value).not.toMatch(/[\r\n\u2028\u2029]/);
        expect(value).not.toMatch(/\p{Extended_Pictographic}/u);
      }
    }),
    { numRuns: 3000 },
  );
});

test('values: facts first, title and body without them; times in Asia/Shanghai; phrases only Han', () => {
  const at = new Date('2026-12-05T16:30:00Z'); // 00:30 on 6 December in Shanghai
  expect(shanghaiTimeText(at)).toBe('2026年12月6日 00:30');
  const withFacts = templateDataOf({
    kind: 'signup.confirmed',
    title: '报名成功',
    body: '「社区义诊」12-06 09:00：已确认',
    createdAt: new Date(),
    facts: { subject: '温泉街道独居老人周末陪伴（第十二期）志愿服务活动', at, result: 'OK 已通过！', note: '请提前10分钟到场\n带好证件😀' },
  });
  expect(withFacts).toEqual({
    thing1: { value: '温泉街道独居老人周末陪伴（第十二期）志…' },
    time2: { value: '2026年12月6日 00:30' },
    phrase3: { value: '已通过' },
    thing4: { value: '请提前10分钟到场 带好证件' },
  });
  const created = new Date('2026-12-02T01:00:00Z');
  expect(templateDataOf({ kind: 'hours.confirmed', title: '服务时长已确认', body: '2.5 小时已计入', createdAt: created })).toEqual({
    thing1: { value: '服务时长已确认' },
    number2: { value: '0.0' },
    phrase3: { value: '已确认' },
    thing4: { value: '2.5 小时已计入' },
  });
  expect(templateDataOf({ kind: 'hours.confirmed', title: 't', body: 'b', createdAt: created, facts: { minutes: 150 } }).number2).toEqual({ value: '2.5' });
});

test('cut keeps whole graphemes and counts code points as WeChat does', () => {
  expect(cut('一二三', 20)).toBe('一二三');
  const family = '👨‍👩‍👧‍👦'; // 7 code points, one grapheme
  expect(cut('a'.repeat(15) + family + 'bcdef', 20)).toBe(`${'a'.repeat(15)}…`);
  expect([...cut('字'.repeat(40), 20)].length).toBe(20);
  expect(plainText(' 第一行\r\n第二行\t🎉 ')).toBe('第一行 第二行');
});

test('pages: the link without its leading slash, else a page of the app by kind', () => {
  expect(pageOf({ kind: 'hours.confirmed', link: '/volunteer/hours-record/index?recordId=r1' })).toBe('volunteer/hours-record/index?recordId=r1');
  for (const kind of ALL_KINDS) expect(ALL_ROUTES).toContain(`/${pageOf({ kind }).split('?')[0]}`);
  expect(pageOf({ kind: 'hours.confirmed' })).toBe('pages/hours/index');
  expect(pageOf({ kind: 'signup.confirmed', link: 'https://example.com' })).toBe('volunteer/signups/index');
});
