// Cloud function `records`: every way a service record is made besides on-site check-in and check-out — bulk entry
// by an organization, a volunteer's declaration, hour codes (时长码) and make-up (补录); all pending until the
// organizing organization confirms them (the `hours` function). Contracts: typings/records.ts.
import { defineFunction } from '../_shared/frame/action';
import { bulkEntry, bulkProgress, continueBulkEntry } from './bulk';
import { declare } from './declare';
import { createHourCodes, hourCodeBatches, hourCodes } from './hour-codes';
import { makeup } from './makeup';
import { redeemHourCode } from './redeem-hour-code';

export const { main, actions } = defineFunction<'records'>({
  bulkEntry,
  continueBulkEntry,
  bulkProgress,
  declare,
  makeup,
  createHourCodes,
  hourCodeBatches,
  hourCodes,
  redeemHourCode,
});
