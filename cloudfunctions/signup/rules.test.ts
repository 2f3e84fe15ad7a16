// The pure rules of sign-up: every refusal with its reason, the status and its words, offers, withdrawals and the
// cut-off, the no-show block, and the capacity shards.
import fc from 'fast-check';
import type { ProjectDoc } from '../_shared/documents/project';
import {
  eligibility,
  noShowBlockedUntil,
  offerExpiresAt,
  overlaps,
  placedStatus,
  resizedSlices,
  shardCountFor,
  shardSlices,
  withdrawal,
  type Applicant,
  type EligibilityProject,
} from './rules';

const at = (iso: string) => new Date(iso);
const now = at('2026-12-01T02:00:00Z');
const shift = { startsAt: at('2026-12-05T01:00:00Z'), endsAt: at('2026-12-05T03:30:00Z'), cancelled: false };
const project = (c: Partial<ProjectDoc['conditions']> = {}, status: ProjectDoc['status'] = 'recruiting'): EligibilityProject => ({
  status,
  conditions: { skills: [], scope: 'open', minorsAllowed: false, ...c },
});
const adult: Applicant = {
  volunteer: { birthDate: '1990-05-01', skills: ['first_aid'], guardianConsent: false, phoneVerified: true },
  teamMember: false,
  password: 'match',
  holds: [],
  noShowBlockedUntil: null,
};
const refusal = (r: ReturnType<typeof eligibility>) => (r.ok ? 'ok' : `${r.code}: ${r.message}`);

