// What the pages that make service records share (登记时长 and 录入时长): how a record's source is labelled on every
// screen (补录 is always called 补录) and the interval the date and time pickers give. Pure.
import { parseDate, shanghaiInstant, shanghaiWallClock } from '../domain/calendar';
import { RECORD_SOURCE_LABELS } from '../domain/messages';

// Hours as 我的时长 shows them (one decimal, floored), the one wording every record screen uses.
export { formatHours } from './service-hours';

// One wording of a record's source, kept with the domain's texts.
export const SOURCE_LABELS = RECORD_SOURCE_LABELS;

export const KIND_LABELS = ['志愿服务', '培训'] as const;

/** The pickers' date and times (Asia/Shanghai) as instants, the end on the same day; null when one is unusable. */
export function intervalOf(date: string, startTime: string, endTime: string): { startsAt: string; endsAt: string } | null {
  const day = parseDate(date);
  const at = (time: string) => {
    const m = /^(\d{2}):(\d{2})$/.exec(time);
    return day && m ? shanghaiInstant(shanghaiWallClock(day, Number(m[1]), Number(m[2]))).toISOString() : null;
  };
  const startsAt = at(startTime);
  const endsAt = at(endTime);
  return startsAt && endsAt ? { startsAt, endsAt } : null;
}
