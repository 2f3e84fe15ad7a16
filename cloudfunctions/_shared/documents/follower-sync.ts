// Collection `followerSync`: one document (`_id` the official account's appid), the cursor of the nightly walk of the
// account's follower list (cloudfunctions/follower/README.md, "Reconciliation"). A walk spans as many timer runs as
// it needs; each run takes the lease, does what its budget allows and saves where it stopped.
export interface FollowerSyncDoc {
  _id: string;
  /** The walk under way or last finished; followers seen by it carry it in seenInSync. */
  runId: string;
  state: 'walking' | 'finished';
  startedAt: Date;
  /** startedAt in WeChat's CreateTime unit (seconds): events at or after it are newer than the walk. */
  walkStartSeconds: number;
  /** user/get's next_openid for the next page ('' before the first). */
  nextOpenid: string;
  /** user/get has answered its last page: once the queue is empty, the sweep runs. */
  listDone: boolean;
  /** Openids of the page being walked whose details are not yet applied (batchget takes 100 at a time). */
  queue: string[];
  pages: number;
  /** Followers in WeChat's list that were confirmed as subscribed. */
  seen: number;
  /** Followers WeChat lists that the collection did not hold. */
  added: number;
  /** Followers whose subscription or unionid the walk corrected. */
  corrected: number;
  /** Set by the sweep: followers held as subscribed that the walk did not see. */
  markedUnsubscribed?: number;
  finishedAt?: Date;
  /** One run at a time: the run holding the cursor and until when (a run that died lets go when it passes). */
  leaseBy: string;
  leaseUntil: Date;
  /** Why the last run stopped early (a WeChat failure), for operators; cleared by the next step that succeeds. */
  lastFailure?: { at: Date; api: string; errcode?: number; detail: string };
  updatedAt: Date;
}
