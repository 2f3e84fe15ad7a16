// Page-test fixtures for service hours: an organization with an admin, and pending service records of a registered
// volunteer written as the attendance and records functions write them (revision 1, current, pending — nothing to
// count yet, so no totals move); confirming them goes through the hours function like a person would.
import type { RecordSource } from '../../typings/hours';
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import { serverDb, type LocalCloud } from './emulator';
import { makeAdmin } from './projects';

let serial = 0;

/** A verified organization named `name` with `adminOpenid` as its active admin. */
export async function organizationWithAdmin(emu: LocalCloud, orgId: string, name: string, adminOpenid: string): Promise<void> {
  const now = new Date();
  await serverDb(emu).collection('organizations').add({ data: { _id: orgId, name, status: 'verified', usccKey: `none:${orgId}`, regionCode: '350102', createdAt: now, updatedAt: now } });
  await makeAdmin(emu, orgId, userIdOf(adminOpenid));
}

export interface SeededRecord {
  orgId: string;
  orgName: string;
  name: string;
  /** 'YYYY-MM-DD', served 09:00 Beijing on. */
  date: string;
  minutes: number;
  kind?: 'service' | 'training';
  /** How it was made (default: a declaration). */
  source?: RecordSource;
  projectId?: string;
}

/** Pending records of the volunteer registered as `openid`; answers their record ids in order. */
export async function pendingRecords(emu: LocalCloud, openid: string, records: SeededRecord[]): Promise<string[]> {
  const db = serverDb(emu);
  const volunteer = (await db.collection('volunteers').where({ userId: userIdOf(openid) }).get()).data[0];
  if (!volunteer) throw new Error(`no volunteer for ${openid}`);
  const ids: string[] = [];
  for (const r of records) {
    serial++;
    const recordId = `page-rec-${serial}-${Date.now().toString(36)}`;
    const startsAt = new Date(`${r.date}T01:00:00Z`);
    const now = new Date();
    await db.collection('serviceRecords').add({
      data: {
        _id: `${recordId}.r1`,
        recordId,
        revision: 1,
        current: true,
        volunteerId: volunteer._id,
        volunteerNo: volunteer.volunteerNo,
        volunteerName: String(volunteer.name ?? ''),
        orgId: r.orgId,
        orgName: r.orgName,
        ...(r.projectId ? { projectId: r.projectId } : {}),
        kind: r.kind ?? 'service',
        source: r.source ?? 'declaration',
        status: 'pending',
        activity: { name: r.name, date: r.date, place: '福州市鼓楼区五四路100号', serviceObjects: ['community'], content: '清扫街道', leader: '李四' },
        startsAt,
        endsAt: new Date(startsAt.getTime() + r.minutes * 60_000),
        minutes: r.minutes,
        computation: { servedMinutes: r.minutes, clampedToWindow: false },
        evidenceFileIds: [],
        recordedBy: userIdOf(openid),
        recordedAt: now,
        createdAt: now,
        updatedAt: now,
      },
    });
    ids.push(recordId);
  }
  return ids;
}