describe('eligibility: every refusal says why', () => {
  test('an adult meeting everything may sign up', () => expect(eligibility(project(), shift, adult, now)).toEqual({ ok: true, value: { age: 36 } }));
  test('not registered', () => expect(refusal(eligibility(project(), shift, { ...adult, volunteer: null }, now))).toMatch(/^NOT_REGISTERED: .*实名注册/));
  test.each(['draft', 'submitted', 'in_progress', 'finished', 'cancelled'] as const)('project %s: not recruiting', (status) =>
    expect(refusal(eligibility(project({}, status), shift, adult, now))).toMatch(/^PROJECT_NOT_RECRUITING: .*不在招募中/),
  );
  test('shift cancelled', () => expect(refusal(eligibility(project(), { ...shift, cancelled: true }, adult, now))).toMatch(/^SHIFT_CANCELLED: .*已取消/));
  test('shift started, and at its very start', () => {
    expect(refusal(eligibility(project(), shift, adult, shift.startsAt))).toMatch(/^SHIFT_STARTED: /);
    expect(refusal(eligibility(project(), shift, adult, new Date(shift.startsAt.getTime() - 1)))).toBe('ok');
  });
  test('a named team: members only, the team named', () => {
    expect(refusal(eligibility(project({ scope: 'team', teamOrgId: 'o1' }), shift, { ...adult, teamName: '阳光服务队' }, now))).toBe(
      'SCOPE_TEAM_ONLY: 这个项目仅限「阳光服务队」的成员报名，请先申请加入该组织',
    );
    expect(refusal(eligibility(project({ scope: 'team', teamOrgId: 'o1' }), shift, { ...adult, teamMember: true }, now))).toBe('ok');
  });
  test('real-name volunteers only: a mobile number WeChat verified; open admits an unverified one', () => {
    const unverified = { ...adult, volunteer: { ...adult.volunteer!, phoneVerified: false } };
    expect(refusal(eligibility(project({ scope: 'real_name' }), shift, unverified, now))).toBe(
      'REAL_NAME_REQUIRED: 这个项目仅限实名志愿者报名，需要经微信验证的手机号。请在“我的资料”中用微信验证手机号后再报名',
    );
    expect(refusal(eligibility(project({ scope: 'real_name' }), shift, adult, now))).toBe('ok');
    expect(refusal(eligibility(project({ scope: 'open' }), shift, unverified, now))).toBe('ok');
  });
  test('a password: missing, wrong, right', () => {
    const p = project({ scope: 'password', passwordHash: 'x' });
    expect(eligibility(p, shift, { ...adult, password: 'none' }, now)).toMatchObject({ ok: false, code: 'PASSWORD_REQUIRED', field: 'password' });
    expect(eligibility(p, shift, { ...adult, password: 'mismatch' }, now)).toMatchObject({ ok: false, code: 'PASSWORD_WRONG', message: expect.stringContaining('口令不正确') });
    expect(eligibility(p, shift, adult, now).ok).toBe(true);
  });
  test('age on the shift’s date in Asia/Shanghai, not today', () => {
    // Turns 18 on 2026-12-05 in Shanghai: the shift starts 09:00 Shanghai that day.
    const turning = { ...adult, volunteer: { ...adult.volunteer!, birthDate: '2008-12-05' } };
    expect(eligibility(project({ minAge: 18 }), shift, turning, now).ok).toBe(true);
    const dayAfter = { ...adult, volunteer: { ...adult.volunteer!, birthDate: '2008-12-06' } };
    expect(refusal(eligibility(project({ minAge: 18, minorsAllowed: true }), shift, { ...dayAfter, volunteer: { ...dayAfter.volunteer, guardianConsent: true } }, now))).toBe(
      'AGE_NOT_MET: 这个项目要求年满18周岁，班次当天你17周岁',
    );
    expect(refusal(eligibility(project({ maxAge: 35 }), shift, adult, now))).toBe('AGE_NOT_MET: 这个项目要求35周岁及以下，班次当天你36周岁');
  });
  test('minors: not allowed, or allowed with a recorded guardian consent only', () => {
    const minor = { ...adult, volunteer: { ...adult.volunteer!, birthDate: '2011-01-01' } };
    expect(refusal(eligibility(project(), shift, minor, now))).toBe('MINORS_NOT_ALLOWED: 这个项目不接受未满18周岁的志愿者报名，班次当天你15周岁');
    expect(refusal(eligibility(project({ minorsAllowed: true }), shift, minor, now))).toMatch(/^GUARDIAN_CONSENT_MISSING: .*监护人同意/);
    expect(eligibility(project({ minorsAllowed: true }), shift, { ...minor, volunteer: { ...minor.volunteer, guardianConsent: true } }, now).ok).toBe(true);
  });
  test('skills named by their Chinese labels', () => {
    expect(refusal(eligibility(project({ skills: ['first_aid', 'medical_care', 'legal_advice'] }), shift, adult, now))).toBe(
      'SKILLS_NOT_MET: 这个项目需要以下技能：医疗护理、法律咨询。可在“我的资料”中补充技能后再报名',
    );
  });
  test('blocked by the no-show policy until a date, free after it', () => {
    const blocked = { ...adult, noShowBlockedUntil: at('2026-12-20T00:00:00Z') };
    expect(refusal(eligibility(project(), shift, blocked, now))).toBe('NO_SHOW_BLOCKED: 你在该组织的活动中多次报名未到，2026年12月20日前暂不能报名该组织的项目');
    const later = { ...shift, startsAt: at('2026-12-27T01:00:00Z'), endsAt: at('2026-12-27T03:00:00Z') };
    expect(eligibility(project(), later, blocked, at('2026-12-20T00:00:00Z')).ok).toBe(true);
  });
  test('overlap with a place held in another project, named with its time', () => {
    const hold = { projectTitle: '社区助老', startsAt: at('2026-12-05T03:00:00Z'), endsAt: at('2026-12-05T05:00:00Z') };
    expect(refusal(eligibility(project(), shift, { ...adult, holds: [hold] }, now))).toBe(
      'TIME_OVERLAP: 与你已报名的「社区助老」（12-05 11:00–13:00）时间冲突，同一时间只能参加一个班次',
    );
    const backToBack = { ...hold, startsAt: shift.endsAt, endsAt: at('2026-12-05T06:00:00Z') };
    expect(eligibility(project(), shift, { ...adult, holds: [backToBack] }, now).ok).toBe(true);
  });
});

test('overlap is half-open and symmetric (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 500 }), (a, al, b, bl) => {
      const x = { startsAt: new Date(a), endsAt: new Date(a + al) };
      const y = { startsAt: new Date(b), endsAt: new Date(b + bl) };
      const expected = Math.max(a, b) < Math.min(a + al, b + bl);
      return overlaps(x, y) === expected && overlaps(y, x) === expected;
    }),
  );
});

test('status by approval mode, each with its reason', () => {
  expect(placedStatus('automatic', false)).toEqual({ status: 'confirmed', reason: '报名成功，名额已为你保留' });
  expect(placedStatus('rules', true)).toEqual({ status: 'confirmed', reason: '你曾参加过该组织的志愿服务，报名自动通过' });
  expect(placedStatus('rules', false)).toMatchObject({ status: 'pending', reason: expect.stringContaining('首次参加') });
  expect(placedStatus('manual', true)).toMatchObject({ status: 'pending', reason: expect.stringContaining('等待组织管理员审核') });
});

