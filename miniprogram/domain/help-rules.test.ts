import { HELP_LIMITS, helpWindowProblem, noteOk, trimmedLength } from './help-rules';
import { HELP_RULE_MESSAGES } from './messages';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-12-02T02:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);

test('a help text is counted in characters once trimmed: an emoji or 𠀀 (two UTF-16 units) is one', () => {
  expect(trimmedLength('  陪老人复诊 ')).toBe(5);
  expect(trimmedLength('😀𠀀')).toBe(2);
  expect('😀𠀀'.length).toBe(4);
  expect(trimmedLength('\u3000𠀀\n')).toBe(1);
});

test('a note is 2–200 characters once trimmed, astral characters counted once', () => {
  expect(noteOk('')).toBe(false);
  expect(noteOk('  好 ')).toBe(false);
  expect(noteOk('𠀀')).toBe(false);
  expect(noteOk('😀')).toBe(false);
  expect(noteOk('属实')).toBe(true);
  expect(noteOk('😀😀')).toBe(true);
  expect(noteOk(` ${'𠀀'.repeat(200)} `)).toBe(true);
  expect(noteOk('𠀀'.repeat(201))).toBe(false);
  expect(noteOk('字'.repeat(201))).toBe(false);
});

test('the time window: after now, within 90 days, ends after it starts, at most 12 hours — in that order', () => {
  expect(helpWindowProblem(at(DAY), at(DAY + 2 * HOUR), now)).toBeNull();
  expect(helpWindowProblem(at(90 * DAY), at(90 * DAY + HOUR), now)).toBeNull();
  expect(helpWindowProblem(at(DAY), at(DAY + 12 * HOUR), now)).toBeNull();
  const cases: Array<[Date, Date, ReturnType<typeof helpWindowProblem>]> = [
    [now, at(HOUR), { field: 'startsAt', problem: 'startInPast' }],
    [at(-HOUR), at(-HOUR), { field: 'startsAt', problem: 'startInPast' }],
    [new Date(Number.NaN), at(HOUR), { field: 'startsAt', problem: 'startInPast' }],
    [at(90 * DAY + 1), at(90 * DAY + HOUR), { field: 'startsAt', problem: 'tooFarAhead' }],
    [at(DAY), at(DAY), { field: 'endsAt', problem: 'endBeforeStart' }],
    [at(DAY), at(DAY - 1), { field: 'endsAt', problem: 'endBeforeStart' }],
    [at(DAY), new Date(Number.NaN), { field: 'endsAt', problem: 'endBeforeStart' }],
    [at(DAY), at(DAY + 12 * HOUR + 1), { field: 'endsAt', problem: 'tooLong' }],
  ];
  expect(cases.map(([startsAt, endsAt]) => helpWindowProblem(startsAt, endsAt, now))).toEqual(cases.map(([, , problem]) => problem));
});

test('every problem the window names has words, and the words say the limits', () => {
  for (const problem of ['startInPast', 'tooFarAhead', 'endBeforeStart', 'tooLong'] as const) expect(HELP_RULE_MESSAGES[problem]).toMatch(/[\u4e00-\u9fff]/);
  expect(HELP_RULE_MESSAGES.tooFarAhead).toBe(`只能提交 ${HELP_LIMITS.maxAheadDays} 天以内的求助`);
  expect(HELP_RULE_MESSAGES.tooLong).toBe('一次求助的服务时间不超过 12 小时，更长的请分开提交');
  expect(HELP_RULE_MESSAGES.noteRequired).toBe('请写明核实情况（2–200 字）：联系了谁、看到了什么或证据说明');
  expect(HELP_RULE_MESSAGES.reasonRequired).toBe('婉拒时请写明原因（2–200 字），以便转派给下一家组织');
  expect(HELP_RULE_MESSAGES.willingNeedsPlace).toBe('请选择常在的位置和愿意响应的范围（1–20 公里）');
});
