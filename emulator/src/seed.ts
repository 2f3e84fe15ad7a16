// Demo data: on an empty data folder `npm start` seeds a small, believable world through the product's own
// actions (the same validation, encryption and outbox as real use): organizations in two regions — verified and
// pending — and volunteers of different ages, one a minor with a guardian. Every ID number has a valid check
// character but the order code 99x that marks it as fictional; every phone number is in the 1700000xxxx range.
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import { gb11643CheckChar } from '../../miniprogram/domain/checksum';
import { usccCheckChar } from '../../miniprogram/domain/uscc';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings';
import type { ProjectInput, ShiftInput } from '../../typings/project-actions';
import type { Database } from '../../cloudfunctions/_shared/db/db';
import type { FunctionRuntime } from './runtime/runtime';
import { seedServiceRecords, type RecordsSeedSummary } from './seed-records';

/** The demo world's platform admin: an admin only in a folder that holds the demo world and only while
 * PLATFORM_ADMIN_OPENIDS is unset (see cli.ts). */
export const DEMO_ADMIN_OPENID = 'demo-platform-admin';

const FUZHOU_GULOU = { code: '350102', names: ['福建省', '福州市', '鼓楼区'] };
const XIAMEN_SIMING = { code: '350203', names: ['福建省', '厦门市', '思明区'] };

/** A fictional but checksum-valid ID number: area, birth date, order code 99x (x odd for men). */
export function fictionalId(area: string, birth: string, male: boolean, n: number): string {
  const order = `99${(n * 2 + (male ? 1 : 0)) % 10}`;
  const first17 = `${area}${birth.replace(/-/g, '')}${order}`;
  return first17 + gb11643CheckChar(first17);
}

function fictionalUscc(prefix: string, region: string, body: string): string {
  const first17 = `${prefix}${region}${body}`;
  return first17 + usccCheckChar(first17);
}

/** Birth date of someone `age` years old today (Asia/Shanghai), a few months past their birthday. */
function bornYearsAgo(age: number, now: Date): string {
  return shanghaiClock(now).date(15).subtract(3, 'month').subtract(age, 'year').format('YYYY-MM-DD');
}

interface DemoPerson {
  openid: string;
  name: string;
  age: number;
  male: boolean;
  region: typeof FUZHOU_GULOU;
  intentions: string[];
  skills: string[];
  guardian?: { name: string; relation: 'father' | 'mother'; age: number; male: boolean };
}

const PEOPLE: DemoPerson[] = [
  { openid: 'demo-lin', name: '林晓梅', age: 34, male: false, region: FUZHOU_GULOU, intentions: ['community', 'special_groups'], skills: ['medical_care'] },
  { openid: 'demo-chen', name: '陈志强', age: 52, male: true, region: FUZHOU_GULOU, intentions: ['emergency', 'fire'], skills: ['first_aid', 'driving'] },
  { openid: 'demo-huang', name: '黄思琪', age: 21, male: false, region: FUZHOU_GULOU, intentions: ['education', 'culture'], skills: ['tutoring', 'translation'] },
  {
    openid: 'demo-zheng',
    name: '郑浩然',
    age: 16,
    male: true,
    region: FUZHOU_GULOU,
    intentions: ['environment'],
    skills: ['photography'],
    guardian: { name: '郑国平', relation: 'father', age: 45, male: true },
  },
  { openid: 'demo-wang', name: '王秀英', age: 67, male: false, region: XIAMEN_SIMING, intentions: ['community'], skills: ['coordination'] },
  { openid: 'demo-li', name: '李明轩', age: 28, male: true, region: XIAMEN_SIMING, intentions: ['emergency', 'major_events'], skills: ['it', 'first_aid'] },
];

/** The demo world's volunteers, for the mini-program's local identity switch (miniprogram/dev/identity). */
export const DEMO_VOLUNTEER_OPENIDS: readonly string[] = PEOPLE.map((p) => p.openid);

export interface SeedSummary {
  volunteers: number;
  organizations: { verified: number; pending: number };
  projects: number;
  /** With `database`: the demo service records (seed-records.ts). */
  records?: RecordsSeedSummary;
}

