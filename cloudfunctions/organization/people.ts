// Who the people around an organization are: the caller as a registered volunteer, and members' name cards.
import type { ActionContext } from '../_shared/action';
import type { Database } from '../_shared/db';
import { fail } from '../_shared/envelope';
import { getOrNull } from '../_shared/db';
import { loadCaller } from '../_shared/people';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import type { PersonCard } from './view';

/** Functions get at most 100 documents per query. */
export const QUERY_LIMIT = 100;

export interface RegisteredVolunteer {
  userId: string;
  volunteer: VolunteerDoc;
}

/** The caller's active volunteer profile, or null: registering, joining and accepting need a real-name volunteer. */
export async function registeredVolunteer(ctx: ActionContext): Promise<RegisteredVolunteer | null> {
  const { userId, user } = await loadCaller(ctx);
  if (!user?.volunteerId) return null;
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', user.volunteerId);
  if (!volunteer || volunteer.status !== 'active' || volunteer.userId !== userId) return null;
  return { userId, volunteer };
}

export const notRegistered = () => fail('NOT_REGISTERED', '请先完成志愿者实名注册');

/** Name, volunteer number and masked phone of each given user that has a volunteer profile. */
export async function peopleByUserId(db: Database, userIds: string[]): Promise<Map<string, PersonCard>> {
  const out = new Map<string, PersonCard>();
  const ids = [...new Set(userIds)];
  const _ = db.command;
  for (let i = 0; i < ids.length; i += QUERY_LIMIT) {
    const found = await rows<Pick<VolunteerDoc, 'userId' | 'name' | 'volunteerNo'> & { phone?: { masked?: string } }>(
      db
        .collection('volunteers')
        .where({ userId: _.in(ids.slice(i, i + QUERY_LIMIT)) })
        .field({ userId: true, name: true, volunteerNo: true, 'phone.masked': true })
        .limit(QUERY_LIMIT),
    );
    for (const v of found) {
      out.set(v.userId, { userId: v.userId, name: v.name, volunteerNo: v.volunteerNo, phoneMasked: v.phone?.masked ?? '' });
    }
  }
  return out;
}

type Query = ReturnType<ReturnType<Database['collection']>['where']>;

/** The documents one query answers (at most 100 in a function). */
export async function rows<T>(query: Query): Promise<T[]> {
  return ((await query.get()) as unknown as { data: T[] }).data;
}

/** Every document of a query, 100 at a time in _id order (a function's get() returns at most 100), up to `cap`. */
export async function allRows<T>(query: Query, cap = 1000): Promise<T[]> {
  const out: T[] = [];
  while (out.length < cap) {
    const page = await rows<T>(query.orderBy('_id', 'asc').skip(out.length).limit(QUERY_LIMIT));
    out.push(...page);
    if (page.length < QUERY_LIMIT) break;
  }
  return out;
}
