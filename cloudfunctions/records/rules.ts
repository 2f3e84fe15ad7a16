// The records function's rules, pure (no I/O, the time passed in): when a record's interval may be recorded, what
// a record says when the maker left something out, which existing record a new one overlaps, record ids that make
// a re-run land on the same documents, and the hour codes' alphabet. Rules: RULES §4.
import { createHash, randomInt } from 'node:crypto';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import type { RecordSource } from '../../typings/hours';
import type { ActivityInput, MadeRecordView } from '../../typings/records';
import type { ProjectDoc } from '../_shared/documents/project';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { RECORD_MESSAGES } from '../_shared/messages/answers';
import { shiftTimeText } from '../signup/rules';

const DAY_MS = 86_400_000;
/** Service longer ago than this is not recorded here (bulk entry, declarations, make-ups alike). */
export const RECORD_MAX_AGE_DAYS = 365;
/** One record is one day's service at most: longer service is recorded day by day. */
export const RECORD_MAX_HOURS = 24;
/** How far back the overlap query looks: no record made anywhere is longer than a day plus a margin. */
export const OVERLAP_LOOKBACK_MS = 2 * DAY_MS;

/** The served interval, in whole minutes, ended by `now`, within the last year and at most a day long. */
export function checkInterval(startsAt: Date, endsAt: Date, now: Date): Result<{ minutes: number }, 'RECORD_TIME_INVALID'> {
  if (startsAt.getTime() % 60_000 !== 0 || endsAt.getTime() % 60_000 !== 0) return err('RECORD_TIME_INVALID', RECORD_MESSAGES.wholeMinutes, 'startsAt');
  if (endsAt.getTime() <= startsAt.getTime()) return err('RECORD_TIME_INVALID', RECORD_MESSAGES.endAfterStart, 'endsAt');
  if (endsAt.getTime() > now.getTime()) return err('RECORD_TIME_INVALID', RECORD_MESSAGES.inFuture, 'endsAt');
  if (startsAt.getTime() < now.getTime() - RECORD_MAX_AGE_DAYS * DAY_MS) {
    return err('RECORD_TIME_INVALID', RECORD_MESSAGES.olderThanYear(RECORD_MAX_AGE_DAYS), 'startsAt');
  }
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (minutes > RECORD_MAX_HOURS * 60) return err('RECORD_TIME_INVALID', RECORD_MESSAGES.tooLong(RECORD_MAX_HOURS), 'endsAt');
  return ok({ minutes });
}

/** The record's mandatory content (办法2012 Art. 7): the maker's words first, then the project's; unknown stays empty. */
export function activityOf(input: ActivityInput, project: ProjectDoc | null, startsAt: Date): ServiceRecordDoc['activity'] {
  const given = (text: string | undefined) => (text ?? '').trim();
  return {
    name: given(input.name) || project?.title || '',
    date: formatDate(shanghaiDate(startsAt)),
    place: given(input.place) || project?.place.address || '',
    serviceObjects: input.serviceObjects?.length ? input.serviceObjects : project?.serviceObjects ?? [],
    content: given(input.content) || project?.content || '',
    leader: given(input.leader) || project?.contact.name || '',
  };
}

/** Records that block a new one: the current revision of a record still in play (pending or confirmed). */
function blocks(r: Pick<ServiceRecordDoc, 'current' | 'status'>): boolean {
  return r.current && (r.status === 'pending' || r.status === 'confirmed');
}

/** The first of `records` (one volunteer's) that overlaps [startsAt, endsAt), if any (RULES §4: sessions never overlap). */
export function overlapping<R extends Pick<ServiceRecordDoc, 'current' | 'status' | 'startsAt' | 'endsAt'>>(records: R[], startsAt: Date, endsAt: Date): R | null {
  return records.find((r) => blocks(r) && new Date(r.startsAt).getTime() < endsAt.getTime() && new Date(r.endsAt).getTime() > startsAt.getTime()) ?? null;
}

export function overlapText(r: Pick<ServiceRecordDoc, 'startsAt' | 'endsAt'>): string {
  return shiftTimeText({ startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) });
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 24);
}

/** One record per volunteer and batch: a re-run of the batch writes the same document, never a second record. */
export function bulkRecordId(batchId: string, volunteerId: string): string {
  return `rb_${digest('bulk', batchId, volunteerId)}`;
}

/** One record per volunteer and batch of hour codes: a second code of the same batch records nothing more. */
export function hourCodeRecordId(codeBatchId: string, volunteerId: string): string {
  return `rh_${digest('hourCode', codeBatchId, volunteerId)}`;
}

/** Declarations and make-ups: a fresh id (a retry is the frame's to answer, by its request id). */
export function freshRecordId(source: Extract<RecordSource, 'declaration' | 'makeup'>, random: string): string {
  return `${source === 'declaration' ? 'rd' : 'rm'}_${random}`;
}

// ── Hour codes ──────────────────────────────────────────────────────────────────────────────────────────────────

/** No 0/O, 1/I/L: nothing a person reading a printed code can mistake. 31^8 ≈ 8.5 × 10^11 codes. */
export const HOUR_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const HOUR_CODE_LENGTH = 8;
export const MAX_HOUR_CODES = 500;
export const HOUR_CODE_MAX_VALID_DAYS = 90;

/** A new code, 'XXXX-XXXX', from the system's cryptographic random source. */
export function newHourCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < HOUR_CODE_LENGTH; i++) code += HOUR_CODE_ALPHABET[pick(HOUR_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A code as typed (any case, spaces or dashes) in its one stored form, or null when it cannot be a code. */
export function normaliseHourCode(typed: string): string | null {
  const compact = typed.replace(/[\s-]/g, '').toUpperCase();
  if (compact.length !== HOUR_CODE_LENGTH) return null;
  for (const ch of compact) if (!HOUR_CODE_ALPHABET.includes(ch)) return null;
  return compact;
}

/** The expiry may not be past, nor further than HOUR_CODE_MAX_VALID_DAYS away. */
export function expiryAllowed(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() > now.getTime() && expiresAt.getTime() <= now.getTime() + HOUR_CODE_MAX_VALID_DAYS * DAY_MS;
}

/** What the maker of a record is answered. */
export function madeRecordView(r: ServiceRecordDoc): MadeRecordView {
  return {
    recordId: r.recordId,
    source: r.source,
    kind: r.kind,
    status: r.status,
    orgName: r.orgName,
    activityName: r.activity.name,
    date: r.activity.date,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    minutes: r.minutes,
    hasEvidence: r.evidenceFileIds.length > 0,
  };
}
