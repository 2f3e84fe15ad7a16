// The help request's state machine, exhaustively: every status × transition × single part against the specification
// written out here by hand (not derived from HELP_RULES), before and after the need's start, then the rules that
// combine parts, then visibility.
import fc from 'fast-check';
import type { HelpRole, HelpStatus, HelpTransition } from '../../typings/help';
import { CONTACT_RULES, decide, decideContact, HELP_ROLES, HELP_STATUSES, HELP_TRANSITIONS, isListedAt, isPublic, PERSON_ROLES, PUBLIC_STATUSES, statusAt } from './state';

/** The specification in words of issue 12: who may do what, from where, and where it leads. */
const SPEC: Record<HelpTransition, { from: HelpStatus[]; by: HelpRole[]; to: HelpStatus; toWhenNoneLeft?: HelpStatus }> = {
  verify: { from: ['pending'], by: ['platformAdmin', 'regionOrgAdmin'], to: 'dispatched', toWhenNoneLeft: 'unmatched' },
  reject: { from: ['pending'], by: ['platformAdmin', 'regionOrgAdmin'], to: 'rejected' },
  withdraw: { from: ['pending', 'dispatched', 'unmatched'], by: ['requester'], to: 'withdrawn' },
  accept: { from: ['dispatched'], by: ['offeredOrgAdmin'], to: 'accepted' },
  decline: { from: ['dispatched'], by: ['offeredOrgAdmin'], to: 'dispatched', toWhenNoneLeft: 'unmatched' },
  complete: { from: ['accepted'], by: ['acceptedOrgAdmin'], to: 'served' },
  rate: { from: ['served'], by: ['requester'], to: 'rated' },
  // The platform's timer alone, and only once the start has passed.
  expire: { from: ['pending', 'dispatched', 'unmatched'], by: ['system'], to: 'expired' },
};
const OPEN: HelpStatus[] = ['pending', 'dispatched', 'unmatched'];

const START = new Date('2027-05-01T01:00:00Z');
const BEFORE = { startsAt: START, now: new Date(START.getTime() - 1) };
const AT_START = { startsAt: START, now: START };
const AFTER = { startsAt: START.toISOString(), now: new Date(START.getTime() + 3_600_000) };

const table = HELP_STATUSES.flatMap((status) => HELP_TRANSITIONS.flatMap((transition) => HELP_ROLES.map((role) => [status, transition, role] as const)));

test('the table is the whole space: 9 statuses × 8 transitions × 7 parts', () => {
  expect(table).toHaveLength(9 * 8 * 7);
});

describe.each(table)('%s —%s→ as %s', (status, transition, role) => {
  const spec = SPEC[transition];
  const roles = new Set<HelpRole>([role]);
  if (!spec.by.includes(role)) {
    test('refused: not this part’s to make (FORBIDDEN, whatever the status and the time)', () => {
      for (const at of [undefined, BEFORE, AFTER]) {
        expect(decide(status, transition, roles, 1, at)).toEqual({ ok: false, code: 'FORBIDDEN' });
        expect(decide(status, transition, roles, 0, at)).toEqual({ ok: false, code: 'FORBIDDEN' });
      }
    });
  } else if (!spec.from.includes(status)) {
    test('refused: not from this status (WRONG_STATE, whatever the time)', () => {
      for (const at of [undefined, BEFORE, AFTER]) expect(decide(status, transition, roles, 1, at)).toEqual({ ok: false, code: 'WRONG_STATE' });
    });
  } else if (transition === 'expire') {
    test('allowed once the start has come, refused before it (and with no time given)', () => {
      for (const at of [AT_START, AFTER]) expect(decide(status, transition, roles, 1, at)).toEqual({ ok: true, next: 'expired' });
      for (const at of [undefined, BEFORE]) expect(decide(status, transition, roles, 1, at)).toEqual({ ok: false, code: 'WRONG_STATE', notYet: true });
    });
  } else {
    test(`allowed before the start: leads to ${spec.to}${spec.toWhenNoneLeft ? `, or ${spec.toWhenNoneLeft} with no offer left` : ''}`, () => {
      for (const at of [undefined, BEFORE]) {
        expect(decide(status, transition, roles, 1, at)).toEqual({ ok: true, next: spec.to });
        expect(decide(status, transition, roles, 0, at)).toEqual({ ok: true, next: spec.toWhenNoneLeft ?? spec.to });
      }
    });
    if (OPEN.includes(status)) {
      test('refused from its start on: an open need whose time has passed only expires (WRONG_STATE, timePassed)', () => {
        for (const at of [AT_START, AFTER]) expect(decide(status, transition, roles, 1, at)).toEqual({ ok: false, code: 'WRONG_STATE', timePassed: true });
      });
    } else {
      test('still allowed after the start: the need was taken on in time', () => {
        expect(decide(status, transition, roles, 1, AFTER)).toEqual({ ok: true, next: spec.to });
      });
    }
  }
});

