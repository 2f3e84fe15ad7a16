// The help pages say what the help function says: the same limits and the same words, so a person reads one message
// whether the phone or the server found the mistake.
import { HELP_MESSAGES, HELP_STATUS_LABELS } from '../../../cloudfunctions/_shared/messages/help';
import { COMMENT_MAX_CHARS, MAX_AHEAD_DAYS, MAX_SPAN_HOURS, NOTE_CHARS, VOLUNTEERS_WANTED, WHAT_CHARS, WILLING_RADIUS_KM } from '../../../cloudfunctions/help/rules';
import { HELP_STATUSES } from '../../../cloudfunctions/help/state';
import { FORM_TEXT, HELP_LIMITS, HELP_STATUS_TEXT, HELP_TEXT, noteOk } from './rules';
import { VERIFICATION_METHODS } from './labels';
import { VERIFICATION_METHOD_LABELS } from '../../../cloudfunctions/_shared/messages/help';

test('the limits are the server’s', () => {
  expect(HELP_LIMITS.whatChars).toEqual(WHAT_CHARS);
  expect(HELP_LIMITS.noteChars).toEqual(NOTE_CHARS);
  expect(HELP_LIMITS.commentMaxChars).toBe(COMMENT_MAX_CHARS);
  expect(HELP_LIMITS.maxAheadDays).toBe(MAX_AHEAD_DAYS);
  expect(HELP_LIMITS.maxSpanHours).toBe(MAX_SPAN_HOURS);
  expect(HELP_LIMITS.volunteersWanted).toEqual(VOLUNTEERS_WANTED);
  expect(HELP_LIMITS.willingRadiusKm).toEqual(WILLING_RADIUS_KM);
});

test('the shared messages are the server’s, word for word', () => {
  for (const [key, text] of Object.entries(HELP_TEXT)) expect([key, text]).toEqual([key, HELP_MESSAGES[key as keyof typeof HELP_TEXT]]);
});

test('every status has the server’s label; the verification methods its record labels', () => {
  expect(Object.keys(HELP_STATUS_TEXT).sort()).toEqual([...HELP_STATUSES].sort());
  expect(HELP_STATUS_TEXT).toEqual(HELP_STATUS_LABELS);
  for (const m of VERIFICATION_METHODS) expect(m.recordLabel).toBe(VERIFICATION_METHOD_LABELS[m.code]);
});

test('the phone’s own messages say what to do, in Chinese', () => {
  for (const text of Object.values(FORM_TEXT)) expect(text).toMatch(/^请|不超过|为 1–50|^评价|^服务说明/);
});

test('a note is 2–200 characters once trimmed, counted as characters', () => {
  expect(noteOk('')).toBe(false);
  expect(noteOk('  好 ')).toBe(false);
  expect(noteOk('属实')).toBe(true);
  expect(noteOk('𠮷'.repeat(200))).toBe(true);
  expect(noteOk('字'.repeat(201))).toBe(false);
});
