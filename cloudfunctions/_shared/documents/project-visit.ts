// Collections `projectVisits` and `projectScenes` (database/collections.json), written by the `project` function.
// A visit remembers which group chat's card brought a person to a project, so a sign-up that follows can copy the
// group into SignupDoc.viaGroupId: read it with `viaGroupOf(db, projectId, userId)`.
import { getOrNull, type Database, type Tx } from '../db/db';

export interface ProjectVisitDoc {
  /** projectVisitId(projectId, userId). */
  _id: string;
  projectId: string;
  userId: string;
  /** An opaque id of the group chat (a keyed hash of WeChat's openGId, never the openGId itself). */
  groupId: string;
  at: Date;
}

export function projectVisitId(projectId: string, userId: string): string {
  return `${projectId}_${userId}`;
}

/** The group chat that last brought `userId` to `projectId`, if a card from one did. */
export async function viaGroupOf(db: Database | Tx, projectId: string, userId: string): Promise<string | undefined> {
  return (await getOrNull<ProjectVisitDoc>(db, 'projectVisits', projectVisitId(projectId, userId)))?.groupId;
}

/** A poster's mini-program code carries `scene`, the id of one of these. */
export interface ProjectSceneDoc {
  _id: string;
  projectId: string;
  createdAt: Date;
}
