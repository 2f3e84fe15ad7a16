// Every mutating action, through the built functions and the stock SDK: the same request sent three times — one after
// another, and three at once — makes one change and gets one answer. Table-driven over the action table
// (miniprogram/domain/actions.ts, held to typings/ by the compiler): `Scenarios` needs an entry for every action whose
// contract says `mutates: true`, so a new mutating action does not compile until it is covered here.
import { MUTATES, REQUEST_ID_FIELD } from '../../../miniprogram/domain/actions';
import type { Emulator } from '../../../emulator/src/server';
import { caller, startTestEmulator } from '../../../emulator/test/support';
import type { ActionName, FunctionName, MutatingAction, RequestOf } from '../../../typings';
import {
  addMember,
  freshUscc,
  functionEnv,
  organizationRequest,
  PLATFORM_ADMIN,
  registerOrganization,
  registerVolunteer,
  TINY_JPEG,
  verifiedOrganization,
  type Volunteer,
} from '../../organization/test-support';
import { allDocs, COLLECTIONS, idNumber, registration } from '../../volunteer/test-support';
import { claimRequest, pendingClaim, photo, registeredRecord } from '../../volunteer/claim-test-support';
import { projectDoc, publish, shiftDoc } from '../../signup/test-support';
import { serverSdk } from '../../../emulator/test/support';
import { draft, publisher, signUp as placeSignup, type Publisher } from '../../project/fixtures';
import { formStartingIn, shiftOf } from '../../project/test-support';
import type { ProjectInput } from '../../../typings/project-actions';
import { addRecords, recordOf } from '../../hours/test-support';
import type { RecordBatchDoc } from '../documents/record-making';
import { hoursAgo, members, organizationWithProject, photo as recordPhoto } from '../../records/test-support';
import { onSiteShift, tokenAt } from '../../attendance/test-support';
import { cardKeyFrom, issueCardCode } from '../security/card-code';
import { confirmedRecords, issuingWorld } from '../../certificate/test-support';
import { keyRingFromEnv } from '../security/crypto';
import { issuerWorld, pngOf as sealPng, reviewingRequest } from '../../certificate/org-test-support';
import { issuedCertificate, publishFonts } from '../../certificate/pdf-test-support';
import { okData as helpOk, responder as helpResponder, spot as helpSpot, submissionAt as helpSubmission } from '../../help/test-support';

let fontsPublished: Promise<void> | undefined;

let emu: Emulator;
beforeAll(async () => {
  // Projects wait for review here, so `project.review` has something to decide (recruiting() approves the rest).
  emu = await startTestEmulator({ functionEnv: { ...functionEnv, ZY_PROJECT_REVIEW: 'all' } });
});
afterAll(async () => emu.stop());

interface Arranged<F extends FunctionName, A extends ActionName<F>> {
  as: string;
  payload: RequestOf<F, A>;
}
/** Arrange the world for one run (`n` makes people and numbers unique) and say who sends what. */
type Scenario<F extends FunctionName, A extends ActionName<F>> = (n: number) => Promise<Arranged<F, A>>;
type AnyScenario = (n: number) => Promise<{ as: string; payload: object }>;
type Scenarios = { [F in FunctionName]: { [A in MutatingAction<F>]: Scenario<F, A> } };

let people = 0;
const volunteer = (): Promise<Volunteer> => registerVolunteer(emu, `openid-idem-${++people}`);
const openid = () => `openid-idem-new-${++people}`;

/** A recruiting project of a verified organization with one shift of `places`. */
async function openShift(approvalMode: 'automatic' | 'manual' = 'automatic', places = 5) {
  const admin = await volunteer();
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId, { approvalMode });
  const shift = shiftDoc(project, { places });
  await publish(emu, project, [shift]);
  return { admin, project, shift };
}

async function signUp(v: Volunteer, shiftId: string): Promise<void> {
  const res = await v.as.call('signup', 'signup', { shiftId });
  if (!res.ok) throw new Error(`signup: ${res.error.code}`);
}

/** A project through draft, submission and the platform's approval. */
async function recruiting(p: Publisher, form: ProjectInput = formStartingIn(new Date(), 3)): Promise<string> {
  const projectId = await draft(p, form);
  const submitted = await p.admin.as.call('project', 'submit', { projectId });
  if (!submitted.ok) throw new Error(`submit: ${submitted.error.code}`);
  const reviewed = await caller(emu, PLATFORM_ADMIN).call('project', 'review', { projectId, decision: 'approve' });
  if (!reviewed.ok) throw new Error(`review: ${reviewed.error.code}`);
  return projectId;
}

