// Page tests of sign-up: a recruiting project with one shift written as the project function publishes it (its
// capacity shards are made on the first sign-up), and an organization admin's membership. Tests only.
import { serverDb, type LocalCloud } from './emulator';

const HOUR = 3600_000;
let serial = 0;

export interface PublishedShift {
  projectId: string;
  shiftId: string;
  orgId: string;
}

export async function publishProject(
  emu: LocalCloud,
  options: { places: number; conditions?: Record<string, unknown>; approvalMode?: 'automatic' | 'rules' | 'manual'; orgId?: string; startsInHours?: number },
): Promise<PublishedShift> {
  serial++;
  const now = new Date();
  const orgId = options.orgId ?? 'org-page';
  const projectId = `page-proj-${serial}-${now.getTime().toString(36)}`;
  const shiftId = `page-shift-${serial}-${now.getTime().toString(36)}`;
  const startsAt = new Date(now.getTime() + (options.startsInHours ?? 72 + serial * 5) * HOUR);
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  await serverDb(emu).collection('projects').add({
    data: {
      _id: projectId,
      orgId,
      orgName: '鼓楼区阳光志愿服务中心',
      title: '社区助老服务',
      category: 'community',
      serviceObjects: ['elderly'],
      content: '陪伴社区老人',
      status: 'recruiting',
      conditions: { skills: [], scope: 'open', minorsAllowed: false, ...options.conditions },
      place: {
        address: '福州市鼓楼区五四路100号',
        location: { type: 'Point', coordinates: [119.3, 26.08] },
        regionCode: '350102',
        regionPrefixes: ['35', '3501', '350102'],
        checkinRadiusM: 300,
      },
      risk: { disclosure: '注意防晒', risky: false },
      contact: { name: '王五', phoneMasked: '139****1111' },
      approvalMode: options.approvalMode ?? 'automatic',
      cancelCutoffHours: 24,
      startsAt,
      endsAt,
      createdBy: 'u_page',
      createdAt: now,
      updatedAt: now,
    },
  });
  await serverDb(emu).collection('shifts').add({
    data: { _id: shiftId, projectId, orgId, startsAt, endsAt, places: options.places, cancelled: false, capacity: { shards: 0, full: false }, createdAt: now, updatedAt: now },
  });
  return { projectId, shiftId, orgId };
}

/** An active admin membership, as accepting an admin invitation leaves it. */
export async function makeAdmin(emu: LocalCloud, orgId: string, userId: string): Promise<void> {
  const now = new Date();
  await serverDb(emu).collection('memberships').add({
    data: { _id: `${orgId}_${userId}`, orgId, userId, role: 'admin', status: 'active', requestCount: 0, requestedAt: now, since: now },
  });
}
