// How the help pages show a need (求助): times in Asia/Shanghai, codes as words, the verification and the declines in
// a sentence each. Pure; the status labels come from the server with every view.
import type { HelpRequestView, HelpStatus, PublicHelpView, VerificationMethod } from '../../../typings/help';
import { SERVICE_OBJECTS, labelOf } from '../../domain/codes';
import { shanghaiDateTime } from '../../domain/calendar';
import { categoryLabel, shiftTimeText } from '../../common/project-labels';

/** The three ways a need is verified; the short word for the choice, the full one for the record. */
export const VERIFICATION_METHODS: ReadonlyArray<{ code: VerificationMethod; label: string; recordLabel: string }> = [
  { code: 'call', label: '电话', recordLabel: '电话核实' },
  { code: 'visit', label: '上门', recordLabel: '上门核实' },
  { code: 'evidence', label: '材料', recordLabel: '材料核实' },
];

export const methodRecordLabel = (method: VerificationMethod): string => VERIFICATION_METHODS.find((m) => m.code === method)?.recordLabel ?? '核实';

export const objectLabel = (code: string): string => labelOf(SERVICE_OBJECTS, code) ?? '其他';

/** A tag's tone: waiting (amber), on its way (primary), finished well (plain), closed (muted). */
export type StatusTone = 'waiting' | 'active' | 'done' | 'closed';

export function toneOf(status: HelpStatus): StatusTone {
  switch (status) {
    case 'pending':
    case 'unmatched':
      return 'waiting';
    case 'dispatched':
    case 'accepted':
      return 'active';
    case 'served':
    case 'rated':
      return 'done';
    case 'rejected':
    case 'withdrawn':
    case 'expired':
      return 'closed';
  }
}

/** Statuses a need still waits in for someone to serve it (cloudfunctions/help/state.ts OPEN_STATUSES). */
const OPEN: readonly HelpStatus[] = ['pending', 'dispatched', 'unmatched'];

/**
 * Whether the need's time is over: expired, or still open at its start (nobody can take it on now; the server's
 * timer will expire it). A page open since before the start drops such needs where someone would act on them.
 */
export function timeIsOver(v: Pick<HelpRequestView, 'status' | 'startsAt'>, now: Date): boolean {
  return v.status === 'expired' || (OPEN.includes(v.status) && Date.parse(v.startsAt) <= now.getTime());
}

/** '★★★★☆' for 4 of 5. */
export function starsText(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}

export interface NeedRow {
  id: string;
  status: HelpStatus;
  statusLabel: string;
  tone: StatusTone;
  what: string;
  urgent: boolean;
  categoryText: string;
  forWhomText: string;
  placeText: string;
  timeText: string;
  volunteersText: string;
  contactText: string;
  submittedText: string;
  /** '电话核实 · 已联系王阿姨本人…' with who and when; '' before verification. */
  verificationText: string;
  verificationRejected: boolean;
  declines: Array<{ key: string; text: string }>;
  acceptedText: string;
  acceptedOrgId: string;
  projectId: string;
  ratingStars: string;
  ratingComment: string;
  /** The 拨打电话 button's accessible label (shown to verifiers and the accepting organization only). */
  callAria: string;
}

/** Said beside 拨打电话: whoever calls knows the requester sees it. */
export const CALL_NOTE = '拨打时才显示完整号码，并会告诉求助人你们查看了电话';

export function toNeedRow(v: HelpRequestView): NeedRow {
  const place = v.place.name ? `${v.place.name}（${v.place.address}）` : v.place.address;
  const verification = v.verification;
  return {
    id: v.id,
    status: v.status,
    statusLabel: v.statusLabel,
    tone: toneOf(v.status),
    what: v.what,
    urgent: v.urgent,
    categoryText: categoryLabel(v.category),
    forWhomText: v.forWhom.description ? `${objectLabel(v.forWhom.object)} · ${v.forWhom.description}` : objectLabel(v.forWhom.object),
    // The map's address often starts with the province, city and county already: they are not said twice.
    placeText: place.startsWith(v.place.regionNames.join('')) ? place : [v.place.regionNames.join(''), place].filter(Boolean).join(' '),
    timeText: shiftTimeText(v.startsAt, v.endsAt),
    volunteersText: `需要 ${v.volunteersWanted} 名志愿者`,
    contactText: `${v.contact.name} ${v.contact.phoneMasked}`,
    submittedText: `${shanghaiDateTime(v.submittedAt)} 提交`,
    verificationText: verification
      ? `${methodRecordLabel(verification.method)}${verification.decision === 'verify' ? '通过' : '未通过'}：${verification.note}（${verification.by}，${shanghaiDateTime(verification.at)}）`
      : '',
    verificationRejected: verification?.decision === 'reject',
    declines: v.declines.map((d, i) => ({ key: `${i}`, text: `${d.orgName} 婉拒：${d.reason}` })),
    acceptedText: v.acceptedBy ? `${v.acceptedBy.orgName} 已接单` : '',
    acceptedOrgId: v.acceptedBy?.orgId ?? '',
    projectId: v.acceptedBy?.projectId ?? '',
    ratingStars: v.rating ? starsText(v.rating.stars) : '',
    ratingComment: v.rating?.comment ?? '',
    callAria: `拨打联系人${v.contact.name}的电话`,
  };
}

export interface PublicRow {
  id: string;
  statusLabel: string;
  tone: StatusTone;
  what: string;
  urgent: boolean;
  categoryText: string;
  forWhomText: string;
  regionText: string;
  timeText: string;
  acceptedText: string;
}

export function toPublicRow(v: PublicHelpView): PublicRow {
  return {
    id: v.id,
    statusLabel: v.statusLabel,
    tone: toneOf(v.status),
    what: v.what,
    urgent: v.urgent,
    categoryText: categoryLabel(v.category),
    forWhomText: objectLabel(v.forWhomObject),
    regionText: v.regionNames.join(''),
    timeText: shiftTimeText(v.startsAt, v.endsAt),
    acceptedText: v.acceptedByName ? `${v.acceptedByName} 已接单` : '',
  };
}
