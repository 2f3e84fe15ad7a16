import fc from 'fast-check';
import {
  assignmentCostOf,
  DEFAULT_INVITES_PER_WEEK,
  fairOrder,
  invitationIdOf,
  invitationStateOf,
  invitesLeft,
  invitesPerWeekFromEnv,
  ledgerAfterInvite,
  RECENCY_DAYS,
  shanghaiIsoWeekOf,
  type RankedCandidate,
} from './invitations';

const DAY = 86_400_000;

describe('shanghaiIsoWeekOf', () => {
  it('starts the week on Monday 00:00 in Shanghai, which is Sunday 16:00 UTC', () => {
    // 2026-12-06 is a Sunday; 2026-12-07 a Monday (ISO week 50 of 2026).
    expect(shanghaiIsoWeekOf(new Date('2026-12-06T15:59:59.999Z')).key).toBe('2026-W49');
    expect(shanghaiIsoWeekOf(new Date('2026-12-06T16:00:00Z'))).toEqual({ key: '2026-W50', startsAt: new Date('2026-12-06T16:00:00Z') });
  });

  it('numbers the weeks around the new year as ISO 8601 does', () => {
    // 2027-01-01 is a Friday: it belongs to 2026's week 53; 2021-01-03 (Sunday) to 2020-W53; 2024-12-30 to 2025-W01.
    expect(shanghaiIsoWeekOf(new Date('2027-01-01T04:00:00Z')).key).toBe('2026-W53');
    expect(shanghaiIsoWeekOf(new Date('2021-01-03T04:00:00Z')).key).toBe('2020-W53');
    expect(shanghaiIsoWeekOf(new Date('2024-12-30T04:00:00Z')).key).toBe('2025-W01');
    expect(shanghaiIsoWeekOf(new Date('2026-01-04T04:00:00Z')).key).toBe('2026-W01');
  });

  it('holds every instant of a week: the start is a Monday midnight at most 7 days back', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (at) => {
        const week = shanghaiIsoWeekOf(at);
        expect(at.getTime() - week.startsAt.getTime()).toBeGreaterThanOrEqual(0);
        expect(at.getTime() - week.startsAt.getTime()).toBeLessThan(7 * DAY);
        expect(new Date(week.startsAt.getTime() + 8 * 3600_000).getUTCDay()).toBe(1);
        expect(shanghaiIsoWeekOf(week.startsAt).key).toBe(week.key);
        expect(shanghaiIsoWeekOf(new Date(week.startsAt.getTime() - 1)).key).not.toBe(week.key);
      }),
    );
  });
});

describe('the weekly cap', () => {
  const monday = new Date('2026-11-30T02:00:00Z');

  it('counts this week only, and starts from zero the next week', () => {
    let ledger = null;
    for (let i = 0; i < DEFAULT_INVITES_PER_WEEK; i++) {
      expect(invitesLeft(ledger, monday, DEFAULT_INVITES_PER_WEEK)).toBe(DEFAULT_INVITES_PER_WEEK - i);
      ledger = ledgerAfterInvite(ledger, monday);
    }
    expect(invitesLeft(ledger, monday, DEFAULT_INVITES_PER_WEEK)).toBe(0);
    const nextMonday = new Date(monday.getTime() + 7 * DAY);
    expect(invitesLeft(ledger, nextMonday, DEFAULT_INVITES_PER_WEEK)).toBe(DEFAULT_INVITES_PER_WEEK);
    expect(ledgerAfterInvite(ledger, nextMonday)).toEqual({ week: '2026-W50', count: 1, lastInvitedAt: nextMonday });
  });

  it('reads ZY_INVITES_PER_WEEK, and refuses a value nobody meant', () => {
    expect(invitesPerWeekFromEnv({})).toBe(3);
    expect(invitesPerWeekFromEnv({ ZY_INVITES_PER_WEEK: ' ' })).toBe(3);
    expect(invitesPerWeekFromEnv({ ZY_INVITES_PER_WEEK: '5' })).toBe(5);
    for (const bad of ['0', '-1', '2.5', 'three', '51']) expect(() => invitesPerWeekFromEnv({ ZY_INVITES_PER_WEEK: bad })).toThrow(/ZY_INVITES_PER_WEEK/);
  });
});