/** A recruiting project whose first shift has a confirmed volunteer, who hears of every change. */
async function withVolunteer(form?: ProjectInput): Promise<{ p: Publisher; projectId: string }> {
  const p = await publisher(emu);
  const projectId = await recruiting(p, form);
  await placeSignup(emu, shiftOf(projectId, 0), await volunteer());
  return { p, projectId };
}

/** A pending record of a verified organization's volunteer. */
async function pendingRecord() {
  const admin = await volunteer();
  const orgId = await verifiedOrganization(emu, admin);
  const v = await volunteer();
  const [recordId] = await addRecords(emu, [recordOf(v, orgId)]);
  return { admin, orgId, v, recordId: recordId! };
}

const SCENARIOS: Scenarios = {
  user: {
    session: async () => ({ as: openid(), payload: {} }),
  },
  volunteer: {
    verifyPhone: async () => {
      const as = openid();
      emu.wechat.issuePhoneCode(`code-${as}`, '13800001234');
      return { as, payload: { code: `code-${as}` } };
    },
    register: async (n) => ({ as: openid(), payload: registration({ credential: { type: 'CN_ID', number: idNumber(1980, 100 + n) } }) }),
    updateProfile: async () => ({ as: (await volunteer()).openid, payload: { skillTags: ['摄影'] } }),
    changeIdentity: async (n) => ({
      as: (await volunteer()).openid,
      payload: { name: '李四', credential: { type: 'CN_ID', number: idNumber(1981, 100 + n) } },
    }),
    exportMine: async () => ({ as: (await volunteer()).openid, payload: {} }),
    giveConsent: async () => ({ as: (await volunteer()).openid, payload: { kind: 'extraFields', version: registration().consents.privacyVersion } }),
    withdrawConsent: async (n) => {
      const as = openid();
      const res = await caller(emu, as).call(
        'volunteer',
        'register',
        registration({
          credential: { type: 'CN_ID', number: idNumber(1982, 100 + n) },
          consents: { privacyVersion: registration().consents.privacyVersion, extraFields: true },
          extra: { introduction: '喜欢户外' },
        }),
      );
      if (!res.ok) throw new Error(`register: ${res.error.code}`);
      return { as, payload: { kind: 'extraFields' } };
    },
    deleteAccount: async () => ({ as: (await volunteer()).openid, payload: { confirm: '注销' } }),
    fileClaim: async () => ({ as: openid(), payload: claimRequest(await registeredRecord(emu, openid())) }),
    addClaimEvidence: async () => {
      const as = openid();
      const filed = await caller(emu, as).call('volunteer', 'fileClaim', claimRequest(await registeredRecord(emu, openid())));
      if (!filed.ok) throw new Error(`fileClaim: ${filed.error.code}`);
      return { as, payload: { claimId: filed.data.claim.claimId, photo: photo() } };
    },
    decideClaim: async () => ({
      as: PLATFORM_ADMIN,
      payload: { claimId: await pendingClaim(caller(emu, openid()), await registeredRecord(emu, openid())), decision: 'approve', reason: '证据与档案一致' },
    }),
  },
  organization: {
    // Without a USCC nothing in the data says two submissions are one organization: only the request id does.
    register: async (n) => ({
      as: (await volunteer()).openid,
      payload: {
        name: `鼓楼区邻里互助队${n}`,
        kind: 'grassroots',
        regionCode: '350102',
        regionNames: ['福建省', '福州市', '鼓楼区'],
        address: '福州市鼓楼区五四路100号',
        personInCharge: '李四',
        contact: { name: '王五', phone: '13900001111' },
      },
    }),
    review: async () => ({ as: PLATFORM_ADMIN, payload: { orgId: await registerOrganization(await volunteer()), decision: 'approve' } }),
    createInvite: async () => {
      const admin = await volunteer();
      return { as: admin.openid, payload: { orgId: await verifiedOrganization(emu, admin) } };
    },
    acceptInvite: async () => {
      const admin = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      const invite = await admin.as.call('organization', 'createInvite', { orgId });
      if (!invite.ok) throw new Error(`createInvite: ${invite.error.code}`);
      return { as: (await volunteer()).openid, payload: { code: invite.data.code } };
    },
    requestJoin: async () => ({ as: (await volunteer()).openid, payload: { orgId: await verifiedOrganization(emu, await volunteer()), message: '想参加' } }),
    decideJoin: async () => {
      const admin = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      const applicant = await volunteer();
      const asked = await applicant.as.call('organization', 'requestJoin', { orgId });
      if (!asked.ok) throw new Error(`requestJoin: ${asked.error.code}`);
      return { as: admin.openid, payload: { orgId, userId: applicant.userId, decision: 'approve' } };
    },
    resubmit: async () => {
      const admin = await volunteer();
      const request = organizationRequest();
      const orgId = await registerOrganization(admin, request);
      const rejected = await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'reject', reason: '地址不详' });
      if (!rejected.ok) throw new Error(`review: ${rejected.error.code}`);
      return { as: admin.openid, payload: { ...request, orgId, address: '福州市鼓楼区五四路100号3楼' } };
    },
    claimUscc: async () => {
      const uscc = freshUscc();
      await registerOrganization(await volunteer(), { uscc });
      return { as: (await volunteer()).openid, payload: { application: organizationRequest({ uscc }), evidence: [TINY_JPEG] } };
    },
    decideClaim: async () => {
      const uscc = freshUscc();
      await registerOrganization(await volunteer(), { uscc });
      const claimant = await volunteer();
      const claim = await claimant.as.call('organization', 'claimUscc', { application: organizationRequest({ uscc }), evidence: [TINY_JPEG] });
      if (!claim.ok) throw new Error(`claimUscc: ${claim.error.code}`);
      return { as: PLATFORM_ADMIN, payload: { claimId: claim.data.claimId, decision: 'approve' } };
    },
    leave: async () => {
      const admin = await volunteer();
      const member = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      await addMember(admin, member, orgId);
      return { as: member.openid, payload: { orgId } };
    },
    handOver: async () => {
      const admin = await volunteer();
      const member = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      await addMember(admin, member, orgId);
      return { as: admin.openid, payload: { orgId, userId: member.userId } };
    },
    acceptHandOver: async () => {
      const admin = await volunteer();
      const member = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      await addMember(admin, member, orgId);
      const offered = await admin.as.call('organization', 'handOver', { orgId, userId: member.userId });
      if (!offered.ok) throw new Error(`handOver: ${offered.error.code}`);
      return { as: member.openid, payload: { orgId } };
    },
    dissolve: async () => {
      const admin = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      await addMember(admin, await volunteer(), orgId);
      return { as: admin.openid, payload: { orgId } };
    },
    // A dissolved organization and a verified one to succeed it.
    designateSuccessor: async () => {
      const admin = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      const dissolved = await admin.as.call('organization', 'dissolve', { orgId });
      if (!dissolved.ok) throw new Error(`dissolve: ${dissolved.error.code}`);
      const successorId = await verifiedOrganization(emu, await volunteer());
      return { as: PLATFORM_ADMIN, payload: { orgId, successorId } };
    },
  },
  signup: {
    signup: async () => ({ as: (await volunteer()).openid, payload: { shiftId: (await openShift()).shift._id } }),
    acceptOffer: async () => {
      const { shift, admin } = await openShift('automatic', 1);
      const first = await volunteer();
      const second = await volunteer();
      await signUp(first, shift._id);
      await signUp(second, shift._id);
      const mine = await first.as.call('signup', 'mine', { when: 'upcoming' });
      if (!mine.ok) throw new Error('mine');
      await first.as.call('signup', 'withdraw', { signupId: mine.data.items[0]!.signupId });
      void admin;
      return { as: second.openid, payload: { signupId: `${shift._id}_${second.userId}` } };
    },
    withdraw: async () => {
      const { shift } = await openShift();
      const v = await volunteer();
      await signUp(v, shift._id);
      return { as: v.openid, payload: { signupId: `${shift._id}_${v.userId}` } };
    },
    decide: async () => {
      const { shift, admin } = await openShift('manual');
      const v = await volunteer();
      await signUp(v, shift._id);
      return { as: admin.openid, payload: { signupIds: [`${shift._id}_${v.userId}`], decision: 'approve' } };
    },
    remove: async () => {
      const { shift, admin } = await openShift();
      const v = await volunteer();
      await signUp(v, shift._id);
      return { as: admin.openid, payload: { signupId: `${shift._id}_${v.userId}`, reason: '名额调整' } };
    },
    markNoShow: async () => {
      const { shift, admin } = await openShift();
      const v = await volunteer();
      await signUp(v, shift._id);
      // The shift has started by the time the admin marks it (moved in the data: the test does not wait).
      await serverSdk(emu).database().collection('shifts').doc(shift._id).update({ data: { startsAt: new Date(Date.now() - 60_000) } });
      await serverSdk(emu).database().collection('signups').doc(`${shift._id}_${v.userId}`).update({ data: { startsAt: new Date(Date.now() - 60_000) } });
      return { as: admin.openid, payload: { signupId: `${shift._id}_${v.userId}` } };
    },
    exportRoster: async () => {
      const { shift, admin } = await openShift();
      await signUp(await volunteer(), shift._id);
      return { as: admin.openid, payload: { shiftId: shift._id } };
    },
    // After the 24-hour reminder: the volunteer will come, or gives the place up (the withdrawal's path).
    confirmPlace: async () => {
      const { shift } = await openShift();
      const v = await volunteer();
      await signUp(v, shift._id);
      return { as: v.openid, payload: { signupId: `${shift._id}_${v.userId}` } };
    },
    releasePlace: async () => {
      const { shift } = await openShift();
      const v = await volunteer();
      await signUp(v, shift._id);
      return { as: v.openid, payload: { signupId: `${shift._id}_${v.userId}` } };
    },
  },
  project: {
    saveDraft: async () => {
      const p = await publisher(emu);
      return { as: p.admin.openid, payload: { orgId: p.orgId, project: formStartingIn(new Date(), 3) } };
    },
    submit: async () => {
      const p = await publisher(emu);
      return { as: p.admin.openid, payload: { projectId: await draft(p, formStartingIn(new Date(), 3)) } };
    },
    review: async () => {
      const p = await publisher(emu);
      const projectId = await draft(p, formStartingIn(new Date(), 3));
      const submitted = await p.admin.as.call('project', 'submit', { projectId });
      if (!submitted.ok) throw new Error(`submit: ${submitted.error.code}`);
      return { as: PLATFORM_ADMIN, payload: { projectId, decision: 'reject', reason: '请补充风险告知' } };
    },
    updateShift: async () => {
      const { p, projectId } = await withVolunteer();
      const startsAt = new Date(Date.now() + 5 * 86_400_000);
      startsAt.setUTCHours(2, 0, 0, 0);
      return { as: p.admin.openid, payload: { projectId, shiftId: shiftOf(projectId, 0), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() } };
    },
    updateSeries: async () => {
      const firstDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const { p, projectId } = await withVolunteer({ ...formStartingIn(new Date(), 3), shifts: [], repeat: { weekdays: [1, 3, 5], startTime: '09:00', endTime: '10:00', firstDate, weeks: 2, places: 4 } });
      return { as: p.admin.openid, payload: { projectId, seriesId: `${projectId}-r`, startTime: '15:00', endTime: '17:00' } };
    },
    updatePlace: async () => {
      const { p, projectId } = await withVolunteer();
      return { as: p.admin.openid, payload: { projectId, place: { address: '福州市鼓楼区西湖公园', longitude: 119.29, latitude: 26.09, regionCode: '350102', checkinRadiusM: 200 } } };
    },
    changePlaces: async () => {
      const { p, projectId } = await withVolunteer();
      return { as: p.admin.openid, payload: { projectId, shiftId: shiftOf(projectId, 0), places: 25 } };
    },
    cancel: async () => {
      const { p, projectId } = await withVolunteer();
      return { as: p.admin.openid, payload: { projectId, reason: '台风停课' } };
    },
    recordInsurance: async () => {
      const p = await publisher(emu);
      const projectId = await recruiting(p, formStartingIn(new Date(), 3, { risk: { disclosure: '登山，注意防滑', risky: true } }));
      return { as: p.admin.openid, payload: { projectId, insurer: '中国人保', policyNo: 'PICC-0001' } };
    },
    uploadCover: async () => {
      const p = await publisher(emu);
      return { as: p.admin.openid, payload: { orgId: p.orgId, photo: photo() } };
    },
    poster: async () => {
      const p = await publisher(emu);
      return { as: p.admin.openid, payload: { projectId: await recruiting(p) } };
    },
    attributeGroup: async (n) => {
      const p = await publisher(emu);
      return { as: openid(), payload: { projectId: await recruiting(p), cloudID: emu.wechat.issueGroupCloudId(`tGgroup${n}`) } };
    },
  },
  hours: {
    // A pending record of a verified organization's volunteer, decided or corrected by the organization's admin.
    confirm: async () => {
      const { admin, recordId } = await pendingRecord();
      return { as: admin.openid, payload: { recordIds: [recordId] } };
    },
    reject: async () => {
      const { admin, orgId, recordId } = await pendingRecord();
      void orgId;
      return { as: admin.openid, payload: { recordIds: [recordId], reason: '当天未到场' } };
    },
    adjust: async () => {
      const { admin, recordId } = await pendingRecord();
      return { as: admin.openid, payload: { recordId, minutes: 90, reason: '提前离场' } };
    },
    revoke: async () => {
      const { admin, recordId } = await pendingRecord();
      const confirmed = await admin.as.call('hours', 'confirm', { recordIds: [recordId] });
      if (!confirmed.ok) throw new Error(`confirm: ${confirmed.error.code}`);
      return { as: admin.openid, payload: { recordId, reason: '重复记录' } };
    },
    setHoursPolicy: async () => {
      const admin = await volunteer();
      return { as: admin.openid, payload: { orgId: await verifiedOrganization(emu, admin), roundingStepMinutes: 15, overdueDays: 5 } };
    },
    reportCorrection: async () => {
      const { v, recordId } = await pendingRecord();
      return { as: v.openid, payload: { kind: 'error', recordId, description: '签退时间记错了', proposedMinutes: 120 } };
    },
    resolveCorrection: async () => {
      const { admin, v, recordId } = await pendingRecord();
      const reported = await v.as.call('hours', 'reportCorrection', { kind: 'error', recordId, description: '签退时间记错了', proposedMinutes: 120 });
      if (!reported.ok) throw new Error(`reportCorrection: ${reported.error.code}`);
      return { as: admin.openid, payload: { correctionId: reported.data.correction.correctionId, decision: 'accept', reason: '核对签到表属实' } };
    },
  },
  records: {
    bulkEntry: async () => {
      const w = await organizationWithProject(emu, 'idem-bulk');
      const [m] = await members(emu, w, 1, 'idem-bulk-m');
      return { as: w.admin.openid, payload: { orgId: w.orgId, projectId: w.project._id, userIds: [m!.userId], kind: 'service', startsAt: hoursAgo(3), endsAt: hoursAgo(1), activity: {} } };
    },
    // A batch its first run left unfinished (the invocation died after writing it).
    continueBulkEntry: async (n) => {
      const w = await organizationWithProject(emu, 'idem-continue');
      const [m] = await members(emu, w, 1, 'idem-continue-m');
      const now = new Date();
      const batch: Omit<RecordBatchDoc, '_id'> = {
        orgId: w.orgId,
        orgName: w.orgName,
        projectId: w.project._id,
        kind: 'service',
        startsAt: new Date(hoursAgo(3)),
        endsAt: new Date(hoursAgo(1)),
        minutes: 120,
        activity: { name: w.project.title, date: '2026-12-01', place: w.project.place.address, serviceObjects: [], content: w.project.content, leader: '王五' },
        people: [{ userId: m!.userId, viaShift: false }],
        total: 1,
        done: 0,
        recorded: 0,
        refused: [],
        finished: false,
        recordedBy: w.admin.userId,
        createdAt: now,
        updatedAt: now,
      };
      await serverSdk(emu).database().collection('recordBatches').add({ data: { _id: `bb_idem_${n}`, ...batch } });
      return { as: w.admin.openid, payload: { batchId: `bb_idem_${n}` } };
    },
    declare: async () => {
      const w = await organizationWithProject(emu, 'idem-declare');
      return { as: (await volunteer()).openid, payload: { orgId: w.orgId, kind: 'service', startsAt: hoursAgo(3), endsAt: hoursAgo(1), activity: { name: '社区清扫' }, photo: recordPhoto() } };
    },
    makeup: async () => {
      const w = await organizationWithProject(emu, 'idem-makeup');
      const [m] = await members(emu, w, 1, 'idem-makeup-m');
      return { as: w.admin.openid, payload: { orgId: w.orgId, userId: m!.userId, kind: 'service', startsAt: hoursAgo(3), endsAt: hoursAgo(1), activity: {}, reason: '当天忘记签到', photo: recordPhoto() } };
    },
    createHourCodes: async () => {
      const w = await organizationWithProject(emu, 'idem-codes');
      return { as: w.admin.openid, payload: { projectId: w.project._id, count: 3, startsAt: hoursAgo(3), minutes: 90, kind: 'service', expiresAt: new Date(Date.now() + 86_400_000).toISOString() } };
    },
    redeemHourCode: async () => {
      const w = await organizationWithProject(emu, 'idem-redeem');
      const made = await w.admin.as.call('records', 'createHourCodes', { projectId: w.project._id, count: 1, startsAt: hoursAgo(3), minutes: 90, kind: 'service', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      if (!made.ok) throw new Error(`createHourCodes: ${made.error.code}`);
      return { as: (await volunteer()).openid, payload: { code: made.data.codes[0]!.code } };
    },
  },
  attendance: {
    settings: async () => {
      const site = await onSiteShift(emu, { openStation: false });
      return { as: site.admin.openid, payload: { projectId: site.project._id, pairsPerDay: 2 } };
    },
    openStation: async () => {
      const site = await onSiteShift(emu, { openStation: false });
      return { as: site.admin.openid, payload: { shiftId: site.shift._id } };
    },
    // Scans are made at the fixture's place (signup/test-support.ts), inside its check-in radius.
    checkIn: async () => {
      const site = await onSiteShift(emu);
      return { as: site.volunteers[0]!.openid, payload: { token: tokenAt(site.station), location: { latitude: 26.08, longitude: 119.3 } } };
    },
    checkOut: async () => {
      const site = await onSiteShift(emu);
      const inAt = new Date(Date.now() - 5 * 60_000);
      const location = { latitude: 26.08, longitude: 119.3 };
      const res = await site.volunteers[0]!.as.call('attendance', 'checkIn', { token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString(), location });
      if (!res.ok) throw new Error(`checkIn: ${res.error.code}`);
      return { as: site.volunteers[0]!.openid, payload: { token: tokenAt(site.station), location } };
    },
    cardCheck: async () => {
      const site = await onSiteShift(emu, { openStation: false });
      const card = issueCardCode(site.volunteers[0]!.volunteerId, new Date(), cardKeyFrom(keyRingFromEnv(emu.functionEnv))).payload;
      return { as: site.admin.openid, payload: { shiftId: site.shift._id, cardPayload: card, intent: 'checkIn' } };
    },
    manualCheck: async () => {
      const site = await onSiteShift(emu, { openStation: false });
      return { as: site.admin.openid, payload: { shiftId: site.shift._id, volunteerId: site.volunteers[0]!.volunteerId, intent: 'checkIn', reason: '手机没电' } };
    },
    markAbsent: async () => {
      const site = await onSiteShift(emu, { openStation: false });
      return { as: site.admin.openid, payload: { signupId: `${site.shift._id}_${site.volunteers[0]!.userId}` } };
    },
  },
  certificate: {
    // The first download makes the PDF (a file, the register entry's files); a repeat answers that same file.
    download: async () => {
      if (!fontsPublished) fontsPublished = publishFonts(emu);
      await fontsPublished;
      const v = await volunteer();
      const orgAdmin = await volunteer();
      const certificate = await issuedCertificate(emu, v, await verifiedOrganization(emu, orgAdmin), 2);
      return { as: v.openid, payload: { certificateId: certificate._id } };
    },
    // The organization's side (certificate/org-test-support.ts): an issuer with settings and a member's confirmed hours.
    saveSettings: async () => {
      const w = await issuerWorld(emu);
      return { as: w.admin.openid, payload: { orgId: w.orgId, personInCharge: '王建国', handler: '刘洋', contact: '刘洋 13900002222', seal: { kind: 'text', text: w.orgName }, issuePolicy: 'immediate' } };
    },
    uploadSeal: async () => {
      const w = await issuerWorld(emu);
      return { as: w.admin.openid, payload: { orgId: w.orgId, base64: sealPng(160).toString('base64') } };
    },
    review: async () => {
      const w = await issuerWorld(emu);
      return { as: w.admin.openid, payload: { certificateId: await reviewingRequest(emu, w), decision: 'approve' } };
    },
    revoke: async () => {
      const w = await issuerWorld(emu);
      const certificateId = await reviewingRequest(emu, w);
      const issued = await w.admin.as.call('certificate', 'review', { certificateId, decision: 'approve' });
      if (!issued.ok) throw new Error(`review: ${issued.error.code}`);
      return { as: w.admin.openid, payload: { certificateId, reason: '记录更正后重新出具' } };
    },
    // A volunteer with confirmed records asks an organization that issues at once: one certificate, one number.
    request: async (n) => {
      const w = await issuingWorld(emu, `idem-cert-${n}`);
      const v = await w.make('林晓梅');
      await confirmedRecords(emu, w, v, ['2026-10-03', '2026-10-10']);
      return { as: v.openid, payload: { orgId: w.orgId, scope: { kind: 'all' } } };
    },
    bulkIssue: async (n) => {
      const w = await issuingWorld(emu, `idem-bulk-${n}`);
      for (const name of ['陈一', '陈二']) await confirmedRecords(emu, w, await w.make(name), ['2026-10-03']);
      return { as: w.admin.openid, payload: { projectId: w.project._id } };
    },
    continueBulkIssue: async (n) => {
      const w = await issuingWorld(emu, `idem-bulkc-${n}`);
      const v = await w.make('陈三');
      await confirmedRecords(emu, w, v, ['2026-10-03']);
      const now = new Date();
      const period = { kind: 'period' as const, from: '2026-10-01', to: '2026-10-31' };
      const batch = { projectId: w.project._id, projectTitle: w.project.title, recordsOrgId: w.orgId, issuerOrgId: w.orgId, scope: period, volunteerIds: [v.volunteerId], total: 1, done: 0, issued: 0, skipped: [], finished: false, createdBy: w.admin.userId, createdAt: now, updatedAt: now };
      await serverSdk(emu).database().collection('certificateBatches').add({ data: { _id: `cb_idem_${n}`, ...batch } });
      return { as: w.admin.openid, payload: { batchId: `cb_idem_${n}` } };
    },
  },
  inbox: {
    // The applicant of a reviewed organization has an unread message.
    markRead: async () => {
      const applicant = await volunteer();
      const orgId = await registerOrganization(applicant);
      const res = await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'approve' });
      if (!res.ok) throw new Error(`review: ${res.error.code}`);
      return { as: applicant.openid, payload: {} };
    },
  },
  notify: {
    // A volunteer accepts the first template offered at sign-up.
    reportSubscriptions: async () => {
      const v = await volunteer();
      const offered = await caller(emu, v.openid).call('notify', 'subscribeTemplates', { moment: 'signup' });
      if (!offered.ok || offered.data.templateIds.length === 0) throw new Error('subscribeTemplates offered nothing');
      return { as: v.openid, payload: { moment: 'signup', answers: { [offered.data.templateIds[0]!]: 'accept' } } };
    },
    savePreferences: async () => {
      const v = await volunteer();
      return { as: v.openid, payload: { quietHours: { start: '23:00', end: '07:00' }, recommendations: true } };
    },
    // A message whose attempts ran out, requeued by a platform admin.
    requeue: async (n) => {
      const v = await volunteer();
      const now = new Date();
      const id = `idem-dead-${n}`;
      await serverSdk(emu).database().collection('notifications').add({
        data: { _id: id, kind: 'hours.confirmed', recipientUserId: v.userId, title: '服务时长已确认', body: '测试', createdAt: now, readAt: null, delivery: { state: 'dead', attempts: 8, nextAttemptAt: now, reason: 'attemptsExhausted' } },
      });
      return { as: PLATFORM_ADMIN, payload: { ids: [id] } };
    },
  },
  // The reminder function has no actions: its timer is tested in cloudfunctions/reminder/reminder.test.ts.
  reminder: {},
  match: {
    // An admin invites a volunteer of the project's district to one of its shifts.
    invite: async () => {
      const { admin, shift } = await openShift();
      const v = await volunteer();
      return { as: admin.openid, payload: { invitations: [{ shiftId: shift._id, candidateId: v.userId }] } };
    },
  },
  help: {
    submit: async () => {
      const v = await volunteer();
      return { as: v.openid, payload: helpSubmission(helpSpot()) };
    },
    // A platform admin verifies a need near one responder: the offer goes out.
    verify: async () => {
      const here = helpSpot();
      await helpResponder(emu, here);
      const { helpRequestId } = await helpNeed(here);
      return { as: PLATFORM_ADMIN, payload: { helpRequestId, decision: 'verify', method: 'call', note: '已电话联系求助人，情况属实' } };
    },
    // The offered organization accepts: the need is its, with a draft project.
    answerOffer: async () => {
      const { org, helpRequestId } = await helpDispatched();
      return { as: org.admin.openid, payload: { helpRequestId, orgId: org.orgId, decision: 'accept' } };
    },
    withdraw: async () => {
      const { requester, helpRequestId } = await helpDispatched();
      return { as: requester.openid, payload: { helpRequestId } };
    },
    complete: async () => {
      const { org, helpRequestId } = await helpAccepted();
      return { as: org.admin.openid, payload: { helpRequestId, note: '已陪同复查' } };
    },
    rate: async () => {
      const { requester, org, helpRequestId } = await helpAccepted();
      helpOk(await org.admin.as.call('help', 'complete', { helpRequestId }));
      return { as: requester.openid, payload: { helpRequestId, stars: 5, comment: '非常及时' } };
    },
    setResponder: async () => {
      const admin = await volunteer();
      const orgId = await verifiedOrganization(emu, admin);
      return { as: admin.openid, payload: { orgId, active: true, categories: ['community'], base: helpSpot() } };
    },
    setWilling: async () => {
      const v = await volunteer();
      return { as: v.openid, payload: { willing: true, near: helpSpot(), radiusKm: 5 } };
    },
    // The accepting organization's admin reaches for the requester's phone: the reveal is recorded on the need.
    contact: async () => {
      const { org, helpRequestId } = await helpAccepted();
      return { as: org.admin.openid, payload: { helpRequestId, asOrgId: org.orgId } };
    },
  },
};