export interface SeedOptions {
  /** The platform admin who approves the verified demo organizations. */
  reviewer: string;
  now?: Date;
  /** Told after each action, so progress can be shown (and a test can interrupt seeding mid-way). */
  onStep?: (step: string) => void;
  /**
   * The database through the stock SDK: given, the demo service records are seeded too (past shifts and their
   * confirmed sessions, which no action can make, are written as the product writes them).
   */
  database?: Database;
}

export async function seedDemoWorld(runtime: FunctionRuntime, { reviewer, now = new Date(), onStep, database }: SeedOptions): Promise<SeedSummary> {
  const act = async <F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, payload: RequestOf<F, A>): Promise<ResponseOf<F, A>> => {
    const outcome = await runtime.invoke(fn, { action, ...(payload as object) }, { openid, source: 'wx_devtools' });
    if (!outcome.ok) throw new Error(`seed: ${fn}.${action} crashed: ${outcome.message}`);
    const envelope = JSON.parse(outcome.json) as { ok: boolean; data?: ResponseOf<F, A>; error?: { code: string; message: string } };
    if (!envelope.ok) throw new Error(`seed: ${fn}.${action} for ${openid} refused: ${envelope.error?.code} ${envelope.error?.message}`);
    onStep?.(`${fn}.${action} (${openid})`);
    return envelope.data as ResponseOf<F, A>;
  };

  for (const [i, p] of PEOPLE.entries()) {
    const birth = bornYearsAgo(p.age, now);
    await act(p.openid, 'volunteer', 'register', {
      name: p.name,
      credential: { type: 'CN_ID', number: fictionalId(p.region.code, birth, p.male, i) },
      phone: { source: 'typed', number: `1700000${String(1000 + i)}` },
      regionCode: p.region.code,
      regionNames: p.region.names,
      skills: p.skills,
      skillTags: [],
      intentions: p.intentions,
      availability: [{ weekday: 6, times: ['morning', 'afternoon'] }, { weekday: 7, times: ['morning'] }],
      consents: { privacyVersion: PRIVACY_TERMS_VERSION },
      ...(p.guardian
        ? {
            guardian: {
              name: p.guardian.name,
              relation: p.guardian.relation,
              credential: { type: 'CN_ID', number: fictionalId(p.region.code, bornYearsAgo(p.guardian.age, now), p.guardian.male, i + 7) },
              agreed: true,
            },
          }
        : {}),
    });
  }

  const orgs = [
    { by: 'demo-lin', name: '福州市鼓楼区温泉街道志愿服务队', kind: 'grassroots' as const, region: FUZHOU_GULOU, verify: true },
    { by: 'demo-chen', name: '福州市鼓楼区应急救援志愿者协会', kind: 'registered' as const, uscc: fictionalUscc('51', '350102', 'MJ0000001'), authority: '福州市鼓楼区民政局', region: FUZHOU_GULOU, verify: true },
    { by: 'demo-li', name: '厦门市思明区蓝天志愿服务中心', kind: 'registered' as const, uscc: fictionalUscc('52', '350203', 'MJ0000002'), authority: '厦门市思明区民政局', region: XIAMEN_SIMING, verify: true },
    { by: 'demo-huang', name: '鼓楼区青春环保公益社', kind: 'other' as const, region: FUZHOU_GULOU, verify: false },
    { by: 'demo-wang', name: '思明区银龄互助服务队', kind: 'grassroots' as const, region: XIAMEN_SIMING, verify: false },
  ];
  const ids: string[] = [];
  for (const o of orgs) {
    const { orgId } = await act(o.by, 'organization', 'register', {
      name: o.name,
      kind: o.kind,
      ...(o.uscc ? { uscc: o.uscc, authority: o.authority } : {}),
      regionCode: o.region.code,
      regionNames: o.region.names,
      address: `${o.region.names.join('')}示例路${ids.length + 1}号`,
      personInCharge: PEOPLE.find((p) => p.openid === o.by)?.name ?? '负责人',
      contact: { name: PEOPLE.find((p) => p.openid === o.by)?.name ?? '联系人', phone: `1700000${2000 + ids.length}` },
      introduction: '演示数据：本组织为虚构，用于本地体验。',
    });
    ids.push(orgId);
    if (o.verify) await act(reviewer, 'organization', 'review', { orgId, decision: 'approve' });
  }
  // A member, and a join request waiting for the team's admin.
  await act('demo-zheng', 'organization', 'requestJoin', { orgId: ids[0], message: '想参加周末的社区活动' });
  await act('demo-huang', 'organization', 'requestJoin', { orgId: ids[0] });
  const huang = await act('demo-huang', 'user', 'session', {});
  await act('demo-lin', 'organization', 'decideJoin', { orgId: ids[0], userId: huang.userId, decision: 'approve' });

  const projects = await seedProjects(act, { gulouTeam: ids[0]!, gulouRescue: ids[1]!, simingCentre: ids[2]! }, now);
  await fillProject(act, projects.full);
  const records = database ? await seedServiceRecords(act, database, ids[0]!, now) : undefined;

  return {
    volunteers: PEOPLE.length,
    organizations: { verified: orgs.filter((o) => o.verify).length, pending: orgs.filter((o) => !o.verify).length },
    projects: projects.count,
    ...(records ? { records } : {}),
  };
}

