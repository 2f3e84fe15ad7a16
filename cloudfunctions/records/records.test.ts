// Declarations and make-ups through the built function and the stock SDK: each makes one pending record with the
// activity filled in, counting for nothing; every refusal stores nothing; a retried request makes one record; two
// records of one volunteer at the same time cannot both be made; evidence lands in private storage.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { hourTotalsIds, type ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { docs, functionEnv } from '../organization/test-support';
import { hoursAgo, members, organizationWithProject, photo, volunteerMaker, type World } from './test-support';

let emu: Emulator;
let world: World;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  world = await organizationWithProject(emu, 'records');
});
afterAll(async () => emu.stop());

const volunteer = () => volunteerMaker(emu, 'records-v')('李小明');
const recordsOf = (volunteerId: string) => docs<ServiceRecordDoc>(emu, 'serviceRecords', { volunteerId });
const hoursOf = async (volunteerId: string) => (await docs<VolunteerDoc>(emu, 'volunteers', { _id: volunteerId }))[0]!.hours;

function declaration(over: Record<string, unknown> = {}) {
  return {
    orgId: world.orgId,
    projectId: world.project._id,
    kind: 'service' as const,
    startsAt: hoursAgo(5),
    endsAt: hoursAgo(2.5),
    activity: {},
    ...over,
  };
}

describe('declare', () => {
  test('a pending record of the project activity, with the photo in private storage; totals untouched', async () => {
    const v = await volunteer();
    const res = await v.as.call('records', 'declare', declaration({ photo: photo(), activity: { leader: '赵六' } }));
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({ source: 'declaration', status: 'pending', kind: 'service', orgName: world.orgName, activityName: '西湖公园环保行动', minutes: 150, hasEvidence: true }),
    });
    const [record] = await recordsOf(v.volunteerId);
    expect(record).toMatchObject({
      revision: 1,
      current: true,
      status: 'pending',
      source: 'declaration',
      orgId: world.orgId,
      projectId: world.project._id,
      volunteerNo: v.volunteerNo,
      volunteerName: '李小明',
      activity: { name: '西湖公园环保行动', place: '福州市鼓楼区五四路100号', serviceObjects: ['elderly'], content: '捡拾垃圾、劝导游客文明游园', leader: '赵六' },
      minutes: 150,
      recordedBy: v.userId,
    });
    expect(record!.evidenceFileIds).toHaveLength(1);
    expect(record!.evidenceFileIds[0]).toContain(`/records/${record!.recordId}/`);
    // Private: the file is not served without a signed link.
    const path = record!.evidenceFileIds[0]!.replace(/^cloud:\/\/[^/]+\//, '');
    expect((await fetch(`${emu.baseUrl}/storage/${path}`)).status).toBe(403);
    expect((await hoursOf(v.volunteerId)) ?? { serviceMinutes: 0 }).toMatchObject({ serviceMinutes: 0 });
  });

  test('training is kept apart; without a project the maker\'s words are the activity', async () => {
    const v = await volunteer();
    const res = await v.as.call('records', 'declare', declaration({ projectId: undefined, kind: 'training', activity: { name: '急救培训', place: '鼓楼区红十字会', content: '心肺复苏' } }));
    expect(res.ok).toBe(true);
    const [record] = await recordsOf(v.volunteerId);
    expect(record).toMatchObject({ kind: 'training', activity: { name: '急救培训', place: '鼓楼区红十字会', content: '心肺复苏', leader: '', serviceObjects: [] } });
    expect(record!.projectId).toBeUndefined();
  });

  test.each([
    ['end before start', { startsAt: hoursAgo(2), endsAt: hoursAgo(3) }, 'RECORD_TIME_INVALID', '结束时间要晚于开始时间'],
    ['not ended yet', { startsAt: hoursAgo(1), endsAt: new Date(Date.now() + 3_600_000 - (Date.now() % 60_000)).toISOString() }, 'RECORD_TIME_INVALID', '服务还没有结束，结束后再登记'],
    ['over a year ago', { startsAt: hoursAgo(24 * 366), endsAt: hoursAgo(24 * 366 - 2) }, 'RECORD_TIME_INVALID', '只能登记 365 天内的服务'],
    ['longer than a day', { startsAt: hoursAgo(30), endsAt: hoursAgo(2) }, 'RECORD_TIME_INVALID', '一条记录最长 24 小时；跨天的服务请按天分别登记'],
    ['an unknown organization', { orgId: 'org_nobody', projectId: undefined }, 'NOT_FOUND', '没有找到这个组织'],
    ['a project of another organization', { projectId: 'proj_elsewhere' }, 'PROJECT_NOT_FOUND', undefined],
    ['a photo that is not an image', { photo: { contentType: 'image/jpeg', base64: Buffer.from('not a picture at all').toString('base64') } }, 'EVIDENCE_INVALID', '证据照片应为 JPG 或 PNG 图片，请重新选择'],
  ])('%s: refused with the reason, nothing stored', async (_name, over, code, message) => {
    const v = await volunteer();
    const res = await v.as.call('records', 'declare', declaration(over));
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code, ...(message ? { message } : {}) }) });
    expect(await recordsOf(v.volunteerId)).toEqual([]);
  });

  test('someone not registered is told to register', async () => {
    const res = await caller(emu, 'openid-records-nobody').call('records', 'declare', declaration());
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_REGISTERED' }) });
  });

  test('an overlapping record of mine is refused with what it overlaps; one just after is fine', async () => {
    const v = await volunteer();
    expect((await v.as.call('records', 'declare', declaration({ startsAt: hoursAgo(6), endsAt: hoursAgo(4) }))).ok).toBe(true);
    const clash = await v.as.call('records', 'declare', declaration({ startsAt: hoursAgo(5), endsAt: hoursAgo(3) }));
    expect(clash).toEqual({ ok: false, error: expect.objectContaining({ code: 'RECORD_OVERLAP', message: expect.stringContaining('「西湖公园环保行动」') }) });
    expect((await v.as.call('records', 'declare', declaration({ startsAt: hoursAgo(4), endsAt: hoursAgo(3) }))).ok).toBe(true);
    expect(await recordsOf(v.volunteerId)).toHaveLength(2);
  });

  test('two overlapping declarations sent at once: exactly one is made', async () => {
    const v = await volunteer();
    const answers = await Promise.all([
      v.as.call('records', 'declare', declaration({ startsAt: hoursAgo(8), endsAt: hoursAgo(6) })),
      v.as.call('records', 'declare', declaration({ startsAt: hoursAgo(7), endsAt: hoursAgo(5) })),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['RECORD_OVERLAP']);
    expect(await recordsOf(v.volunteerId)).toHaveLength(1);
  });

  test('the same request sent three times (a retry) makes one record and one answer', async () => {
    const v = await volunteer();
    const body = { action: 'declare', ...declaration({ photo: photo() }), [REQUEST_ID_FIELD]: 'declare-retry-0001' };
    const answers = await Promise.all([v.as.raw('records', body), v.as.raw('records', body)]);
    const again = await v.as.raw('records', body);
    // The one still running answers BUSY at worst (the client retries it with the same id); none makes a second record.
    const [first] = answers.map((a) => a.body).filter((b) => b.ok);
    expect(first).toEqual({ ok: true, data: expect.objectContaining({ source: 'declaration' }) });
    for (const a of answers) expect([first, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'BUSY' }) })]).toContainEqual(a.body);
    expect(again.body).toEqual(first);
    expect(await recordsOf(v.volunteerId)).toHaveLength(1);
  });
});

