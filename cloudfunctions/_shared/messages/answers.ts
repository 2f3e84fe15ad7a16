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
  PROJECT_NOT_FOUND: '没有找到这个项目，它可能已被删除或尚未发布',
  SHIFT_NOT_FOUND: '没有找到这个班次，请刷新后重试',
  NOT_EDITABLE: '项目已提交或已发布，不能再整体修改；请单独修改班次时间、地点或人数',
  NOT_SUBMITTED: '该项目不在待审核状态，无需审核',
  NOT_PUBLISHED: '项目发布后才能进行这项操作',
  NOT_CANCELLABLE: '该项目已经结束或已取消，不能再取消',
  SCENE_UNKNOWN: '这个小程序码已失效，请向组织索取新的海报',
  GROUP_UNKNOWN: '没能识别来源群聊，不影响查看和报名',
  WECHAT_FAILED: '微信服务暂时不可用，请稍后重试',
  DISCOVER_INVALID: '筛选条件不正确，请重新选择后再试',
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
  manageProject: '只有该组织的管理员可以发布和管理它的项目',
  reviewProject: '只有平台管理员可以审核项目',
  reviewOwnProject: '你是该项目所属组织的管理员，请由其他平台管理员审核',
} as const;

/** NOT_VERIFIED says what waits for the organization's verification. */
export const NOT_VERIFIED_MESSAGES = {
  createInvite: '组织通过平台认证后才能邀请其他管理员',
  requestJoin: '该组织尚未通过平台认证，暂不能申请加入',
  publish: '组织通过平台认证后才能发布项目',
} as const;

/** WeChat content security's labels (security.msgSecCheck 2.0), said as a reason. */
const CONTENT_LABELS: Readonly<Record<number, string>> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他不宜公开的内容',
};

/** CONTENT_FLAGGED names the field and WeChat's reason, so the admin knows what to change. */
export function contentFlaggedMessage(fieldLabel: string, label: number): string {
  return `${fieldLabel}未通过微信内容安全检测（${CONTENT_LABELS[label] ?? CONTENT_LABELS[21000]}），请修改后再提交`;
}

/** PLACES_BELOW_TAKEN: places cannot drop below the volunteers already confirmed. */
export const placesBelowTakenMessage = (confirmed: number) => `已有 ${confirmed} 人确认报名，招募人数不能少于 ${confirmed}`;

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
