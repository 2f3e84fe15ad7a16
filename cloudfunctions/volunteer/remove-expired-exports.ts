// Timer trigger `removeExpiredExports` (config.json `triggers`): an export file holds plaintext ID and phone numbers,
// so it is deleted from storage once its download link has expired (RULES §8; PIPL Art. 51). Not a client action:
// the frame routes only the platform's timer events here (TCB_SOURCE wx_trigger).
import { deleteFiles } from '../_shared/db/personal-data';
import type { TriggerHandler } from '../_shared/frame/action';
import { expiredExports } from './store';

/** Pages of 100 per firing: at every 10 minutes this keeps up with far more exports than people make. */
const MAX_PAGES_PER_FIRING = 20;

export const removeExpiredExports: TriggerHandler = async (_event, ctx) => {
  let removed = 0;
  for (let pageNo = 0; pageNo < MAX_PAGES_PER_FIRING; pageNo++) {
    const expired = await expiredExports(ctx.db, ctx.now);
    if (expired.length === 0) break;
    await deleteFiles(ctx.cloud, expired.map((e) => e.fileID));
    await ctx.db
      .collection('exports')
      .where({ _id: ctx.db.command.in(expired.map((e) => e._id)) })
      .remove();
    removed += expired.length;
  }
  return { removed };
};
