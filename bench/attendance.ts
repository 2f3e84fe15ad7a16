// `npm run bench` (check-in part): 500 volunteers check in at one station, 20 scanning at any moment, through the gateway, the built
// attendance function and the emulator's production transaction semantics. Prints check-ins per second and the
// transactions, write conflicts and retries per check-in (database.transactionCounts()). Each person's check-in
// meets only their own day document, so a crowd at one station should not conflict with itself.
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/src/server';
import { functionEnv, registerVolunteer, type Volunteer } from '../cloudfunctions/organization/test-support';
import { onSiteShift, tokenAt } from '../cloudfunctions/attendance/test-support';

/** As the sign-up bench: a concurrency quota the shared two-core machine runs within the function's timeout. */
const INSTANCES = 10;
const VOLUNTEERS = 500;
/** Phones scanning at the same moment: twice the warm instances, so the function always has the next one waiting. */
const SCANNERS = 2 * INSTANCES;

export async function attendanceBench(): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, functionEnv, maxInstancesPerFunction: INSTANCES });
  try {
    const site = await onSiteShift(emu, { signedUp: 0 });
    // Walk-ins allowed: the bench measures the check-in, not 500 sign-ups before it.
    const set = await site.admin.as.call('attendance', 'settings', { projectId: site.project._id, walkInsAllowed: true });
    if (!set.ok) throw new Error(`settings: ${set.error.code}`);
    const people: Volunteer[] = [];
    for (let i = 0; i < VOLUNTEERS; i++) people.push(await registerVolunteer(emu, `bench-attend-${i}`));
    await emu.runtime!.provision('attendance', INSTANCES);
    const location = { latitude: 26.08, longitude: 119.3 };
    const before = emu.database.transactionCounts();
    const start = performance.now();
    // A queue at the station: each volunteer scans the code on screen when their turn comes (a token lives 30 s, so
    // tokens made for all 500 at once would expire in the function's queue), SCANNERS phones at a time.
    const answers: Array<{ ok: boolean; error?: { code: string } }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: SCANNERS }, async () => {
        for (let i = next++; i < people.length; i = next++) answers.push(await people[i]!.as.call('attendance', 'checkIn', { token: tokenAt(site.station), location }));
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const after = emu.database.transactionCounts();
    const ok = answers.filter((a) => a.ok).length;
    const codes = [...new Set(answers.flatMap((a) => (a.ok || !a.error ? [] : [a.error.code])))];
    const per = (n: number) => (n / VOLUNTEERS).toFixed(2);
    console.log(
      `check-in, ${VOLUNTEERS} volunteers at one station (${SCANNERS} scanning at a time, ${INSTANCES} warm instances): ${ok} checked in, ${VOLUNTEERS - ok} refused${codes.length ? ` (${codes.join(', ')})` : ''}; ` +
        `${(VOLUNTEERS / seconds).toFixed(1)} check-ins/s (${seconds.toFixed(1)} s)`,
    );
    console.log(
      `  per check-in: ${per(after.begun - before.begun)} transactions begun, ${per(after.conflicts - before.conflicts)} write conflicts, ` +
        `${per(after.begun - before.begun - (after.committed - before.committed))} retried or rolled back`,
    );
  } finally {
    await emu.stop();
  }
}
