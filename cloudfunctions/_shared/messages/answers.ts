// Every error code's Chinese message, in one place: one code, one meaning, one text wherever it is answered.
// A code whose text legitimately varies (who may do something, a number of minutes, the code entered) has its
// message functions here too, so each variant is still written once. Handlers never write a message of their own:
// answers.test.ts reads every `fail(…)` in cloudfunctions/ and fails on a literal message outside this folder or a
// code with two texts.
import { fail } from '../frame/envelope';

/** The codes that mean one thing and say it one way. */
export const MESSAGES = {
  UNKNOWN_ACTION: '不支持的操作',
  UNAUTHENTICATED: '请在微信中打开后重试',
  INTERNAL: '服务暂时不可用，请稍后重试',
  BUSY: '当前操作的人较多，请稍后再试',
  CONFLICT: '同时提交的人较多，请稍后重试',
  ALREADY_APPLIED: '这项操作已经完成，请刷新后查看结果',
  REQUEST_ID_REUSED: '这次提交与上一次的内容不一致，请返回后重新操作',
  NOT_REGISTERED: '你还没有完成志愿者实名注册，请先注册',
  ALREADY_REGISTERED: '你已完成志愿者注册，无需重复注册',
  CREDENTIAL_TAKEN: '该证件已注册，如为本人请通过账号找回恢复',
  CONSENT_REQUIRED: '紧急联系人和个人介绍需要你同意收集额外信息；你已撤回或未同意，无法保存这些信息',
  CONSENT_NOT_GIVEN: '你没有同意过收集额外信息，或已经撤回，无需再次撤回',
  CARD_INVALID: '该志愿者账号已注销或不存在',
  NOT_FOUND: '没有找到这个组织',
  PARENT_NOT_FOUND: '没有找到所选的上级组织，请重新选择',
  ALREADY_ADMIN: '你已是该组织的管理员，邀请码留给其他人使用吧',
} as const;

export type FixedCode = keyof typeof MESSAGES;

/** The answer of a fixed-text code. */
export function failWith<C extends FixedCode>(code: C, field?: string): { ok: false; error: { code: C; message: string; field?: string } } {
  return fail(code, MESSAGES[code], field);
}

export const notRegistered = () => failWith('NOT_REGISTERED');

// ── Codes whose text varies, each variant written once ──────────────────────────────────────────────────────────

export const BAD_REQUEST_MESSAGES = {
  /** A request the schema refuses where no field can be named (an unknown key, the whole payload). */
  unreadable: '请求内容不正确，请返回后重新操作',
  requestId: '请求编号不正确，请返回后重新操作',
  /** A field named by its Chinese label (messages/field-labels.ts). */
  tooLong: (label: string, max: number) => `${label}太长，最多 ${max} 个字`,
  tooMany: (label: string, max: number) => `${label}最多 ${max} 项`,
  missing: (label: string) => `请填写${label}`,
  invalid: (label: string) => `${label}填写不正确`,
  searchKeywordControl: '搜索关键词不能包含换行、制表符等控制字符，请修改后重试',
  deleteConfirm: (word: string) => `请输入“${word}”两个字确认注销账号`,
} as const;

/** FORBIDDEN says who may do what was refused. */
export const FORBIDDEN_MESSAGES = {
  review: '只有平台管理员可以审核组织',
  createInvite: '只有该组织的管理员可以邀请管理员',
  decideJoin: '只有该组织的管理员可以处理入队申请',
  scanCard: '只有已认证组织的管理员可以扫描志愿者证',
} as const;

/** NOT_VERIFIED says what waits for the organization's verification. */
export const NOT_VERIFIED_MESSAGES = {
  createInvite: '组织通过平台认证后才能邀请其他管理员',
  requestJoin: '该组织尚未通过平台认证，暂不能申请加入',
} as const;

/** INVITE_INVALID says why the code leads nowhere. */
export const INVITE_INVALID_MESSAGES = {
  format: '邀请码应为8位字母或数字，请核对后重试',
  organizationGone: '邀请所属的组织已不存在',
} as const;

/** The schema's checks of availability and guardian (the domain's own refusals of these codes are its own). */
export const AVAILABILITY_INVALID_MESSAGES = {
  weekday: '服务时间的星期应为周一至周日',
  times: '服务时段只能是上午、下午或晚上',
} as const;

export const GUARDIAN_INVALID_MESSAGES = {
  relation: '请选择与监护人的关系',
} as const;

export const REGION_INVALID_MESSAGES = {
  reselect: '修改居住地区时请重新选择省、市、区',
} as const;

export const usccTakenMessage = (uscc: string) => `统一社会信用代码 ${uscc} 对应的组织已在平台注册，请联系该组织的管理员邀请你成为管理员`;

/** "请 3 分钟后再试": seconds under a minute, whole minutes (rounded up) otherwise. */
export function retryAfterText(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, seconds)} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

export const rateLimitedMessage = (retryAfterSeconds: number) => `操作过于频繁，请 ${retryAfterText(retryAfterSeconds)}后再试`;

// ── Sign-up (typings/signup.ts): each refusal says why and what the volunteer can do ─────────────────────────────

export const SIGNUP_MESSAGES = {
  shiftNotFound: '没有找到这个班次，可能已被删除，请返回项目页刷新',
  projectNotFound: '没有找到这个项目，可能已下线',
  projectNotRecruiting: '这个项目目前不在招募中，暂不能报名',
  shiftCancelled: '这个班次已取消，请选择其他班次',
  shiftStarted: '这个班次已经开始，不能再报名了',
  teamOnly: (team: string) => `这个项目仅限「${team}」的成员报名，请先申请加入该组织`,
  passwordRequired: '这个项目需要报名口令，请向组织方索取后填写',
  passwordWrong: '报名口令不正确，请核对后重新填写',
  ageBelow: (min: number, age: number) => `这个项目要求年满${min}周岁，班次当天你${age}周岁`,
  ageAbove: (max: number, age: number) => `这个项目要求${max}周岁及以下，班次当天你${age}周岁`,
  skillsMissing: (labels: string) => `这个项目需要以下技能：${labels}。可在“我的资料”中补充技能后再报名`,
  minorsNotAllowed: (age: number) => `这个项目不接受未满18周岁的志愿者报名，班次当天你${age}周岁`,
  guardianConsentMissing: '未满18周岁报名需要监护人同意，你的注册信息中没有监护人同意记录，请在“我的资料”中补充',
  overlap: (title: string, when: string) => `与你已报名的「${title}」（${when}）时间冲突，同一时间只能参加一个班次`,
  noShowBlocked: (until: string) => `你在该组织的活动中多次报名未到，${until}前暂不能报名该组织的项目`,
  signupNotFound: '没有找到这条报名记录，请刷新后查看',
  notOffered: '这条报名当前没有待确认的名额',
  offerExpired: '确认时间已过，名额已顺延给下一位候补志愿者',
  notWithdrawable: '这条报名已结束，无需取消',
  shiftEnded: '班次已经结束，不能再取消报名',
  notPending: '这条报名不在待审核状态，已被处理过了',
  reasonRequired: '请填写原因，志愿者会收到这条说明',
  notRemovable: '这条报名已结束，无需移除',
  notConfirmed: '只有已确认的报名才能标记为未到',
  shiftNotStarted: '班次开始后才能标记未到',
} as const;

export const FORBIDDEN_SIGNUP_MESSAGES = {
  manage: '只有该项目所属组织的管理员可以处理报名',
} as const;
