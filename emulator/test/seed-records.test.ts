// The demo world's service records: past shifts of the team's companionship project whose sessions count, pending
// records made through the records function, 林晓梅 one record from her first star (98 h confirmed, 2.5 h pending),
// and a correction 黄思琪 reported.
import type { Database } from '../../cloudfunctions/_shared/db/db';
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import type { ServiceRecordDoc } from '../../cloudfunctions/_shared/documents/service-record';
import type { VolunteerDoc } from '../../cloudfunctions/_shared/documents/volunteer';
import { seedDemoWorld } from '../src/seed';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: 'demo-platform-admin' } });
});
afterAll(async () => emu.stop());

test('confirmed sessions of past shifts, pending records of every other kind, a volunteer one record from a star', async () => {
  const db = serverSdk(emu).database();
  const summary = await seedDemoWorld(emu.runtime!, { reviewer: 'demo-platform-admin', database: db as unknown as Database });
  expect(summary.records).toEqual({ pastShifts: 14, confirmedSessions: 21, pendingRecords: 5, openCorrections: 1 });

  const volunteer = async (openid: string) => ((await db.collection('volunteers').where({ userId: userIdOf(openid) }).get()) as unknown as { data: VolunteerDoc[] }).data[0]!;
  const records = async (v: VolunteerDoc) => ((await db.collection('serviceRecords').where({ volunteerId: v._id }).get()) as unknown as { data: ServiceRecordDoc[] }).data;
  const lin = await volunteer('demo-lin');
  expect(lin.hours).toEqual({ serviceMinutes: 98 * 60, trainingMinutes: 0, confirmedRecords: 14 });
  const linPending = (await records(lin)).filter((r) => r.status === 'pending');
  expect(linPending.map((r) => [r.source, r.kind, r.minutes]).sort()).toEqual([
    ['bulk', 'training', 120],
    ['declaration', 'service', 150],
  ]);
  const huang = await volunteer('demo-huang');
  expect(huang.hours).toEqual({ serviceMinutes: 7 * 7 * 60, trainingMinutes: 0, confirmedRecords: 7 });
  expect((await records(huang)).filter((r) => r.status === 'pending').map((r) => r.source).sort()).toEqual(['bulk', 'hourCode', 'makeup']);
  // Her correction waits for the organization; the record it is about still counts as confirmed until then.
  const corrections = ((await db.collection('corrections').where({ volunteerId: huang._id }).get()) as unknown as { data: Array<{ status: string; recordId: string }> }).data;
  expect(corrections).toEqual([expect.objectContaining({ status: 'open', recordId: `ro_demo_0_${huang._id}` })]);
  for (const r of await records(lin)) if (r.source === 'onsite') expect(r).toMatchObject({ status: 'confirmed', origin: { sessionId: expect.stringMatching(/^demo-session-/) }, shiftId: expect.stringContaining('-past-') });
  // Seeding runs some 80 actions one after another: on the shared machine that is minutes, not a figure to assert.
}, 300_000);