async function helpNeed(here: { longitude: number; latitude: number }): Promise<{ requester: Volunteer; helpRequestId: string }> {
  const requester = await volunteer();
  const { helpRequestId } = helpOk(await requester.as.call('help', 'submit', helpSubmission(here)));
  return { requester, helpRequestId };
}

async function helpDispatched() {
  const here = helpSpot();
  const org = await helpResponder(emu, here);
  const need = await helpNeed(here);
  helpOk(await caller(emu, PLATFORM_ADMIN).call('help', 'verify', { helpRequestId: need.helpRequestId, decision: 'verify', method: 'call', note: '已电话联系求助人，情况属实' }));
  return { ...need, org };
}

async function helpAccepted() {
  const world = await helpDispatched();
  helpOk(await world.org.admin.as.call('help', 'answerOffer', { helpRequestId: world.helpRequestId, orgId: world.org.orgId, decision: 'accept' }));
  return world;
}

const cases: Array<[string, string, AnyScenario]> = Object.entries(SCENARIOS).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, AnyScenario>).map(([action, scenario]) => [fn, action, scenario] as [string, string, AnyScenario]),
);

/** Everything the product stores (documents and files), and every call made to WeChat: what an action changes shows up here. */
async function world(): Promise<string> {
  const collections: Record<string, unknown> = {};
  // `requests` is the frame's own record of the requests; everything else is the product's data.
  for (const c of COLLECTIONS.filter((name) => name !== 'requests')) collections[c] = await allDocs(emu, c);
  return JSON.stringify({ collections, files: emu.storage.paths(), wechatCalls: emu.wechat.calls.length });
}

