// Test fixtures for the signup function: valid ProjectDoc and ShiftDoc values written straight into the emulator's
// database (until the project function publishes them), with the capacity shards publishing makes. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import { initialCapacity, projectPasswordHash, type ProjectDoc, type ShiftDoc } from '../_shared/documents/project';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { shardDocsFor } from '../_shared/signup/places';
import { shiftDays } from '../project/rules';

let serial = 0;
const HOUR = 3600_000;

export function projectDoc(orgId: string, overrides: Partial<Omit<ProjectDoc, 'conditions'>> & { conditions?: Partial<ProjectDoc['conditions']> } = {}): ProjectDoc {
  serial++;
  const now = new Date();
  const { conditions, ...rest } = overrides;
  return {
    _id: `proj_${serial}_${Date.now().toString(36)}`,
    orgId,
    orgName: '鼓楼区阳光志愿服务中心',
    title: `社区助老服务 ${serial}`,
    category: 'elderly',
    serviceObjects: ['elderly'],
    content: '陪伴社区老人，协助整理家务',
    status: 'recruiting',
    conditions: { skills: [], scope: 'open', minorsAllowed: false, ...conditions },
    place: {
      address: '福州市鼓楼区五四路100号',
      location: { type: 'Point', coordinates: [119.3, 26.08] },
      regionCode: '350102',
      regionPrefixes: ['35', '3501', '350102'],
      checkinRadiusM: 300,
    },
    risk: { disclosure: '户外活动注意防晒', risky: false },
    contact: { name: '王五', phoneMasked: '139****1111' },
    approvalMode: 'automatic',
    cancelCutoffHours: 24,
    startsAt: new Date(now.getTime() + 48 * HOUR),
    endsAt: new Date(now.getTime() + 50 * HOUR),
    days: shiftDays([{ startsAt: new Date(now.getTime() + 48 * HOUR), endsAt: new Date(now.getTime() + 50 * HOUR) }]),
    createdBy: 'u_test',
    createdAt: now,
    updatedAt: now,
    // Publishing fields the signup function never reads: the project function's tests cover them.
    tokens: [],
    shiftCount: 1,
    discoverable: (rest.status ?? 'recruiting') === 'recruiting',
    form: {} as ProjectDoc['form'],
    ...rest,
  };
}

export function shiftDoc(project: ProjectDoc, overrides: Partial<ShiftDoc> = {}): ShiftDoc {
  serial++;
  const now = new Date();
  return {
    _id: `shift_${serial}_${Date.now().toString(36)}`,
    projectId: project._id,
    orgId: project.orgId,
    startsAt: new Date(now.getTime() + 48 * HOUR),
    endsAt: new Date(now.getTime() + 50 * HOUR),
    places: 5,
    cancelled: false,
    capacity: initialCapacity(),
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** Write a project (its password hashed as publishing would) and its shifts with their shards. */
export async function publish(emu: Emulator, project: ProjectDoc, shifts: ShiftDoc[], password?: string): Promise<void> {
  const db = serverSdk(emu).database();
  const stored = password ? { ...project, conditions: { ...project.conditions, passwordHash: projectPasswordHash(project._id, password, keyRingFromEnv(emu.functionEnv)) } } : project;
  const { _id, ...data } = stored;
  await db.collection('projects').add({ data: { _id, ...data } });
  for (const shift of shifts) {
    const { _id: shiftId, ...shiftData } = shift;
    const shards = shardDocsFor(shift, new Date());
    await db.collection('shifts').add({ data: { _id: shiftId, ...shiftData, capacity: { shards: shards.length, full: false } } });
    for (const { _id: shardId, ...shard } of shards) await db.collection('capacityShards').add({ data: { _id: shardId, ...shard } });
  }
}