test('no person makes expire, and the system makes nothing else', () => {
  const people = new Set<HelpRole>(PERSON_ROLES);
  for (const status of HELP_STATUSES) expect(decide(status, 'expire', people, 1, AFTER)).toEqual({ ok: false, code: 'FORBIDDEN' });
  for (const t of HELP_TRANSITIONS.filter((x) => x !== 'expire')) {
    for (const status of HELP_STATUSES) expect(decide(status, t, new Set<HelpRole>(['system']), 1, BEFORE)).toEqual({ ok: false, code: 'FORBIDDEN' });
  }
});

test('statusAt: an open need shows expired from its start on; any other status stays as it is', () => {
  for (const status of HELP_STATUSES) {
    expect(statusAt({ status, startsAt: START }, BEFORE.now)).toBe(status);
    expect(statusAt({ status, startsAt: START }, START)).toBe(OPEN.includes(status) ? 'expired' : status);
  }
});

test('isListedAt: a public need is listed while open only before its start; taken-on ones stay listed for the record', () => {
  const verified = { decision: 'verify' as const };
  for (const status of HELP_STATUSES) {
    const need = { status, startsAt: START, verification: verified };
    expect(isListedAt(need, BEFORE.now)).toBe(PUBLIC_STATUSES.includes(status));
    expect(isListedAt(need, AFTER.now)).toBe(['accepted', 'served', 'rated'].includes(status));
  }
});

test('the requester never verifies or rejects their own need, whatever else they are', () => {
  for (const other of ['platformAdmin', 'regionOrgAdmin'] as const) {
    for (const transition of ['verify', 'reject'] as const) {
      expect(decide('pending', transition, new Set<HelpRole>(['requester', other]))).toEqual({ ok: false, code: 'FORBIDDEN' });
    }
  }
});

test('property: several parts allow exactly what one of them allows (besides the requester’s own verification)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...HELP_STATUSES), fc.constantFrom(...HELP_TRANSITIONS), fc.subarray([...HELP_ROLES], { minLength: 1 }), (status, transition, parts) => {
      const together = decide(status, transition, new Set(parts));
      const selfVerification = parts.includes('requester') && (transition === 'verify' || transition === 'reject');
      const anyAlone = parts.some((p) => decide(status, transition, new Set([p])).ok);
      if (selfVerification) expect(together.ok).toBe(false);
      else expect(together.ok).toBe(anyAlone);
    }),
  );
});

test('terminal statuses: rejected, withdrawn, rated and expired leave by nothing; only the requester may still withdraw an unmatched need', () => {
  const everyone = new Set<HelpRole>(HELP_ROLES.filter((r) => r !== 'requester'));
  for (const status of ['rejected', 'withdrawn', 'rated', 'expired'] as const) {
    for (const t of HELP_TRANSITIONS) {
      expect(decide(status, t, everyone).ok).toBe(false);
      expect(decide(status, t, new Set<HelpRole>(['requester'])).ok).toBe(false);
    }
  }
  expect(HELP_TRANSITIONS.filter((t) => decide('unmatched', t, new Set<HelpRole>(PERSON_ROLES)).ok)).toEqual(['withdraw']);
  expect(HELP_TRANSITIONS.filter((t) => decide('unmatched', t, new Set<HelpRole>(HELP_ROLES), 1, AFTER).ok)).toEqual(['expire']);
});

