// Pure rules of sign-up (RULES §3): who may sign up for a shift and why not, what status a sign-up gets and the
// words that say why, the waitlist's offers, withdrawals and the cut-off, the no-show block, and how a shift's places
// are cut into capacity shards. No I/O, no clock of its own: the instant is passed in.
import type { ApprovalMode, SignupStatus } from '../../typings/project';
import type { SignupRefusal } from '../../typings/signup';
import { ADULT_AGE, ageOn } from '../../miniprogram/domain/age';
import { shanghaiClock, shanghaiDate } from '../../miniprogram/domain/calendar';
import { labelOf, SKILLS } from '../../miniprogram/domain/codes';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import type { NoShowPolicy } from '../_shared/documents/organization';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { MESSAGES, SIGNUP_MESSAGES as M } from '../_shared/messages/answers';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** Statuses that hold one of the shift's places. */
export const HOLDING: readonly SignupStatus[] = ['pending', 'confirmed', 'offered'];
/** Statuses still in play (a new sign-up for the same shift answers the existing one). */
export const ACTIVE: readonly SignupStatus[] = [...HOLDING, 'waitlisted'];

export const DEFAULT_CANCEL_CUTOFF_HOURS = 24;
export const DEFAULT_OFFER_HOURS = 12;
/** An offer never lasts less than this, however near the shift: a person needs time to see the message. */
export const MIN_OFFER_MINUTES = 30;
/** Manual approval: at most this many sign-ups per call. */
export const MAX_DECISIONS_PER_CALL = 100;
export const MAX_REASON_CHARS = 200;

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** Half-open intervals [start, end): back-to-back shifts do not overlap (RULES §3). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** 'MM-DD HH:mm–HH:mm' in Asia/Shanghai, as a volunteer reads a shift's time. */
export function shiftTimeText(i: Interval): string {
  const start = shanghaiClock(i.startsAt);
  const end = shanghaiClock(i.endsAt);
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('MM-DD HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'MM-DD HH:mm')}`;
}

/**
 * When `noShows` no-shows are counted the block starts at the last of them and lasts `blockDays`; the count then
 * starts again, so a block is served once per run of no-shows. Marks are instants of the missed shifts' starts.
 * Off (no policy): never blocked.
 */
export function noShowBlockedUntil(marks: readonly Date[], policy: NoShowPolicy | undefined): Date | null {
  if (!policy || policy.noShows < 1) return null;
  const sorted = [...marks].sort((a, b) => a.getTime() - b.getTime());
  let count = 0;
  let until: Date | null = null;
  for (const mark of sorted) {
    // A no-show during a block (signed up earlier) still counts towards the next one.
    count++;
    if (count >= policy.noShows) {
      until = new Date(mark.getTime() + policy.blockDays * DAY_MS);
      count = 0;
    }
  }
  return until;
}

/** What the server knows about the person asking, read before deciding. */
export interface Applicant {
  /** From the volunteer document (birth decrypted); null: not registered. */
  volunteer: null | { birthDate: string; skills: readonly string[]; guardianConsent: boolean; phoneVerified: boolean };
  /** An active member of the project's named team (scope 'team'). */
  teamMember: boolean;
  teamName?: string;
  /** scope 'password': none given, or whether the given one matches the stored keyed hash. */
  password: 'none' | 'match' | 'mismatch';
  /** Other places this person holds (confirmed, pending, offered), this shift excluded. */
  holds: ReadonlyArray<Interval & { projectTitle: string }>;
  noShowBlockedUntil: Date | null;
}

export type EligibilityProject = Pick<ProjectDoc, 'status' | 'conditions'>;
export type EligibilityShift = Pick<ShiftDoc, 'startsAt' | 'endsAt' | 'cancelled'>;

/**
 * May this person sign up for this shift at `now`? Checked in the order a volunteer can act on: the project and the
 * shift first (nothing to do), then who may join, then the person's conditions, then their own calendar.
 */
export function eligibility(project: EligibilityProject, shift: EligibilityShift, who: Applicant, now: Date): Result<{ age: number }, SignupRefusal> {
  if (!who.volunteer) return err('NOT_REGISTERED', MESSAGES.NOT_REGISTERED);
  if (project.status !== 'recruiting') return err('PROJECT_NOT_RECRUITING', M.projectNotRecruiting);
  if (shift.cancelled) return err('SHIFT_CANCELLED', M.shiftCancelled);
  if (now.getTime() >= shift.startsAt.getTime()) return err('SHIFT_STARTED', M.shiftStarted);

  const c = project.conditions;
  // 'open' admits every registered volunteer (registration is real-name, RULES §1, but the name and number are only
  // what the person typed unless a deployment verifies identity). 'real_name' (实名志愿者) asks for more: a mobile number
  // WeChat proved is the caller's (volunteer.verifyPhone), since a mainland mobile number is registered to its holder's
  // identity (电话用户真实身份信息登记, 网络安全法 Art. 24).
  if (c.scope === 'real_name' && !who.volunteer.phoneVerified) return err('REAL_NAME_REQUIRED', M.realNameRequired);
  if (c.scope === 'team' && !who.teamMember) return err('SCOPE_TEAM_ONLY', M.teamOnly(who.teamName));
  if (c.scope === 'password') {
    if (who.password === 'none') return err('PASSWORD_REQUIRED', M.passwordRequired, 'password');
    if (who.password === 'mismatch') return err('PASSWORD_WRONG', M.passwordWrong, 'password');
  }

  // Age on the shift's own date in Asia/Shanghai: that is when the person serves.
  const age = ageOn(who.volunteer.birthDate, shanghaiDate(shift.startsAt));
  if (c.minAge !== undefined && age < c.minAge) return err('AGE_NOT_MET', M.ageBelow(c.minAge, age));
  if (c.maxAge !== undefined && age > c.maxAge) return err('AGE_NOT_MET', M.ageAbove(c.maxAge, age));
  if (age < ADULT_AGE) {
    if (!c.minorsAllowed) return err('MINORS_NOT_ALLOWED', M.minorsNotAllowed(age));
    if (!who.volunteer.guardianConsent) return err('GUARDIAN_CONSENT_MISSING', M.guardianConsentMissing);
  }
  const have = new Set(who.volunteer.skills);
  const missing = c.skills.filter((s) => !have.has(s));
  if (missing.length > 0) return err('SKILLS_NOT_MET', M.skillsMissing(missing.map((s) => labelOf(SKILLS, s) ?? s).join('、')));

  if (who.noShowBlockedUntil && who.noShowBlockedUntil.getTime() > now.getTime()) {
    return err('NO_SHOW_BLOCKED', M.noShowBlocked(shanghaiClock(who.noShowBlockedUntil)));
  }
  const clash = who.holds.find((h) => overlaps(h, shift));
  if (clash) return err('TIME_OVERLAP', M.overlap(clash.projectTitle, shiftTimeText(clash)));
  return ok({ age });
}

/** The first overlapping hold, if any (offers and confirmations check it again). */
export function firstOverlap<H extends Interval>(holds: readonly H[], shift: Interval): H | undefined {
  return holds.find((h) => overlaps(h, shift));
}

/** With a place available: confirmed at once, or held for an admin — and the words that say why. */
export function placedStatus(mode: ApprovalMode, servedBefore: boolean): { status: 'confirmed' | 'pending'; reason: string } {
  if (mode === 'automatic') return { status: 'confirmed', reason: REASONS.confirmedAutomatic };
  if (mode === 'rules' && servedBefore) return { status: 'confirmed', reason: REASONS.confirmedServedBefore };
  return { status: 'pending', reason: mode === 'rules' ? REASONS.pendingFirstTime : REASONS.pendingManual };
}

/** Why each stored status is what it is, in the volunteer's words (stored on the sign-up; the org sees it too). */
export const REASONS = {
  confirmedAutomatic: '报名成功，名额已为你保留',
  confirmedServedBefore: '你曾参加过该组织的志愿服务，报名自动通过',
  confirmedByAdmin: '组织管理员已通过你的报名',
  confirmedOffer: '你已确认候补名额，报名成功',
  pendingManual: '名额已为你保留，等待组织管理员审核',
  pendingFirstTime: '首次参加该组织的活动需要管理员审核，名额已为你保留',
  waitlisted: '名额已满，你已进入候补名单，有人取消时按先后顺序递补',
  offered: (until: string) => `有名额空出，已为你保留，请在${until}前确认，逾期将顺延给下一位`,
  expired: '未在规定时间内确认，名额已顺延给下一位候补志愿者',
  passedOverOverlap: '候补名额空出时你在同一时间已有其他报名，名额已顺延给下一位',
  withdrawn: '你已取消报名',
  withdrawnLate: (hours: number) => `你已取消报名（距班次开始不足${hours}小时，记为迟退）`,
  declined: (reason: string) => `组织管理员未通过你的报名：${reason}`,
  removed: (reason: string) => `组织管理员已将你移出本班次：${reason}`,
} as const;

/** "第 3 位" in the reason of a waitlisted sign-up. */
export function waitlistedReason(position: number): string {
  return `${REASONS.waitlisted}（当前第 ${position} 位）`;
}

/**
 * Until when an offered place is held: the project's offer hours (default 12), but never past half the time left
 * before the shift starts, so the next in line still has time too; never less than 30 minutes.
 */
export function offerExpiresAt(now: Date, shiftStartsAt: Date, offerHours: number | undefined): Date {
  const full = (offerHours !== undefined && offerHours > 0 ? offerHours : DEFAULT_OFFER_HOURS) * HOUR_MS;
  const half = (shiftStartsAt.getTime() - now.getTime()) / 2;
  return new Date(now.getTime() + Math.max(MIN_OFFER_MINUTES * 60_000, Math.min(full, half)));
}

/** Whether a place freed now can still be offered: not once the shift has started. */
export function canOffer(shift: EligibilityShift, now: Date): boolean {
  return !shift.cancelled && now.getTime() < shift.startsAt.getTime();
}

export interface WithdrawalOutcome {
  late: boolean;
  freesPlace: boolean;
  reason: string;
}

/**
 * A withdrawal (条例 Art. 22: the organization is told, the place is freed): recorded as late after the cut-off or
 * once the shift has started; impossible once the shift has ended or the sign-up is already over.
 */
export function withdrawal(status: SignupStatus, shift: Interval, cutoffHours: number | undefined, now: Date): Result<WithdrawalOutcome, 'NOT_WITHDRAWABLE' | 'SHIFT_ENDED'> {
  if (!ACTIVE.includes(status)) return err('NOT_WITHDRAWABLE', M.notWithdrawable);
  if (now.getTime() >= shift.endsAt.getTime()) return err('SHIFT_ENDED', M.shiftEnded);
  const hours = cutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS;
  const late = status !== 'waitlisted' && now.getTime() > shift.startsAt.getTime() - hours * HOUR_MS;
  return ok({ late, freesPlace: HOLDING.includes(status), reason: late ? REASONS.withdrawnLate(hours) : REASONS.withdrawn });
}

/** The reason an admin gives, one line, trimmed; empty → undefined. */
export function cleanReason(reason: string | undefined): string | undefined {
  const clean = reason?.replace(/\s+/g, ' ').trim();
  return clean ? clean.slice(0, MAX_REASON_CHARS) : undefined;
}

// ── Capacity shards ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * How many shards a shift's places are cut into: one per 2 places up to 32 shards. More shards mean fewer sign-ups
 * meeting on one document; every waitlisted sign-up reads them all, so they are capped. Measured in npm run bench.
 */
export function shardCountFor(places: number): number {
  if (places <= 0) return 1;
  return Math.min(32, Math.max(1, Math.ceil(places / 2)));
}

/** `places` cut into `count` slices differing by at most one, larger first; they add up to `places`. */
export function shardSlices(places: number, count: number): number[] {
  const base = Math.floor(places / count);
  const extra = places - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * New slice sizes when a shift's places change, given each shard's current slice and places taken: growth goes to
 * the smallest slices first; a cut takes free places only (a held place is never taken away), so the result may
 * exceed `places` when more are held than the new number — `placesChanged` then holds no new sign-up until enough
 * leave. Shards are never removed (a sign-up keeps naming its shard).
 */
export function resizedSlices(shards: ReadonlyArray<{ places: number; taken: number }>, places: number): number[] {
  const next = shards.map((s) => s.places);
  let total = next.reduce((a, b) => a + b, 0);
  while (total < places) {
    let smallest = 0;
    for (let i = 1; i < next.length; i++) if (next[i]! < next[smallest]!) smallest = i;
    next[smallest]!++;
    total++;
  }
  while (total > places) {
    let roomiest = -1;
    for (let i = 0; i < next.length; i++) {
      const free = next[i]! - shards[i]!.taken;
      if (free > 0 && (roomiest < 0 || free > next[roomiest]! - shards[roomiest]!.taken)) roomiest = i;
    }
    if (roomiest < 0) break;
    next[roomiest]!--;
    total--;
  }
  return next;
}

/** Order of the waitlist: arrival (queuedAt), then sign-up id, so equal instants still have one order. */
export function waitlistOrder(a: { queuedAt: Date; _id: string }, b: { queuedAt: Date; _id: string }): number {
  return a.queuedAt.getTime() - b.queuedAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}
