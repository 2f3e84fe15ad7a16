// The hours function's daily timer runs the consistency sweep, through the emulator's timer and the stock SDK: a
// batch per run (ZY_TOTALS_CHECK_BATCH = 2 here), resumed by the next run, volunteers then organizations with their
// projects. Deliberately broken counters (a volunteer's, and a project's with no record behind it) are found by the
// run that reaches them, the finished sweep's report lists them for platform admins only, each platform admin is
// told once, and the next sweep starts over; a sweep over honest counters reports nothing and tells nobody.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import { hourTotalsId } from '../_shared/documents/service-record';
import { userIdOf } from '../_shared/documents/ids';
import { docs, functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { addRecords, db, recordOf } from './test-support';

// Two sweeps of a few checks a run: a dozen timer firings, each a function invocation on a shared machine.
jest.setTimeout(300_000);

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { ...functionEnv, ZY_TOTALS_CHECK_BATCH: '2' } });
});
afterAll(async () => emu.stop());

const fire = () => emu.triggers!.fire('hours');
const PLATFORM_ADMIN_USERS = [PLATFORM_ADMIN, 'openid-platform-admin-2'].map(userIdOf);
/** What the sweep told the platform admins (notifications are read per recipient: recipientUserId_… index). */
const toldAdmins = async () => (await Promise.all(PLATFORM_ADMIN_USERS.map((u) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: u, kind: 'hours.totalsDifference' })))).flat();
const report = async () => {
  const res = await caller(emu, PLATFORM_ADMIN).call('hours', 'totalsReport', {});
  if (!res.ok) throw new Error(res.error.code);
  return res.data;
};
/** Fires the timer until the sweep in progress is filed; answers how many runs it took. */
async function runUntilFiled(sweepNo: number, limit = 30): Promise<number> {
  for (let run = 1; run <= limit; run++) {
    await fire();
    if ((await report()).last?.sweepNo === sweepNo) return run;
  }
  throw new Error(`sweep ${sweepNo} not filed after ${limit} runs`);
}

test('broken counters are found across several runs, reported to platform admins, and told once', async () => {
  const admin = await registerVolunteer(emu, 'openid-sweep-admin', '王管理');
  const orgId = await verifiedOrganization(emu, admin);
  const people = [await registerVolunteer(emu, 'openid-sweep-1', '张一'), await registerVolunteer(emu, 'openid-sweep-2', '张二'), await registerVolunteer(emu, 'openid-sweep-3', '张三')];
  const project = projectDoc(orgId);
  await publish(emu, project, [shiftDoc(project)]);
  const ids = await addRecords(emu, people.map((v) => recordOf(v, orgId, { projectId: project._id })));
  expect(await admin.as.call('hours', 'confirm', { recordIds: ids })).toMatchObject({ ok: true });

  // An honest first sweep: it takes several runs (2 checks a run) and finds nothing.
  const honestRuns = await runUntilFiled(1);
  expect(honestRuns).toBeGreaterThan(2);
  const { total: volunteers } = (await db(emu).collection('volunteers').count()) as { total: number };
  expect((await report()).last).toMatchObject({ sweepNo: 1, differenceCount: 0, differences: [], checked: { volunteers, organizations: 1 } });
  expect(await toldAdmins()).toEqual([]);

  // Break two counters behind the ledger's back: a volunteer's total, and a project shard no record explains.
  await db(emu).collection('volunteers').doc(people[1]!.volunteerId).update({ data: { 'hours.serviceMinutes': 999 } });
  const stray = projectDoc(orgId);
  await publish(emu, stray, [shiftDoc(stray)]);
  await db(emu).collection('hourTotals').doc(hourTotalsId('project', stray._id, 0)).set({ data: { scope: 'project', ownerId: stray._id, shard: 0, serviceMinutes: 60, trainingMinutes: 0, confirmedRecords: 1, updatedAt: new Date() } });

  await fire();
  const partway = await report();
  expect(partway.current).toMatchObject({ sweepNo: 2, runs: 1, phase: 'volunteer', checked: { volunteers: 2, organizations: 0 } });
  expect(partway.last?.sweepNo).toBe(1);
  const runs = await runUntilFiled(2);
  const filed = (await report()).last!;
  expect(runs + 1).toBeGreaterThan(2);
  expect(filed).toMatchObject({ sweepNo: 2, runs: runs + 1, differenceCount: 2 });
  expect(filed.differences).toEqual(
    expect.arrayContaining([
      { scope: 'volunteer', id: people[1]!.volunteerId, counted: { serviceMinutes: 999, trainingMinutes: 0, confirmedRecords: 1 }, summed: { serviceMinutes: 150, trainingMinutes: 0, confirmedRecords: 1 } },
      { scope: 'project', id: stray._id, counted: { serviceMinutes: 60, trainingMinutes: 0, confirmedRecords: 1 }, summed: { serviceMinutes: 0, trainingMinutes: 0, confirmedRecords: 0 } },
    ]),
  );
  // Each platform admin is told once, however often the timer fires after.
  const told = await toldAdmins();
  expect(told.map((n) => n.recipientUserId).sort()).toEqual([...PLATFORM_ADMIN_USERS].sort());
  expect(told[0]!.body).toContain('2 处');
  await fire();
  expect(await toldAdmins()).toHaveLength(2);
  expect((await report()).current).toMatchObject({ sweepNo: 3, runs: 1 });

  // Only platform admins read the report.
  expect(await admin.as.call('hours', 'totalsReport', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('平台管理员') } });
});

test('a client cannot fire the timer', async () => {
  const v = await registerVolunteer(emu, 'openid-sweep-client', '李四');
  expect((await caller(emu, v.openid).raw('hours', { Type: 'Timer', TriggerName: 'daily', Time: new Date().toISOString() })).body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
});
