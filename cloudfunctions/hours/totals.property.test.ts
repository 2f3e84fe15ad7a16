// Property, through the function: over random sequences of the organization's and the volunteer's actions —
// confirm, reject, adjust, revoke, a correction reported and accepted or rejected, three concurrent confirmations
// of one record — the counters never drift from the sum of current confirmed records (checkTotals finds nothing,
// and an independent sum agrees). The ledger's own property test is _shared/hours/ledger.test.ts.
import fc from 'fast-check';
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { contribution } from '../_shared/hours/ledger';
import { docs, functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { addRecords, recordOf } from './test-support';

// Eight runs of up to eight actions through the function, each arranging a fresh organization and volunteer:
// minutes of work on a machine shared with other test runs (the jest default is 30 s).
jest.setTimeout(300_000);

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const RECORDS = 3;
type Op = 'confirm' | 'reject' | 'adjust' | 'revoke' | 'correctAccept' | 'correctReject' | 'concurrentConfirm';
const step = fc.record({
  record: fc.integer({ min: 0, max: RECORDS - 1 }),
  op: fc.constantFrom<Op>('confirm', 'reject', 'adjust', 'revoke', 'correctAccept', 'correctReject', 'concurrentConfirm'),
  minutes: fc.integer({ min: 1, max: 600 }),
});

test('property: counters equal the sum of current confirmed records after any sequence of actions', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      run++;
      const admin = await registerVolunteer(emu, `openid-prop-admin-${run}`, '王管理');
      const orgId = await verifiedOrganization(emu, admin);
      const v = await registerVolunteer(emu, `openid-prop-v-${run}`);
      const ids = await addRecords(emu, Array.from({ length: RECORDS }, (_, i) => recordOf(v, orgId, {}, 60 + i * 30)));
      for (const s of steps) {
        const recordId = ids[s.record]!;
        // Every answer is allowed to be a refusal (a revoke of a pending record, a second report): only the totals matter.
        if (s.op === 'confirm') await admin.as.call('hours', 'confirm', { recordIds: [recordId] });
        else if (s.op === 'reject') await admin.as.call('hours', 'reject', { recordIds: [recordId], reason: '不符合' });
        else if (s.op === 'adjust') await admin.as.call('hours', 'adjust', { recordId, minutes: s.minutes, reason: '按实际调整' });
        else if (s.op === 'revoke') await admin.as.call('hours', 'revoke', { recordId, reason: '记录有误' });
        else if (s.op === 'concurrentConfirm') await Promise.all([1, 2, 3].map(() => admin.as.call('hours', 'confirm', { recordIds: [recordId] })));
        else {
          const reported = await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId, description: '时长有误', proposedMinutes: s.minutes });
          if (reported.ok) {
            await admin.as.call('hours', 'resolveCorrection', {
              correctionId: reported.data.correction.correctionId,
              decision: s.op === 'correctAccept' ? 'accept' : 'reject',
              reason: '已核对',
            });
          }
        }
      }
      const current = await docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId: v.volunteerId, current: true });
      expect(current).toHaveLength(RECORDS);
      const summed = current.reduce((acc, r) => acc + contribution(r).serviceMinutes, 0);
      const admin2 = caller(emu, PLATFORM_ADMIN);
      const byVolunteer = await admin2.call('hours', 'checkTotals', { volunteerId: v.volunteerId });
      const byOrg = await admin2.call('hours', 'checkTotals', { orgId });
      expect(byVolunteer).toMatchObject({ ok: true, data: { differences: [] } });
      expect(byOrg).toMatchObject({ ok: true, data: { differences: [] } });
      expect(await v.as.call('hours', 'mine', {})).toMatchObject({ ok: true, data: { serviceMinutes: summed } });
      expect(await admin.as.call('hours', 'orgTotals', { orgId })).toMatchObject({ ok: true, data: { serviceMinutes: summed } });
    }),
    { numRuns: 8 },
  );
});
