// `npm run bench` (sign-up part): 200 sign-ups at once for one shift of 50 places, through the gateway, the built
// signup function and the emulator's production transaction semantics. Prints sign-ups per second and the
// transactions, write conflicts and retries per sign-up the database counted (database.transactionCounts()).
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../emulator/src/server';
import { functionEnv, registerVolunteer, verifiedOrganization } from '../cloudfunctions/organization/test-support';
import { projectDoc, publish, shiftDoc } from '../cloudfunctions/signup/test-support';

/** As in race.test.ts: a concurrency quota the shared two-core machine runs within the function's timeout. */
const INSTANCES = 10;

export async function signupBench(): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, functionEnv, maxInstancesPerFunction: INSTANCES });
  try {
    const admin = await registerVolunteer(emu, 'bench-signup-admin');
    const orgId = await verifiedOrganization(emu, admin);
    const people = [];
    for (let i = 0; i < 200; i++) people.push(await registerVolunteer(emu, `bench-signup-${i}`));
    // Warm instances (SCF's provisioned concurrency), so the figure is the hot shift's, not paced cold starts.
    await emu.runtime!.provision('signup', INSTANCES);

    const project = projectDoc(orgId);
    const shift = shiftDoc(project, { places: 50 });
    await publish(emu, project, [shift]);
    const before = emu.database.transactionCounts();
    const start = performance.now();
    const answers = await Promise.all(people.map((p) => p.as.call('signup', 'signup', { shiftId: shift._id })));
    const seconds = (performance.now() - start) / 1000;
    const after = emu.database.transactionCounts();
    const count = (status: string) => answers.filter((a) => a.ok && a.data.status === status).length;
    const errors = answers.filter((a) => !a.ok).length;
    const per = (n: number) => (n / 200).toFixed(2);
    console.log(
      `sign-up, 200 at once for 50 places (${INSTANCES} warm instances): ${count('confirmed')} confirmed, ${count('waitlisted')} waitlisted, ${errors} errors; ` +
        `${(200 / seconds).toFixed(1)} sign-ups/s (${seconds.toFixed(1)} s)`,
    );
    console.log(
      `  per sign-up: ${per(after.begun - before.begun)} transactions begun, ${per(after.conflicts - before.conflicts)} write conflicts, ` +
        `${per(after.begun - before.begun - (after.committed - before.committed))} retried or rolled back (${after.conflicts - before.conflicts} conflicts in all)`,
    );
  } finally {
    await emu.stop();
  }
}