const verification = fc.option(fc.record({ decision: fc.constantFrom('verify' as const, 'reject' as const) }), { nil: undefined });

test('property: a need is public only when verified — a public status and a recorded verification, never otherwise', () => {
  fc.assert(
    fc.property(fc.constantFrom(...HELP_STATUSES), verification, (status, v) => {
      const need = { status, ...(v ? { verification: v } : {}) };
      expect(isPublic(need)).toBe(PUBLIC_STATUSES.includes(status) && v?.decision === 'verify');
      if (status === 'pending' || status === 'rejected' || status === 'withdrawn' || status === 'expired') expect(isPublic(need)).toBe(false);
    }),
  );
});

test('property: every status a need can reach without a verify step stays hidden', () => {
  // Walk random transitions from pending by random parts; until a verify succeeded, the need is never public.
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...HELP_TRANSITIONS), fc.constantFrom(...HELP_ROLES), fc.nat(3)), { maxLength: 12 }), (steps) => {
      let status: HelpStatus = 'pending';
      let verified: { decision: 'verify' | 'reject' } | undefined;
      for (const [t, role, left] of steps) {
        const d = decide(status, t, new Set([role]), left);
        if (!d.ok) continue;
        if (t === 'verify' || t === 'reject') verified = { decision: t };
        status = d.next;
        expect(isPublic({ status, ...(verified ? { verification: verified } : {}) })).toBe(verified?.decision === 'verify' && PUBLIC_STATUSES.includes(status));
      }
      if (!verified || verified.decision !== 'verify') expect(isPublic({ status, ...(verified ? { verification: verified } : {}) })).toBe(false);
    }),
  );
});

describe('decideContact: who sees the contact in full, while when', () => {
  const one = (r: HelpRole) => new Set<HelpRole>([r]);
  /** Written out from the issue's slice (h-contact), not from CONTACT_RULES. */
  const WHILE: Partial<Record<HelpRole, HelpStatus[]>> = { platformAdmin: ['pending'], regionOrgAdmin: ['pending'], acceptedOrgAdmin: ['accepted', 'served'] };
  it('verifiers while pending, the accepting organization while accepted or served; the rest FORBIDDEN before any status', () => {
    for (const status of HELP_STATUSES) {
      for (const role of HELP_ROLES) {
        const during = WHILE[role];
        const want = !during ? { ok: false, code: 'FORBIDDEN' } : during.includes(status) ? { ok: true, as: role } : { ok: false, code: 'WRONG_STATE' };
        expect([status, role, decideContact(status, one(role))]).toEqual([status, role, want]);
      }
    }
    expect(CONTACT_RULES).toEqual([
      { by: 'platformAdmin', while: ['pending'] },
      { by: 'regionOrgAdmin', while: ['pending'] },
      { by: 'acceptedOrgAdmin', while: ['accepted', 'served'] },
    ]);
  });
  it('the requester is refused whatever else they are; of several parts, the one that fits the status is named', () => {
    expect(decideContact('pending', new Set<HelpRole>(['requester', 'platformAdmin']))).toEqual({ ok: false, code: 'FORBIDDEN' });
    expect(decideContact('accepted', new Set<HelpRole>(['platformAdmin', 'acceptedOrgAdmin']))).toEqual({ ok: true, as: 'acceptedOrgAdmin' });
    expect(decideContact('pending', new Set<HelpRole>(['platformAdmin', 'acceptedOrgAdmin']))).toEqual({ ok: true, as: 'platformAdmin' });
  });
});