type Act = <F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, payload: RequestOf<F, A>) => Promise<ResponseOf<F, A>>;

/** 09:00 Shanghai (01:00 UTC) `days` from now, as ISO, and `hours` later. */
function shiftAt(now: Date, days: number, startHour: number, hours: number, places: number): ShiftInput {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, startHour - 8, 0));
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3_600_000).toISOString(), places };
}

/**
 * Projects around the demo organizations: 鼓楼 (福州) and 思明 (厦门), several categories and distances, shifts over
 * the coming weeks, a weekly series, one whose sign-ups the organization approves by hand, one full with a waitlist.
 */
async function seedProjects(act: Act, orgs: { gulouTeam: string; gulouRescue: string; simingCentre: string }, now: Date): Promise<{ count: number; full: string }> {
  const base = (over: Partial<ProjectInput> & Pick<ProjectInput, 'title' | 'category' | 'place' | 'shifts'>): ProjectInput => ({
    serviceObjects: ['public'],
    content: '演示数据：本项目为虚构，用于本地体验。',
    conditions: { skills: [], scope: 'open', minorsAllowed: false },
    risk: { disclosure: '无明显风险，请注意交通安全，按时签到签退。', risky: false },
    contact: { name: '林志强', phone: '17000002000' },
    approvalMode: 'automatic',
    ...over,
  });
  const gulou = (address: string, longitude: number, latitude: number) => ({ address, longitude, latitude, regionCode: '350102', checkinRadiusM: 300 });
  const siming = (address: string, longitude: number, latitude: number) => ({ address, longitude, latitude, regionCode: '350203', checkinRadiusM: 300 });
  const firstSaturday = shanghaiClock(now).add(((6 - shanghaiClock(now).day() + 7) % 7) || 7, 'day').format('YYYY-MM-DD');
  const plan: Array<{ by: string; orgId: string; form: ProjectInput; key?: 'full' }> = [
    {
      by: 'demo-lin',
      orgId: orgs.gulouTeam,
      form: base({
        title: '温泉街道独居老人周末陪伴',
        category: 'community',
        serviceObjects: ['elderly'],
        place: { ...gulou('福州市鼓楼区温泉街道温泉路 80 号社区服务站', 119.3076, 26.0869), name: '温泉街道社区服务站' },
        shifts: [],
        repeat: { weekdays: [6], startTime: '09:00', endTime: '11:30', firstDate: firstSaturday, weeks: 8, places: 12 },
      }),
    },
    {
      by: 'demo-lin',
      orgId: orgs.gulouTeam,
      form: base({
        title: '西湖公园垃圾分类宣传',
        category: 'environment',
        place: gulou('福州市鼓楼区西湖公园北门', 119.2925, 26.0945),
        shifts: [shiftAt(now, 3, 14, 3, 20)],
      }),
    },
    {
      by: 'demo-lin',
      orgId: orgs.gulouTeam,
      key: 'full',
      form: base({
        title: '社区义诊引导员',
        category: 'health',
        serviceObjects: ['elderly', 'patients'],
        place: gulou('福州市鼓楼区五四路 100 号社区卫生服务中心', 119.3012, 26.0827),
        shifts: [shiftAt(now, 5, 8, 4, 2)],
      }),
    },
    {
      by: 'demo-chen',
      orgId: orgs.gulouRescue,
      form: base({
        title: '应急救护培训助教',
        category: 'emergency',
        content: '协助讲师开展心肺复苏与 AED 使用培训，需持有效急救证书。报名由协会逐一审核。',
        conditions: { minAge: 18, maxAge: 60, skills: ['first_aid'], scope: 'real_name', minorsAllowed: false },
        risk: { disclosure: '培训中有体力操作，请量力而行；协会已为助教购买意外险。', risky: true },
        approvalMode: 'manual',
        place: gulou('福州市鼓楼区杨桥中路 58 号应急救援培训基地', 119.2868, 26.0853),
        shifts: [shiftAt(now, 7, 9, 6, 6), shiftAt(now, 14, 9, 6, 6)],
      }),
    },
    {
      by: 'demo-chen',
      orgId: orgs.gulouRescue,
      form: base({
        title: '马拉松赛道医疗志愿者',
        category: 'major_events',
        conditions: { minAge: 18, skills: ['first_aid'], scope: 'real_name', minorsAllowed: false },
        place: gulou('福州市鼓楼区五一广场', 119.3046, 26.0719),
        shifts: [shiftAt(now, 20, 6, 6, 40)],
      }),
    },
    {
      by: 'demo-li',
      orgId: orgs.simingCentre,
      form: base({
        title: '鼓浪屿游客文明引导',
        category: 'tourism',
        place: siming('厦门市思明区鼓浪屿龙头路码头', 118.0678, 24.4474),
        shifts: [shiftAt(now, 4, 9, 4, 15), shiftAt(now, 11, 9, 4, 15)],
      }),
    },
    {
      by: 'demo-li',
      orgId: orgs.simingCentre,
      form: base({
        title: '环岛路海滩清洁',
        category: 'environment',
        conditions: { minAge: 12, skills: [], scope: 'open', minorsAllowed: true, guardianConsentNote: '未满 18 岁需监护人陪同并签署同意书' },
        place: siming('厦门市思明区环岛路椰风寨沙滩', 118.1453, 24.4386),
        shifts: [shiftAt(now, 6, 8, 3, 30)],
      }),
    },
    {
      by: 'demo-li',
      orgId: orgs.simingCentre,
      form: base({
        title: '社区儿童课后作业辅导',
        category: 'education',
        serviceObjects: ['children'],
        conditions: { minAge: 18, skills: ['tutoring'], scope: 'open', minorsAllowed: false },
        place: siming('厦门市思明区中山路 120 号社区活动中心', 118.0832, 24.4581),
        shifts: [shiftAt(now, 2, 16, 2, 5), shiftAt(now, 9, 16, 2, 5), shiftAt(now, 16, 16, 2, 5)],
      }),
    },
  ];
  let full = '';
  for (const p of plan) {
    const { projectId } = await act(p.by, 'project', 'saveDraft', { orgId: p.orgId, project: p.form });
    await act(p.by, 'project', 'submit', { projectId });
    if (p.form.risk.risky) await act(p.by, 'project', 'recordInsurance', { projectId, insurer: '演示保险公司', policyNo: 'DEMO-0001' });
    if (p.key === 'full') full = projectId;
  }
  return { count: plan.length, full };
}

/** The full project: both places confirmed and two volunteers waitlisted, signed up through the signup function. */
async function fillProject(act: Act, projectId: string): Promise<void> {
  const shiftId = `${projectId}-0`;
  for (const openid of ['demo-chen', 'demo-huang', 'demo-wang', 'demo-li']) {
    await act(openid, 'signup', 'signup', { shiftId });
  }
}
