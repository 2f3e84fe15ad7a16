// Demo service records (issue 9), seeded after the demo projects. Through the records function's actions where they
// exist: a declaration, a 补录 request, an hour-code batch with one code redeemed, a bulk entry — all pending. What
// no action makes yet is written as the product writes it: past weekly shifts of the team's companionship project
// (publishing refuses past shifts) and the on-site sessions of their volunteers, confirmed, through writeRevisions
// as the attendance function writes a session's record, so the totals move with them. 林晓梅 ends one record from
// her first star: 98 h confirmed and a pending 2.5 h declaration (100 h, RULES §6). 黄思琪 has a correction open.
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings';
import { inTransaction, type Database } from '../../cloudfunctions/_shared/db/db';
import { revisionId, type ServiceRecordDoc } from '../../cloudfunctions/_shared/documents/service-record';
import type { ShiftDoc } from '../../cloudfunctions/_shared/documents/project';
import { writeRevisions } from '../../cloudfunctions/_shared/hours/ledger';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';

type Act = <F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, payload: RequestOf<F, A>) => Promise<ResponseOf<F, A>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The smallest JPEG the evidence check takes: its magic bytes and a little more. */
const DEMO_PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');
/** 14 past Saturdays of seven hours: 98 h for whoever came to all of them. */
const PAST_SATURDAYS = 14;

/** 09:00 Shanghai on the Saturday `weeksAgo` weeks before the last one before `now`. */
function pastSaturday(now: Date, weeksAgo: number): Date {
  const shanghai = new Date(now.getTime() + 8 * HOUR);
  const daysSinceSaturday = (shanghai.getUTCDay() + 1) % 7 || 7;
  const day = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() - daysSinceSaturday - 7 * weeksAgo);
  return new Date(day + (9 - 8) * HOUR);
}

export interface RecordsSeedSummary {
  pastShifts: number;
  confirmedSessions: number;
  pendingRecords: number;
  openCorrections: number;
}

