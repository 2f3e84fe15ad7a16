// The draft project an accepting organization gets from a need: the project form filled from the need (what, for
// whom, where, when, how many) and made into a document by the project function's own code (project/store.ts
// projectFields, as saveDraft does), so the admin completes and publishes it in 项目编辑 like any draft. Its id is
// derived from the need's: a need is accepted once, so it has at most one draft.
import { createHash } from 'node:crypto';
import type { HelpRequestDoc } from '../_shared/documents/help';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { projectStatusFields, type ProjectDoc } from '../_shared/documents/project';
import { CIPHER_PURPOSE } from '../_shared/documents/volunteer';
import { decryptField, keyRingFromEnv } from '../_shared/security/crypto';
import type { ProjectInput } from '../../typings/project-actions';
import { MAX_TITLE_CHARS } from '../project/rules';
import { projectFields } from '../project/store';
import { lngLatOf } from '../project/view';

/** The check-in radius a new project form starts with (typings/project-actions.ts). */
export const DRAFT_CHECKIN_RADIUS_M = 300;

export function draftProjectIdOf(helpRequestId: string): string {
  return `prj_${createHash('sha256').update(`help:${helpRequestId}`).digest('hex').slice(0, 20)}`;
}

export function draftInput(need: HelpRequestDoc, org: OrganizationDoc, env: NodeJS.ProcessEnv): ProjectInput {
  const what = [...need.what.replace(/\s+/g, ' ').trim()];
  const prefix = '求助：';
  const room = MAX_TITLE_CHARS - prefix.length;
  const title = prefix + (what.length > room ? `${what.slice(0, room - 1).join('')}…` : what.join(''));
  const { longitude, latitude } = lngLatOf(need.place.location);
  return {
    title,
    category: need.category,
    serviceObjects: [need.forWhom.object],
    content: `${need.what}\n\n服务对象：${need.forWhom.description}\n需要志愿者：${need.volunteersWanted} 人\n（由求助转来，求助编号 ${need._id}）`,
    conditions: { skills: [], scope: 'open', minorsAllowed: false },
    place: {
      address: need.place.address,
      ...(need.place.name ? { name: need.place.name } : {}),
      longitude,
      latitude,
      regionCode: need.regionCode,
      checkinRadiusM: DRAFT_CHECKIN_RADIUS_M,
    },
    risk: { disclosure: '', risky: false },
    // The organization's own contact: volunteers reach the organization, never the requester.
    contact: { name: org.contact.name, phone: decryptField(org.contact.phone.cipher, keyRingFromEnv(env), CIPHER_PURPOSE.organizationContactPhone) },
    approvalMode: 'automatic',
    shifts: [{ startsAt: new Date(need.startsAt).toISOString(), endsAt: new Date(need.endsAt).toISOString(), places: need.volunteersWanted }],
  };
}

/** The draft's document as saveDraft writes a new one (no shifts until it is submitted). */
export function draftProject(need: HelpRequestDoc, org: OrganizationDoc, adminUserId: string, now: Date, env: NodeJS.ProcessEnv): ProjectDoc {
  const projectId = draftProjectIdOf(need._id);
  return {
    _id: projectId,
    ...projectFields(projectId, draftInput(need, org, env), org, [], null, env),
    ...projectStatusFields('draft'),
    shiftCount: 0,
    createdBy: adminUserId,
    createdAt: now,
    updatedAt: now,
  };
}