describe('makeup (补录)', () => {
  const makeup = (over: Record<string, unknown> = {}) => ({ ...declaration(), reason: '当天签到系统故障，未能签到', photo: photo(), ...over });

  test('an admin records a make-up for a member: pending, labelled by its source, with the reason and evidence', async () => {
    const [member] = await members(emu, world, 1, 'records-m');
    const res = await world.admin.as.call('records', 'makeup', makeup({ userId: member!.userId }));
    expect(res).toEqual({ ok: true, data: expect.objectContaining({ source: 'makeup', status: 'pending', hasEvidence: true }) });
    const [record] = await recordsOf(member!.volunteerId);
    expect(record).toMatchObject({ source: 'makeup', status: 'pending', makeupReason: '当天签到系统故障，未能签到', recordedBy: world.admin.userId, volunteerName: '志愿者1' });
    expect(record!.evidenceFileIds).toHaveLength(1);
  });

  test('a volunteer asks for their own make-up', async () => {
    const v = await volunteer();
    expect(await v.as.call('records', 'makeup', makeup())).toEqual({ ok: true, data: expect.objectContaining({ source: 'makeup', status: 'pending' }) });
    expect(await recordsOf(v.volunteerId)).toEqual([expect.objectContaining({ source: 'makeup', recordedBy: v.userId })]);
  });

  test('evidence is required; only an admin names someone else; only a member can be named', async () => {
    const v = await volunteer();
    const { photo: _dropped, ...withoutPhoto } = makeup();
    void _dropped;
    const noPhoto = await v.as.call('records', 'makeup', withoutPhoto as never);
    expect(noPhoto).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST', field: 'photo', message: '证据照片填写不正确' }) });
    const other = await volunteer();
    expect(await v.as.call('records', 'makeup', makeup({ userId: other.userId }))).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(await world.admin.as.call('records', 'makeup', makeup({ userId: other.userId }))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'NOT_MEMBER', message: '只能为本组织的成员补录' }),
    });
    expect(await recordsOf(v.volunteerId)).toEqual([]);
    expect(await recordsOf(other.volunteerId)).toEqual([]);
  });
});

test('records made here never move anyone\'s totals: the hours stay unconfirmed', async () => {
  const db = serverSdk(emu).database();
  const { data } = (await db.collection('hourTotals').where({ _id: db.command.in(hourTotalsIds('org', world.orgId)) }).get()) as unknown as { data: unknown[] };
  expect(data).toEqual([]);
});
