// The WeChat templates 志愿+ sends, as slots: one slot per kind of message a person recognises (报名结果通知,
// 活动开始提醒 …), the same keyword set on both channels — the mini-program's subscribe message and the official
// account's template message (the account's 类目模板 use typed keywords like thing1 / time2 as subscribe messages
// do). Each slot's template id on each channel is a function variable (ZY_TMPL_SUB_<SLOT>, ZY_TMPL_OA_<SLOT>), picked
// in the MP console from the public library under 公益 / 志愿服务 with these keywords; an empty variable means the
// slot is not configured on that channel. Pure: the data builder turns a notification into values WeChat accepts
// (sendMessage's 参数值内容限制: thing ≤ 20 characters, phrase ≤ 5 Han characters, time as a date and a 24-hour time…).
import type { NotificationKind } from '../../../typings/inbox';
import type { DeliveryChannel, SubscribeMoment } from '../../../typings/notify';
import { formatHours } from '../../../miniprogram/common/service-hours';
import { shanghaiClock } from '../../../miniprogram/domain/calendar';
import { routes } from '../../../miniprogram/domain/routes';
import type { NotificationFacts } from '../documents/notification';
import type { TemplateData } from '../wechat/api';

export type TemplateSlot = 'SIGNUP_RESULT' | 'ACTIVITY_REMINDER' | 'HOURS_RESULT' | 'CERTIFICATE' | 'REVIEW_RESULT' | 'ADMIN_TASK' | 'PROJECT_RECOMMENDED';

/** Where a keyword's value comes from: a fact, else the notification's own title, body or creation time. */
type Source = 'subject' | 'at' | 'place' | 'result' | 'hours' | 'note';

interface Keyword {
  key: string;
  /** The keyword's name in the template library (what the console shows). */
  name: string;
  source: Source;
}

export interface SlotDefinition {
  /** The template's title in the library. */
  title: string;
  keywords: Keyword[];
  kinds: NotificationKind[];
}

const kw = (key: string, name: string, source: Source): Keyword => ({ key, name, source });

export const TEMPLATE_SLOTS: Record<TemplateSlot, SlotDefinition> = {
  SIGNUP_RESULT: {
    title: '报名结果通知',
    keywords: [kw('thing1', '活动名称', 'subject'), kw('time2', '活动时间', 'at'), kw('phrase3', '报名结果', 'result'), kw('thing4', '温馨提示', 'note')],
    kinds: ['signup.confirmed', 'signup.pending', 'signup.waitlisted', 'signup.offered', 'signup.expired', 'signup.declined', 'signup.removed'],
  },
  ACTIVITY_REMINDER: {
    title: '活动开始提醒',
    keywords: [kw('thing1', '活动名称', 'subject'), kw('time2', '开始时间', 'at'), kw('thing3', '活动地点', 'place'), kw('thing4', '温馨提示', 'note')],
    kinds: ['reminder.shift24h', 'reminder.shift2h', 'project.shiftChanged', 'project.cancelled'],
  },
  HOURS_RESULT: {
    title: '服务时长确认通知',
    keywords: [kw('thing1', '活动名称', 'subject'), kw('number2', '服务时长', 'hours'), kw('phrase3', '确认结果', 'result'), kw('thing4', '备注', 'note')],
    kinds: ['hours.confirmed', 'hours.rejected', 'hours.revoked', 'hours.correctionResolved'],
  },
  CERTIFICATE: {
    title: '证书发放通知',
    keywords: [kw('thing1', '证书名称', 'subject'), kw('phrase2', '办理状态', 'result'), kw('time3', '办理时间', 'at'), kw('thing4', '备注', 'note')],
    kinds: ['certificate.issued', 'certificate.rejected', 'certificate.revoked'],
  },
  REVIEW_RESULT: {
    title: '审核结果通知',
    keywords: [kw('thing1', '审核事项', 'subject'), kw('phrase2', '审核结果', 'result'), kw('time3', '审核时间', 'at'), kw('thing4', '备注', 'note')],
    kinds: [
      'org.reviewed',
      'org.joinDecided',
      'org.claimDecided',
      'org.applicationExpired',
      'claim.decided',
      'project.reviewed',
      'project.coverRejected',
      // Help requests: the outcome of a verification and of the dispatch, for the requester.
      'help.verified',
      'help.rejected',
      'help.accepted',
      'help.unmatched',
      'help.expired',
    ],
  },
  ADMIN_TASK: {
    title: '待办事项提醒',
    keywords: [kw('thing1', '待办事项', 'subject'), kw('thing2', '事项说明', 'note'), kw('time3', '提醒时间', 'at')],
    kinds: [
      'org.joinRequested',
      'org.inviteAccepted',
      'org.adminsReplaced',
      'org.handOverOffered',
      'org.handOverAccepted',
      'org.dissolved',
      'claim.recordMovedAway',
      'signup.awaitingApproval',
      'signup.withdrawn',
      'hours.correctionReported',
      'hours.overdue',
      'hours.totalsDifference',
      'attendance.missingCheckout',
      'certificate.requested',
      'certificate.settingsNeeded',
      'digest.orgDaily',
      // Help requests: what a verifier, an organization or a requester has to do next.
      'help.awaitingVerification',
      'help.offered',
      'help.offerClosed',
      'help.served',
      'help.rated',
    ],
  },
  PROJECT_RECOMMENDED: {
    title: '活动推荐通知',
    keywords: [kw('thing1', '活动名称', 'subject'), kw('time2', '活动时间', 'at'), kw('thing3', '活动地点', 'place'), kw('thing4', '推荐理由', 'note')],
    kinds: ['project.recommended', 'help.urgentNearby', 'match.invited'],
  },
};

