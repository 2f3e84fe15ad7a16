import { revisionId } from '../_shared/documents/service-record';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import {
  adjustRevision,
  confirmRevision,
  correctedRevision,
  displayStatus,
  isOverdue,
  missingField,
  policyView,
  proposalValid,
  rejectRevision,
  revokeRevision,
  roundMinutes,
} from './rules';

const now = new Date('2026-12-02T02:00:00Z');
const actor = { orgId: 'o1', userId: 'u_admin' };

function rec(over: Partial<ServiceRecordDoc> = {}): ServiceRecordDoc {
  return {
    _id: revisionId('r1', 1),
    recordId: 'r1',
    revision: 1,
    current: true,
    volunteerId: 'v1',
    volunteerNo: 'ZY1',
    volunteerName: '张三',
    orgId: 'o1',
    orgName: '协会',
    kind: 'service',
    source: 'declaration',
    status: 'pending',
    activity: { name: '清洁', date: '2026-11-24', place: '五四路', serviceObjects: ['community'], content: '清扫', leader: '李四' },
    startsAt: new Date('2026-11-24T01:00:00Z'),
    endsAt: new Date('2026-11-24T03:29:00Z'),
    minutes: 149,
    computation: { servedMinutes: 149, clampedToWindow: false },
    evidenceFileIds: [],
    recordedBy: 'u_v',
    recordedAt: now,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

test('rounding is off by default and rounds down in whole steps', () => {
  expect(policyView(undefined)).toEqual({ roundingStepMinutes: null, overdueDays: 7 });
  expect(roundMinutes(149, null)).toBe(149);
  expect(roundMinutes(149, 15)).toBe(135);
  expect(roundMinutes(150, 15)).toBe(150);
  expect(roundMinutes(14, 15)).toBe(0);
});

test('confirming rounds by the policy, records who confirmed, and refuses what is not pending', () => {
  const done = confirmRevision(rec(), actor, 15, now);
  expect(done).toMatchObject({ ok: true, changed: true, next: { status: 'confirmed', minutes: 135, computation: { roundingStep: 15 }, confirmation: { orgId: 'o1', by: 'u_admin', at: now } } });
  expect(confirmRevision(rec({ status: 'confirmed' }), actor, 15, now)).toMatchObject({ ok: true, changed: false });
  expect(confirmRevision(rec({ status: 'rejected' }), actor, null, now)).toEqual({ ok: false, code: 'RECORD_NOT_PENDING' });
  // An adjusted record counts the organization's minutes as they are.
  expect(confirmRevision(rec({ computation: { servedMinutes: 149, clampedToWindow: false, adjustment: { minutes: 149, reason: 'x', by: 'u', at: now } } }), actor, 15, now)).toMatchObject({ next: { minutes: 149 } });
});

test('a record missing a mandatory field names it and cannot be confirmed', () => {
  expect(missingField(rec())).toBeNull();
  expect(missingField(rec({ activity: { ...rec().activity, leader: ' ' } }))).toBe('activity.leader');
  expect(missingField(rec({ activity: { ...rec().activity, serviceObjects: [] } }))).toBe('activity.serviceObjects');
  expect(missingField(rec({ activity: { ...rec().activity, date: '2026/11/24' } }))).toBe('activity.date');
  expect(missingField(rec({ volunteerNo: '' }))).toBe('volunteerNo');
  expect(missingField(rec({ minutes: 0 }))).toBe('minutes');
  expect(confirmRevision(rec({ activity: { ...rec().activity, content: '' } }), actor, null, now)).toEqual({ ok: false, code: 'RECORD_INCOMPLETE', field: 'activity.content' });
});

test('overdue: pending, the policy days or more after the activity day in Beijing', () => {
  // 2026-12-02 02:00 UTC is 10:00 on 12-02 in Beijing: 11-25 is 7 days before, 11-26 six.
  expect(isOverdue(rec({ activity: { ...rec().activity, date: '2026-11-25' } }), 7, now)).toBe(true);
  expect(isOverdue(rec({ activity: { ...rec().activity, date: '2026-11-26' } }), 7, now)).toBe(false);
  expect(isOverdue(rec({ activity: { ...rec().activity, date: '2026-11-26' } }), 6, now)).toBe(true);
  expect(isOverdue(rec({ status: 'confirmed', activity: { ...rec().activity, date: '2026-01-01' } }), 7, now)).toBe(false);
  // 2026-12-01 16:30 UTC is already 12-02 in Beijing: the day boundary is Beijing's.
  expect(isOverdue(rec({ activity: { ...rec().activity, date: '2026-11-25' } }), 7, new Date('2026-12-01T16:30:00Z'))).toBe(true);
  expect(isOverdue(rec({ activity: { ...rec().activity, date: '2026-11-25' } }), 7, new Date('2026-12-01T15:30:00Z'))).toBe(false);
});

test('reject, adjust, revoke and an accepted correction: the revisions they make', () => {
  expect(rejectRevision(rec(), actor, '未到场', now)).toMatchObject({ ok: true, next: { status: 'rejected', revision: 1, rejection: { reason: '未到场' } } });
  const confirmed = rec({ status: 'confirmed', confirmation: { orgId: 'o1', by: 'u', at: now } });
  expect(adjustRevision(confirmed, 90, '早退', actor, now)).toMatchObject({ _id: 'r1.r2', revision: 2, status: 'confirmed', minutes: 90, changeReason: '早退', computation: { adjustment: { minutes: 90 } } });
  expect(adjustRevision(rec({ status: 'revoked' }), 90, '早退', actor, now)).toBeNull();
  expect(revokeRevision(confirmed, '重复', actor, now)).toMatchObject({ revision: 2, status: 'revoked', changeReason: '重复' });
  expect(revokeRevision(rec(), '重复', actor, now)).toBeNull();
  const corrected = correctedRevision(rec({ status: 'rejected', rejection: { reason: 'x', by: 'u', at: now } }), 'r1.c1', { minutes: 120 }, undefined, '属实', actor, now);
  expect(corrected).toMatchObject({ ok: true, next: { revision: 2, status: 'confirmed', minutes: 120, correctionId: 'r1.c1' } });
  expect(corrected.ok && corrected.next.rejection).toBeUndefined();
  expect(corrected.ok && displayStatus(corrected.next)).toBe('corrected');
});

test('proposed times: both or neither, a real interval of at most a day, holding the minutes', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 24, h));
  expect(proposalValid({})).toBe(true);
  expect(proposalValid({ minutes: 60 })).toBe(true);
  expect(proposalValid({ startsAt: at(1) })).toBe(false);
  expect(proposalValid({ startsAt: at(3), endsAt: at(1) })).toBe(false);
  expect(proposalValid({ startsAt: at(1), endsAt: at(1) })).toBe(false);
  expect(proposalValid({ startsAt: at(1), endsAt: at(3), minutes: 120 })).toBe(true);
  expect(proposalValid({ startsAt: at(1), endsAt: at(3), minutes: 121 })).toBe(false);
  expect(proposalValid({ startsAt: at(0), endsAt: new Date(at(0).getTime() + 25 * 3600_000) })).toBe(false);
});