describe('fairOrder', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  const candidate = fc.record({
    userId: fc.string({ minLength: 1, maxLength: 4 }),
    score: fc.integer({ min: 0, max: 5 }).map((n) => n / 2),
    lastInvitedAt: fc.option(fc.integer({ min: 0, max: 30 }).map((d) => new Date(now.getTime() - d * DAY)), { nil: undefined }),
  });

  it('puts better scores first and, among equal scores, the least recently invited (never invited first)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.userId, maxLength: 12 }), (cs) => {
        const ordered = fairOrder(cs as RankedCandidate[]);
        expect(ordered).toHaveLength(cs.length);
        for (let i = 1; i < ordered.length; i++) {
          const [a, b] = [ordered[i - 1], ordered[i]];
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score === b.score && b.lastInvitedAt === undefined) expect(a.lastInvitedAt).toBeUndefined();
          if (a.score === b.score && a.lastInvitedAt && b.lastInvitedAt) expect(a.lastInvitedAt.getTime()).toBeLessThanOrEqual(b.lastInvitedAt.getTime());
        }
      }),
    );
  });

  it('treats scores within a band as equal, so noise in the last digits does not beat fairness', () => {
    const ordered = fairOrder([
      { userId: 'recent', score: 5.0001, lastInvitedAt: new Date(now.getTime() - DAY) },
      { userId: 'longAgo', score: 5, lastInvitedAt: new Date(now.getTime() - 20 * DAY) },
      { userId: 'never', score: 4.9999 },
    ]);
    expect(ordered.map((c) => c.userId)).toEqual(['never', 'longAgo', 'recent']);
  });
});

describe('assignmentCostOf', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  it('costs more for a worse score and for a more recent invitation, never below zero', () => {
    expect(assignmentCostOf({ userId: 'a', score: 10 }, 10, now)).toBe(0);
    expect(assignmentCostOf({ userId: 'a', score: 9 }, 10, now)).toBe(100);
    expect(assignmentCostOf({ userId: 'a', score: 10, lastInvitedAt: new Date(now.getTime() - DAY) }, 10, now)).toBe(RECENCY_DAYS - 1);
    expect(assignmentCostOf({ userId: 'a', score: 10, lastInvitedAt: new Date(now.getTime() - 60 * DAY) }, 10, now)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 0, max: 60 }), (score, days) => {
        const cost = assignmentCostOf({ userId: 'a', score, lastInvitedAt: new Date(now.getTime() - days * DAY) }, 10, now);
        expect(Number.isInteger(cost) && cost >= 0).toBe(true);
        expect(cost).toBeGreaterThanOrEqual(assignmentCostOf({ userId: 'a', score }, 10, now));
      }),
    );
  });
});

describe('invitations', () => {
  const startsAt = new Date('2026-12-05T01:00:00Z');
  it('are one per person per shift', () => {
    expect(invitationIdOf('p1-0', 'u_a')).toBe(invitationIdOf('p1-0', 'u_a'));
    expect(invitationIdOf('p1-0', 'u_a')).not.toBe(invitationIdOf('p1-1', 'u_a'));
  });

  it('expire when the shift starts, fills or is cancelled; a sign-up accepts them', () => {
    const open = { startsAt, cancelled: false, full: false };
    expect(invitationStateOf(open, false, new Date(startsAt.getTime() - 1))).toBe('open');
    expect(invitationStateOf(open, false, startsAt)).toBe('expired');
    expect(invitationStateOf({ ...open, full: true }, false, new Date(0))).toBe('expired');
    expect(invitationStateOf({ ...open, cancelled: true }, false, new Date(0))).toBe('expired');
    expect(invitationStateOf({ ...open, full: true }, true, new Date(0))).toBe('accepted');
  });
});
