// Test fixtures for the hours function: pending service records written through the ledger (as the attendance and
// records functions write them), for a registered volunteer and a verified organization. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import { inTransaction, type Database } from '../_shared/db/db';
import { revisionId, type ServiceRecordDoc } from '../_shared/documents/service-record';
import { writeRevisions } from '../_shared/hours/ledger';
import type { Volunteer } from '../organization/test-support';

let serial = 0;

export function db(emu: Emulator): Database {
  return serverSdk(emu).database() as unknown as Database;
}

/** A complete pending record of `minutes` (09:00 Beijing on `date`), overridable field by field. */
export function recordOf(v: Volunteer, orgId: string, over: Partial<ServiceRecordDoc> = {}, minutes = 150, date = '2026-11-28'): ServiceRecordDoc {
  serial++;
  const recordId = `rec_${serial}_${Date.now().toString(36)}`;
  const startsAt = new Date(`${date}T01:00:00Z`);
  const now = new Date();
  return {
    _id: revisionId(recordId, 1),
    recordId,
    revision: 1,
    current: true,
    volunteerId: v.volunteerId,
    volunteerNo: v.volunteerNo,
    volunteerName: v.name,
    orgId,
    orgName: '鼓楼区阳光志愿服务中心',
    projectId: `proj_of_${orgId}`,
    kind: 'service',
    source: 'declaration',
    status: 'pending',
    activity: { name: '社区清洁', date, place: '福州市鼓楼区五四路100号', serviceObjects: ['community'], content: '清扫街道', leader: '李四' },
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    minutes,
    computation: { servedMinutes: minutes, clampedToWindow: false },
    evidenceFileIds: [],
    recordedBy: v.userId,
    recordedAt: now,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

/** Write new records through the ledger; answers their record ids. */
export async function addRecords(emu: Emulator, records: ServiceRecordDoc[]): Promise<string[]> {
  for (const r of records) await inTransaction(db(emu), (t) => writeRevisions(t, [{ previous: null, next: r }], new Date()));
  return records.map((r) => r.recordId);
}