export const ALL_SLOTS = Object.keys(TEMPLATE_SLOTS) as TemplateSlot[];

/** The subscribe templates each moment asks for (wx.requestSubscribeMessage takes at most 3 at once). */
export const MOMENT_SLOTS: Record<SubscribeMoment, readonly TemplateSlot[]> = {
  // Signing up: the result, the reminders before the shift, the hours once it is over.
  signup: ['SIGNUP_RESULT', 'ACTIVITY_REMINDER', 'HOURS_RESULT'],
  // Checking in: the hours of this session, the next shift's reminder, the certificate those hours lead to.
  checkin: ['HOURS_RESULT', 'ACTIVITY_REMINDER', 'CERTIFICATE'],
  // Asking for a certificate: its outcome, and hours still being confirmed.
  certificate: ['CERTIFICATE', 'HOURS_RESULT'],
};

const SLOT_OF_KIND = new Map<NotificationKind, TemplateSlot>(ALL_SLOTS.flatMap((slot) => TEMPLATE_SLOTS[slot].kinds.map((k) => [k, slot] as const)));

export function slotOf(kind: NotificationKind): TemplateSlot {
  const slot = SLOT_OF_KIND.get(kind);
  if (!slot) throw new Error(`no template slot for ${kind}`);
  return slot;
}

/** The function variable holding a slot's template id on a channel. */
export function templateEnvVar(channel: DeliveryChannel, slot: TemplateSlot): string {
  return `ZY_TMPL_${channel === 'subscribe' ? 'SUB' : 'OA'}_${slot}`;
}

/** The configured template id, or undefined when the slot is not set up on that channel. */
export function templateIdOf(channel: DeliveryChannel, slot: TemplateSlot, env: NodeJS.ProcessEnv): string | undefined {
  const id = env[templateEnvVar(channel, slot)]?.trim();
  return id ? id : undefined;
}

/** The slot a configured subscribe template id belongs to (reportSubscriptions, the send-result push). */
export function subscribeSlotOfTemplate(templateId: string, env: NodeJS.ProcessEnv): TemplateSlot | undefined {
  return ALL_SLOTS.find((slot) => templateIdOf('subscribe', slot, env) === templateId);
}

/** What a phrase keyword says when the facts give no result: the kind's outcome in ≤ 5 Han characters. */
const RESULT_OF_KIND: Partial<Record<NotificationKind, string>> = {
  'signup.confirmed': '报名成功',
  'signup.pending': '待审核',
  'signup.waitlisted': '候补中',
  'signup.offered': '待确认',
  'signup.expired': '已顺延',
  'signup.declined': '未通过',
  'signup.removed': '已移出',
  'hours.confirmed': '已确认',
  'hours.rejected': '未通过',
  'hours.revoked': '已撤销',
  'hours.correctionResolved': '已处理',
  'certificate.issued': '已开具',
  'certificate.rejected': '未通过',
  'certificate.revoked': '已撤销',
  'org.reviewed': '已审核',
  'org.joinDecided': '已处理',
  'org.claimDecided': '已处理',
  'org.applicationExpired': '已过期',
  'claim.decided': '已处理',
  'project.reviewed': '已审核',
  'project.coverRejected': '未通过',
};