describe('offers', () => {
  test('12 hours by default, the project’s hours when set', () => {
    const far = at('2026-12-20T00:00:00Z');
    expect(offerExpiresAt(now, far, undefined).getTime() - now.getTime()).toBe(12 * 3600_000);
    expect(offerExpiresAt(now, far, 2).getTime() - now.getTime()).toBe(2 * 3600_000);
  });
  test('never past half the time left before the shift, never under 30 minutes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 24 * 60 }), fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }), (minutesLeft, hours) => {
        const start = new Date(now.getTime() + minutesLeft * 60_000);
        const ms = offerExpiresAt(now, start, hours).getTime() - now.getTime();
        return ms >= 30 * 60_000 && (ms <= Math.max(30 * 60_000, (minutesLeft * 60_000) / 2) + 1) && ms <= Math.max(30 * 60_000, (hours ?? 12) * 3600_000);
      }),
    );
  });
});

describe('withdrawal and the cut-off', () => {
  const cutoff = 24;
  test('before the cut-off frees the place, not late', () =>
    expect(withdrawal('confirmed', shift, cutoff, at('2026-12-04T00:59:00Z'))).toEqual({ ok: true, value: { late: false, freesPlace: true, reason: '你已取消报名' } }));
  test('after the cut-off: still withdrawn, recorded late', () =>
    expect(withdrawal('confirmed', shift, cutoff, at('2026-12-04T01:00:01Z'))).toMatchObject({ ok: true, value: { late: true, freesPlace: true, reason: expect.stringContaining('迟退') } }));
  test('after the start: late; after the end: refused', () => {
    expect(withdrawal('pending', shift, cutoff, at('2026-12-05T02:00:00Z'))).toMatchObject({ ok: true, value: { late: true } });
    expect(withdrawal('confirmed', shift, cutoff, shift.endsAt)).toMatchObject({ ok: false, code: 'SHIFT_ENDED' });
  });
  test('a waitlisted withdrawal frees nothing and is never late', () =>
    expect(withdrawal('waitlisted', shift, cutoff, at('2026-12-05T02:00:00Z'))).toMatchObject({ ok: true, value: { late: false, freesPlace: false } }));
  test.each(['withdrawn', 'declined', 'removed', 'expired'] as const)('%s: nothing to withdraw', (status) =>
    expect(withdrawal(status, shift, cutoff, now)).toMatchObject({ ok: false, code: 'NOT_WITHDRAWABLE' }));
  test('the default cut-off is 24 hours', () => expect(withdrawal('confirmed', shift, undefined, at('2026-12-04T01:00:01Z'))).toMatchObject({ value: { late: true } }));
});

describe('the no-show block', () => {
  const policy = { noShows: 2, blockDays: 30 };
  test('off by default', () => expect(noShowBlockedUntil([now, now, now], undefined)).toBeNull());
  test('two no-shows block for 30 days from the second', () => {
    expect(noShowBlockedUntil([at('2026-11-01T00:00:00Z')], policy)).toBeNull();
    expect(noShowBlockedUntil([at('2026-11-10T00:00:00Z'), at('2026-11-01T00:00:00Z')], policy)).toEqual(at('2026-12-10T00:00:00Z'));
  });
  test('blocked only with at least `noShows` marks, and never before the last mark (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e10 }), { maxLength: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 60 }), (ms, n, days) => {
        const until = noShowBlockedUntil(ms.map((m) => new Date(m)), { noShows: n, blockDays: days });
        if (ms.length < n) return until === null;
        return until !== null && until.getTime() <= Math.max(...ms) + days * 86_400_000 && until.getTime() >= Math.min(...ms) + days * 86_400_000;
      }),
    );
  });
});

describe('capacity shards', () => {
  test('slices add up to the places and differ by at most one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (places) => {
        const slices = shardSlices(places, shardCountFor(places));
        return slices.reduce((a, b) => a + b, 0) === places && Math.max(...slices) - Math.min(...slices) <= 1 && slices.length <= 32;
      }),
    );
    expect(shardSlices(50, shardCountFor(50))).toHaveLength(25);
  });
  test('resizing never takes a held place, and reaches the target when free places allow (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 120 }), (raw, target) => {
        const shards = raw.map(([p, t]) => ({ places: Math.max(p, t), taken: Math.min(p, t) }));
        const next = resizedSlices(shards, target);
        const held = shards.reduce((a, s) => a + s.taken, 0);
        const total = next.reduce((a, b) => a + b, 0);
        return next.every((p, i) => p >= shards[i]!.taken) && total === Math.max(target, Math.min(total, held > target ? held : target)) && (target >= held ? total === target : true);
      }),
    );
  });
});