export async function seedServiceRecords(act: Act, db: Database, orgId: string, now: Date): Promise<RecordsSeedSummary> {
  const lin = await act('demo-lin', 'user', 'session', {});
  const huang = await act('demo-huang', 'user', 'session', {});
  const { items } = await act('demo-lin', 'project', 'mine', { orgId });
  const companionship = items.find((p) => p.title === '温泉街道独居老人周末陪伴')!;
  const project = (await db.collection('projects').doc(companionship.projectId).get()) as unknown as { data: { _id: string; orgName: string; title: string; place: { address: string }; serviceObjects: string[]; content: string; contact: { name: string } } };
  const p = Array.isArray(project.data) ? project.data[0] : project.data;

  // Past shifts, then the sessions of those who came: 林晓梅 every week, 黄思琪 every other week.
  const attendees = async (openid: string) => {
    const s = await act(openid, 'user', 'session', {});
    const v = (await db.collection('volunteers').where({ userId: s.userId }).get()) as unknown as { data: Array<{ _id: string; name: string; volunteerNo: string }> };
    return v.data[0]!;
  };
  const linVolunteer = await attendees('demo-lin');
  const huangVolunteer = await attendees('demo-huang');
  let confirmedSessions = 0;
  for (let week = 0; week < PAST_SATURDAYS; week++) {
    const startsAt = pastSaturday(now, week);
    const endsAt = new Date(startsAt.getTime() + 7 * HOUR);
    const shiftId = `${p._id}-past-${week}`;
    const shift: Omit<ShiftDoc, '_id'> = {
      projectId: p._id,
      orgId,
      startsAt,
      endsAt,
      places: 12,
      cancelled: false,
      capacity: { shards: 0, full: false },
      createdAt: new Date(startsAt.getTime() - 7 * DAY),
      updatedAt: endsAt,
    };
    await db.collection('shifts').doc(shiftId).set({ data: shift });
    const people = week % 2 === 0 ? [linVolunteer, huangVolunteer] : [linVolunteer];
    const records: ServiceRecordDoc[] = people.map((v) => {
      const recordId = `ro_demo_${week}_${v._id}`;
      return {
        _id: revisionId(recordId, 1),
        recordId,
        revision: 1,
        current: true,
        volunteerId: v._id,
        volunteerNo: v.volunteerNo,
        volunteerName: v.name,
        orgId,
        orgName: p.orgName,
        projectId: p._id,
        shiftId,
        kind: 'service',
        source: 'onsite',
        status: 'confirmed',
        activity: { name: p.title, date: formatDate(shanghaiDate(startsAt)), place: p.place.address, serviceObjects: p.serviceObjects, content: p.content, leader: p.contact.name },
        startsAt,
        endsAt,
        minutes: 7 * 60,
        computation: { servedMinutes: 7 * 60, clampedToWindow: false },
        evidenceFileIds: [],
        recordedBy: lin.userId,
        recordedAt: endsAt,
        origin: { sessionId: `demo-session-${week}-${v._id}` },
        confirmation: { orgId, by: lin.userId, at: new Date(endsAt.getTime() + DAY) },
        createdAt: endsAt,
        updatedAt: endsAt,
      };
    });
    await inTransaction(db, (t) => writeRevisions(t, records.map((next) => ({ previous: null, next })), endsAt));
    confirmedSessions += records.length;
  }

  // Pending: 林晓梅's 2.5 h declaration (her 100th hour waits for it), a 补录 request, an hour code redeemed, a bulk entry.
  const yesterday = (hour: number, minute = 0) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1, hour - 8, minute)).toISOString();
  await act('demo-lin', 'records', 'declare', {
    orgId,
    projectId: p._id,
    kind: 'service',
    startsAt: yesterday(17),
    endsAt: yesterday(19, 30),
    activity: { name: '温泉街道独居老人上门探访', content: '为三户独居老人送餐、检查燃气' },
  });
  await act('demo-huang', 'records', 'makeup', {
    orgId,
    kind: 'service',
    startsAt: pastSaturday(now, 1).toISOString(),
    endsAt: new Date(pastSaturday(now, 1).getTime() + 3 * HOUR).toISOString(),
    activity: { name: p.title },
    reason: '当天手机没电，未能签到签退',
    photo: { contentType: 'image/jpeg', base64: DEMO_PHOTO },
  });
  const codes = await act('demo-lin', 'records', 'createHourCodes', {
    projectId: p._id,
    count: 10,
    startsAt: yesterday(19, 45),
    minutes: 90,
    kind: 'service',
    expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    activity: { name: '社区服务站秋季大扫除' },
  });
  await act('demo-huang', 'records', 'redeemHourCode', { code: codes.codes[0]!.code });
  await act('demo-lin', 'records', 'bulkEntry', {
    orgId,
    kind: 'training',
    userIds: [lin.userId, huang.userId],
    startsAt: new Date(pastSaturday(now, 2).getTime() - DAY).toISOString(),
    endsAt: new Date(pastSaturday(now, 2).getTime() - DAY + 2 * HOUR).toISOString(),
    activity: { name: '新志愿者岗前培训', place: '温泉街道社区服务站', content: '志愿服务礼仪与安全须知', leader: '林晓梅' },
  });
  // A correction in progress: 黄思琪 says last Saturday's on-site record is an hour short (she stayed to tidy up).
  await act('demo-huang', 'hours', 'reportCorrection', {
    kind: 'error',
    recordId: `ro_demo_0_${huangVolunteer._id}`,
    description: '活动结束后留下帮忙整理物资，实际 17:00 才离开，签退时忘了扫码',
    proposedMinutes: 8 * 60,
  });
  return { pastShifts: PAST_SATURDAYS, confirmedSessions, pendingRecords: 5, openCorrections: 1 };
}