let requestSerial = 0;
const requestId = () => `test-request-${++requestSerial}-${Date.now().toString(36)}`;

/** As the client does: BUSY (the first is still running) is retried with the same request id. */
async function send(fn: string, as: string, action: string, payload: object, id: string): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    const { status, body } = await caller(emu, as).raw(fn, { action, ...payload, [REQUEST_ID_FIELD]: id });
    if (status !== 200) throw new Error(`gateway answered ${status}`);
    if (body?.error?.code !== 'BUSY' || attempt === 20) return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the table covers exactly the mutating actions of the contract', () => {
  const mutating = Object.entries(MUTATES).flatMap(([fn, actions]) =>
    Object.entries(actions)
      .filter(([, m]) => m)
      .map(([action]) => `${fn}.${action}`),
  );
  expect(cases.map(([fn, action]) => `${fn}.${action}`).sort()).toEqual(mutating.sort());
});

let run = 0;
describe.each(cases)('%s.%s', (fn, action, scenario) => {
  test('three identical requests one after another: one change, one answer', async () => {
    const { as, payload } = await scenario(++run);
    const before = await world();
    const id = requestId();
    const first = await send(fn, as, action, payload, id);
    expect(first).toEqual(expect.objectContaining({ ok: true }));
    const afterOne = await world();
    expect(afterOne).not.toEqual(before);
    const again = [await send(fn, as, action, payload, id), await send(fn, as, action, payload, id)];
    expect(again).toEqual([first, first]);
    expect(await world()).toEqual(afterOne);
  });

  test('three identical requests at once: one change, one answer', async () => {
    const { as, payload } = await scenario(++run);
    const before = await world();
    const id = requestId();
    const answers = await Promise.all([1, 2, 3].map(() => send(fn, as, action, payload, id)));
    expect(answers[0]).toEqual(expect.objectContaining({ ok: true }));
    expect(answers).toEqual([answers[0], answers[0], answers[0]]);
    const afterThree = await world();
    expect(afterThree).not.toEqual(before);
    // One more, after the fact: still the same answer, and nothing else changes.
    expect(await send(fn, as, action, payload, id)).toEqual(answers[0]);
    expect(await world()).toEqual(afterThree);
  });
});