/** The page a message opens when it has no link of its own, by what it is about. */
function defaultPage(kind: NotificationKind): string {
  if (kind.startsWith('hours.') && kind !== 'hours.correctionReported' && kind !== 'hours.overdue' && kind !== 'hours.totalsDifference') return routes.hours;
  if (kind.startsWith('certificate.') && kind !== 'certificate.requested' && kind !== 'certificate.settingsNeeded') return routes.certificates;
  if (kind.startsWith('signup.') || kind.startsWith('reminder.')) return routes.mySignups;
  if (kind === 'project.recommended') return routes.discover;
  return routes.inbox;
}

/** What a template needs of a notification document. */
export interface TemplateSource {
  kind: NotificationKind;
  title: string;
  body: string;
  link?: string;
  facts?: NotificationFacts;
  createdAt: Date;
}

/** The page to open: the notification's link without its leading slash, or the kind's default page. */
export function pageOf(n: Pick<TemplateSource, 'kind' | 'link'>): string {
  const link = n.link && n.link.startsWith('/') ? n.link : defaultPage(n.kind);
  return link.replace(/^\/+/, '');
}

// Line breaks and other control characters, emoji and what builds them (joiners, variation selectors, keycaps,
// regional indicators, skin tones): WeChat refuses or garbles them in template values.
const UNWANTED = /[\p{Cc}\p{Cf}\u2028\u2029\p{Extended_Pictographic}\p{Emoji_Presentation}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE00-\uFE0F\u20E3\p{Cs}\p{Co}]/gu;
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** One line of plain text: unwanted characters out, runs of white space one space. */
export function plainText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\t]+/g, ' ').replace(UNWANTED, '').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters (code points, as WeChat counts), cut between graphemes with … when shortened. */
export function cut(text: string, max: number): string {
  if ([...text].length <= max) return text;
  let kept = '';
  let length = 0;
  for (const { segment } of segmenter.segment(text)) {
    const n = [...segment].length;
    if (length + n > max - 1) break;
    kept += segment;
    length += n;
  }
  return `${kept.trimEnd()}…`;
}

function thing(text: string | undefined, fallback: string): string {
  const value = cut(plainText(text ?? ''), 20);
  return value && value !== '…' ? value : fallback;
}

/** Han characters only, at most five; the kind's outcome when nothing of the text is left. */
function phrase(text: string | undefined, fallback: string): string {
  const han = [...(text ?? '')].filter((c) => /\p{Script=Han}/u.test(c)).join('');
  return han ? [...han].slice(0, 5).join('') : fallback;
}

/** A date and a 24-hour time in Asia/Shanghai, as the time and date types take them: 2026年12月6日 09:00. */
export function shanghaiTimeText(at: Date): string {
  return shanghaiClock(at).format('YYYY年M月D日 HH:mm');
}

function valueOf(key: string, source: Source, n: TemplateSource): string {
  const facts = n.facts ?? {};
  const type = /^[a-z_]+/.exec(key)?.[0];
  const raw = (() => {
    switch (source) {
      case 'subject':
        return facts.subject ?? n.title;
      case 'at':
        return shanghaiTimeText(validDate(facts.at) ?? n.createdAt);
      case 'place':
        return facts.place ?? '详见小程序';
      case 'result':
        return facts.result ?? RESULT_OF_KIND[n.kind] ?? n.title;
      case 'hours':
        return formatHours(typeof facts.minutes === 'number' && Number.isFinite(facts.minutes) ? facts.minutes : 0);
      case 'note':
        return facts.note ?? n.body;
    }
  })();
  switch (type) {
    case 'phrase':
      return phrase(raw, phrase(RESULT_OF_KIND[n.kind], '有更新'));
    case 'time':
    case 'date':
    case 'number':
      return raw;
    default:
      return thing(raw, source === 'place' ? '详见小程序' : '详见小程序消息');
  }
}

function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

/** The template data of a notification for its slot: every keyword filled, every value within its type's rule. */
export function templateDataOf(n: TemplateSource): TemplateData {
  const slot = TEMPLATE_SLOTS[slotOf(n.kind)];
  return Object.fromEntries(slot.keywords.map((k) => [k.key, { value: valueOf(k.key, k.source, n) }]));
}
