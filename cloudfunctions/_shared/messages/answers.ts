// Every error code's Chinese message, in one place: one code, one meaning, one text wherever it is answered.
// A code whose text legitimately varies (who may do something, a number of minutes, the code entered) has its
// message functions here too, so each variant is still written once. Handlers never write a message of their own:
// answers.test.ts reads every `fail(…)` in cloudfunctions/ and fails on a literal message outside this folder or a
// code with two texts.
import { fail } from '../frame/envelope';
import { RECORD_FIELD_LABELS, SHIFT_PLAN_MESSAGES } from '../../../miniprogram/domain/messages';

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
  CREDENTIAL_TAKEN: '该证件已注册。如果这是你的证件，请通过“申诉找回”找回志愿者档案',
  CONSENT_REQUIRED: '紧急联系人和个人介绍需要你同意收集额外信息；你已撤回或未同意，无法保存这些信息',
  CONSENT_NOT_GIVEN: '你没有同意过收集额外信息，或已经撤回，无需再次撤回',
  TERMS_OUTDATED: '同意内容已经更新，请返回后重新阅读再同意',
  CARD_INVALID: '该志愿者账号已注销或不存在',
  NOT_FOUND: '没有找到这个组织',
  PARENT_NOT_FOUND: '没有找到所选的上级组织，请重新选择',
  ALREADY_ADMIN: '你已是该组织的管理员，邀请码留给其他人使用吧',
  // 申诉找回 (volunteer claims). A mismatch never says which part differs, nor whether the number is registered.
  CLAIM_MISMATCH: '姓名或证件与平台登记的信息不一致，请按证件核对后重试',
  CLAIM_NOT_NEEDED: '这份志愿者档案已在你的账号下，无需申诉',
  CLAIMANT_HAS_RECORD: '你的账号已有一份志愿者档案，请先在“我的资料”中注销它，再申诉找回这份档案',
  CLAIM_ALREADY_OPEN: '你对这个证件的申诉正在处理中，请在“我的申诉”中查看或补充证据',
  CLAIM_NOT_FOUND: '没有找到这条申诉',
  CLAIM_DECIDED: '这条申诉已经处理完毕，结果见申诉详情',
  CLAIM_AWAITING_EVIDENCE: '申诉人还没有上传证据照片，暂不能审核',
  CLAIM_STALE: '申诉提交后这份志愿者档案已有变化（注销或更换证件），请驳回并请申诉人重新提交',
  EVIDENCE_LIMIT: '每条申诉最多上传 3 张证据照片',
  IDENTITY_MISMATCH: '实名核验未通过：姓名与证件号码不一致，请按证件核对后重试',
  IDENTITY_UNAVAILABLE: '实名核验服务暂时不可用，请稍后重试',
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
  // Records made besides on-site sessions (typings/records.ts).
  NO_VOLUNTEERS: '请至少选择一位志愿者',
  BATCH_NOT_FOUND: '没有找到这次批量录入，请返回后重新录入',
  HOUR_CODE_INVALID: '时长码不正确，请核对后重新输入',
  HOUR_CODE_EXPIRED: '这个时长码已过期，请联系组织方',
  HOUR_CODE_USED: '这个时长码已被使用，每个时长码只能使用一次',
  HOUR_CODE_ALREADY_REDEEMED: '你已经用这批时长码登记过这次活动，无需重复登记',
  HOUR_CODE_BATCH_NOT_FOUND: '没有找到这批时长码',
  HOUR_CODE_EXPIRY_INVALID: '时长码的有效期应晚于现在，最长 90 天',
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
  /** An event nested past MongoDB's 100 levels (frame/nesting.ts); the emulator's gateway door says the same. */
  tooDeep: '请求数据嵌套层级过深（最多 100 层）',
  /** A field named by its Chinese label (messages/field-labels.ts). */
  tooLong: (label: string, max: number) => `${label}太长，最多 ${max} 个字`,
  tooMany: (label: string, max: number) => `${label}最多 ${max} 项`,
  missing: (label: string) => `请填写${label}`,
  invalid: (label: string) => `${label}填写不正确`,
  /** A paging cursor that is not one this function gave out. */
  cursor: '翻页位置不正确，请刷新后重试',
  searchKeywordControl: '搜索关键词不能包含换行、制表符等控制字符，请修改后重试',
  deleteConfirm: (word: string) => `请输入“${word}”两个字确认注销账号`,
} as const;

/** FORBIDDEN says who may do what was refused. */
export const FORBIDDEN_MESSAGES = {
  review: '只有平台管理员可以审核组织',
  createInvite: '只有该组织的管理员可以邀请管理员',
  decideJoin: '只有该组织的管理员可以处理入队申请',
  scanCard: '只有已认证组织的管理员可以扫描志愿者证',
  claims: '只有平台管理员可以审核申诉',
  manageProject: '只有该组织的管理员可以发布和管理它的项目',
  reviewProject: '只有平台管理员可以审核项目',
  reviewOwnProject: '你是该项目所属组织的管理员，请由其他平台管理员审核',
} as const;

/** CONSENT_REQUIRED for a claim: the claimant agrees to the privacy terms as a registrant does. */
export const CONSENT_REQUIRED_MESSAGES = {
  claimPrivacy: '请阅读并同意最新的隐私条款后再提交申诉',
} as const;

/** STATEMENT_INVALID says what is wrong with the claim's statement. */
export const STATEMENT_INVALID_MESSAGES = {
  length: (min: number, max: number, length: number) => `情况说明请写 ${min}–${max} 个字，当前为 ${length} 个`,
  control: '情况说明不能包含控制字符，请删除后重试',
} as const;

/** EVIDENCE_INVALID says what is wrong with a photo. */
export const EVIDENCE_INVALID_MESSAGES = {
  notImage: '证据照片应为 JPG 或 PNG 图片，请重新选择',
  tooLarge: (maxKb: number) => `照片压缩后仍超过 ${maxKb} KB，请裁剪后重新选择`,
} as const;

/** COVER_INVALID says what is wrong with a project's cover image. */
export const COVER_INVALID_MESSAGES = {
  notImage: '封面应为 JPG 或 PNG 图片，请重新选择',
  tooLarge: (maxKb: number) => `封面压缩后仍超过 ${maxKb} KB，请换一张或裁剪后再选`,
} as const;

/** REASON_REQUIRED for a claim's decision: the reason goes to both accounts and the audit trail. */
export const CLAIM_REASON_MESSAGES = {
  length: (min: number, max: number) => `请填写 ${min}–${max} 个字的审核理由，申诉人和档案原账号都会看到它`,
} as const;

/** CLAIM_LIMIT: at most N claims per credential in a window, with the day it opens again. */
export const claimLimitMessage = (perWindow: number, days: number, retryOn: string) =>
  `这个证件近 ${days} 天已有 ${perWindow} 次申诉，请在 ${retryOn} 之后再提交`;

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


/** "请 3 分钟后再试": seconds under a minute, whole minutes (rounded up) otherwise. */
export function retryAfterText(seconds: number): string {
  return seconds < 60 ? `${Math.max(1, seconds)} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

export const rateLimitedMessage = (retryAfterSeconds: number) => `操作过于频繁，请 ${retryAfterText(retryAfterSeconds)}后再试`;

// ── Organizations that cannot be squatted or orphaned ───────────────────────────────────────────────────────────

export const usccMineMessage = (uscc: string, status: string) =>
  `你已用统一社会信用代码 ${uscc} 提交过组织申请（${status}），无需重复注册，请打开该申请查看或修改`;

/** USCC_MINE carries the caller's own organization, so the form can open it. */
export function usccMine(uscc: string, status: string, orgId: string): { ok: false; error: { code: 'USCC_MINE'; message: string; orgId: string } } {
  return { ok: false, error: { code: 'USCC_MINE', message: usccMineMessage(uscc, status), orgId } };
}

export const usccTakenClaimMessage = (uscc: string) =>
  `统一社会信用代码 ${uscc} 已被其他人的组织使用。如该代码属于你所在的组织，可提交申诉并上传营业执照或登记证书照片，平台核实后将代码交还给你`;

export const NAME_TAKEN_MESSAGE = (name: string) => `本地区已有名为「${name}」的组织，请核对是否已注册，或使用登记证书上的全称`;

/** LAST_ADMIN names the organizations the caller is the only admin of, and what to do first. */
export const LAST_ADMIN_MESSAGES = {
  leave: (name: string) => `你是「${name}」唯一的管理员，请先把管理员移交给其他成员，或解散该组织，再退出`,
  deleteAccount: (names: string[]) =>
    `你是${names.map((n) => `「${n}」`).join('、')}唯一的管理员，请先在组织主页把管理员移交给其他成员，或解散该组织，再注销账号`,
} as const;

export const NOT_REJECTED_MESSAGE = '只有未通过审核的申请可以修改后重新提交';
export const NOT_MEMBER_MESSAGES = {
  leave: '你不是该组织的成员',
  handOver: '只能移交给该组织已加入的成员',
} as const;
export const NO_HAND_OVER_MESSAGE = '没有移交给你的管理员身份，可能已被撤回或已处理';

export const SELF_REVIEW_MESSAGES = {
  review: '这是你自己注册或管理的组织，请由其他平台管理员审核',
  claim: '这项申诉涉及你自己注册或管理的组织，请由其他平台管理员处理',
} as const;

export const ALREADY_REVIEWED_MESSAGES = {
  claimDecided: '该申诉已处理过了',
  holderChanged: '该代码的持有组织已经变化（可能另一项申诉已获批准），请驳回本申诉并说明原因',
} as const;

export const CLAIM_NOT_NEEDED_MESSAGES = {
  free: '该统一社会信用代码目前没有被占用，可以直接注册组织',
  mine: '该代码由你自己的组织持有，无需申诉',
} as const;
/** The reason a squatting application is rejected with when the code's real holder's claim is approved. */
export const CLAIM_REJECTED_REASON = '经平台核实，该统一社会信用代码属于其他组织，本申请不予通过';
export const USCC_REQUIRED_FOR_CLAIM = '申诉时请填写被占用的统一社会信用代码';
export const ALREADY_CLAIMED_MESSAGE = '你已提交过该代码的申诉，请等待平台处理';

export const USCC_EVIDENCE_INVALID_MESSAGES = {
  count: '请上传1–2张营业执照或登记证书的照片',
  format: '证明材料只能是 JPG 或 PNG 图片，请重新选择',
  size: (maxKb: number) => `照片太大，所有照片合计不超过 ${maxKb} KB，请重新拍摄或压缩后上传`,
} as const;

export const FORBIDDEN_ORG_MESSAGES = {
  resubmit: '只有该组织的管理员可以修改并重新提交申请',
  handOver: '只有该组织的管理员可以移交管理员身份',
  dissolve: '只有该组织的管理员可以解散组织',
  claim: '只有平台管理员可以处理申诉',
} as const;

// ── Texts the server's rules compose (rules.ts, _shared/rules, _shared/security) ─────────────────────────────────

/** Volunteer numbers typed by an admin (rules/volunteer-number.ts). */
export const VOLUNTEER_NO_MESSAGES = {
  missing: '请填写志愿者编号',
  format: '志愿者编号格式不正确：应为 ZY 开头，后接16位数字（最后一位可为 X）',
  length: (length: number) => `志愿者编号应为18位（ZY 加16位数字），当前为${length}位`,
  checksum: '志愿者编号校验位不正确，请核对编号',
} as const;

/** A certificate number as someone types it to verify it (rules/certificate-number.ts). */
export const CERTIFICATE_NO_MESSAGES = {
  missing: '请填写证明编号',
  format: '证明编号格式不正确：应为 ZM 开头，后接18位数字（最后一位可为 X）',
  length: (length: number) => `证明编号应为20位（ZM 加18位数字），当前为${length}位`,
  checksum: '证明编号校验位不正确，请核对编号',
} as const;

/** certificate.download: the certificate PDF. */
export const CERTIFICATE_PDF_MESSAGES = {
  notFound: '没有找到这份证明，请返回证明列表后重试',
  notIssued: '这份证明还没有出具，出具后即可打开',
  revoked: (reason: string, date: string) => `这份证明已撤销（${date}，原因：${reason}），仅供留存，不能作为有效证明使用`,
} as const;

/** A scanned volunteer card (security/card-code.ts). */
export const CARD_MESSAGES = {
  notACard: '这不是有效的志愿者证二维码，请让志愿者打开志愿服务证后重新扫码',
  fromTheFuture: '二维码的时间晚于当前时间，请检查扫码手机的时间设置',
  expired: '二维码已过期，请让志愿者刷新后再扫',
} as const;

/** The phone proof of verifyPhone (security/phone-proof.ts). */
export const PHONE_PROOF_MESSAGES = {
  invalid: '手机号验证无效，请重新点击“使用微信绑定的手机号”或手动填写',
  expired: (minutes: number) => `手机号验证已超过${minutes}分钟，请重新点击“使用微信绑定的手机号”`,
} as const;

/** The number WeChat answered for the phone button (volunteer/rules.ts). */
export const WECHAT_PHONE_MESSAGES = {
  notMainland: '微信绑定的不是中国大陆手机号，请手动填写中国大陆手机号',
  unusable: (message: string) => `微信绑定的手机号无法使用：${message}，请手动填写`,
} as const;

/** A platform admin's review (organization/rules.ts). */
export const REVIEW_MESSAGES = {
  reasonMissing: '驳回时请填写理由，申请人会看到它',
  reasonTooLong: (max: number, length: number) => `理由最多${max}个字，当前为${length}个`,
  alreadyVerified: '该组织已通过认证，无需再次审核',
  alreadyRejected: '该组织已被驳回，无需再次审核',
} as const;

/** An admin invitation's state (organization/rules.ts). */
export const INVITE_CHECK_MESSAGES = {
  unknown: '邀请码不存在，请核对后重试，或联系管理员重新邀请',
  used: '这个邀请码已经被使用过了，请联系管理员重新邀请',
  expired: '邀请码已过期（有效期72小时），请联系管理员重新邀请',
} as const;

/** Join requests (organization/rules.ts). */
export const JOIN_MESSAGES = {
  alreadyAdmin: '你已是该组织的管理员',
  alreadyMember: '你已是该组织的成员',
  alreadyRequested: '你已提交过申请，请等待组织管理员处理',
  requestNotFound: '没有找到这条入队申请',
  alreadyApproved: '该申请已通过，对方已是成员',
  alreadyDecided: '该申请已处理过了',
} as const;

// ── Sign-up (typings/signup.ts): each refusal says why and what the volunteer can do ─────────────────────────────

export const SIGNUP_MESSAGES = {
  projectNotRecruiting: '这个项目目前不在招募中，暂不能报名',
  shiftCancelled: '这个班次已取消，请选择其他班次',
  shiftStarted: '这个班次已经开始，不能再报名了',
  teamOnly: (team: string | undefined) => `这个项目仅限「${team ?? '指定团队'}」的成员报名，请先申请加入该组织`,
  realNameRequired: '这个项目仅限实名志愿者报名，需要经微信验证的手机号。请在“我的资料”中用微信验证手机号后再报名',
  passwordRequired: '这个项目需要报名口令，请向组织方索取后填写',
  passwordWrong: '报名口令不正确，请核对后重新填写',
  ageBelow: (min: number, age: number) => `这个项目要求年满${min}周岁，班次当天你${age}周岁`,
  ageAbove: (max: number, age: number) => `这个项目要求${max}周岁及以下，班次当天你${age}周岁`,
  skillsMissing: (labels: string) => `这个项目需要以下技能：${labels}。可在“我的资料”中补充技能后再报名`,
  minorsNotAllowed: (age: number) => `这个项目不接受未满18周岁的志愿者报名，班次当天你${age}周岁`,
  guardianConsentMissing: '未满18周岁报名需要监护人同意，你的注册信息中没有监护人同意记录，请在“我的资料”中补充',
  overlap: (title: string, when: string) => `与你已报名的「${title}」（${when}）时间冲突，同一时间只能参加一个班次`,
  /** `until` is the Asia/Shanghai calendar day (shanghaiClock) the block ends. */
  noShowBlocked: (until: { format(pattern: string): string }) => `你在该组织的活动中多次报名未到，${until.format('YYYY年M月D日')}前暂不能报名该组织的项目`,
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

/** Records made besides on-site sessions (records function): each says what to fix. */
export const RECORD_MESSAGES = {
  endAfterStart: '结束时间要晚于开始时间',
  inFuture: '服务还没有结束，结束后再登记',
  olderThanYear: (days: number) => `只能登记 ${days} 天内的服务`,
  tooLong: (hours: number) => `一条记录最长 ${hours} 小时；跨天的服务请按天分别登记`,
  wholeMinutes: '时间精确到分钟即可，不要带秒',
  overlap: (activity: string, when: string) => `与你已有的「${activity}」（${when}）时间重叠，同一时间只能有一条服务记录`,
  notMemberMakeup: '只能为本组织的成员补录',
  tooManyVolunteers: (max: number) => `一次最多为 ${max} 位志愿者录入，请分批录入`,
} as const;

/** Why one volunteer of a bulk entry got no record (BulkRefusalCode). */
export const BULK_REFUSAL_MESSAGES = {
  NOT_MEMBER: '不是本组织的成员',
  NOT_REGISTERED: '还没有完成志愿者实名注册，或已注销',
  RECORD_OVERLAP: (activity: string, when: string) => `与已有的「${activity}」（${when}）时间重叠`,
} as const;

export const FORBIDDEN_RECORD_MESSAGES = {
  manage: '只有该组织的管理员可以录入、补录时长和生成时长码',
} as const;

export const FORBIDDEN_SIGNUP_MESSAGES = {
  manage: '只有该项目所属组织的管理员可以处理报名',
} as const;

/** A project's form and its changes (project/rules.ts): each says what to fix. */
export const PROJECT_RULE_MESSAGES = {
  ...SHIFT_PLAN_MESSAGES,
  titleMissing: '请填写项目名称',
  titleTooLong: (maxTitleChars: number) => `项目名称最多 ${maxTitleChars} 个字`,
  titleMakeUp: '项目名称不能含“补录”：已经完成的服务请通过补录功能登记',
  categoryMissing: '请选择服务类别',
  serviceObjectsMissing: '请选择服务对象',
  contentMissing: '请填写服务内容',
  contentTooLong: (maxContentChars: number) => `服务内容最多 ${maxContentChars} 个字`,
  teamMissing: '限定团队招募时请选择团队',
  passwordMissing: '凭口令报名时请设置报名口令',
  passwordFormat: '报名口令为 4 到 16 位字母或数字',
  riskDisclosureMissing: '请填写风险告知：可能遇到的风险和防护措施（没有明显风险也请说明）',
  riskDisclosureTooLong: (maxDisclosureChars: number) => `风险告知最多 ${maxDisclosureChars} 个字`,
  contactNameMissing: '请填写项目联系人',
  contactPhoneInvalid: '请填写联系人的 11 位手机号',
  cancelCutoffRange: '取消报名的截止时间应为开始前 0 到 168 小时',
  addressMissing: '请填写详细地址',
  locationMissing: '请在地图上选择服务地点',
  regionMissing: '请选择服务地点所在的区县',
  checkinRadiusRange: (minRadius: number, maxRadius: number) => `签到范围应为 ${minRadius} 到 ${maxRadius} 米；不核验位置时请关闭“签到核验位置”`,
  ageRange: (ageFloor: number, ageCeiling: number) => `年龄要求应在 ${ageFloor} 到 ${ageCeiling} 岁之间`,
  minAgeAboveMax: '最低年龄不能高于最高年龄',
  minorsOnlyNeedsConsent: '年龄要求只包含未成年人，请勾选“允许未成年人参加”并说明监护人同意要求',
  minorsNotNeeded: '最低年龄已满 18 岁，不必允许未成年人参加',
  guardianConsentMissing: '允许未成年人参加时，请说明需要怎样的监护人同意',
  insurerMissing: '请填写保险公司名称（50 字以内）',
  policyNoFormat: '保单号为 4 到 40 位字母、数字或连字符',
  reasonMissing: (audience: string) => `请填写原因，${audience}会看到它`,
  reasonTooLong: (maxReasonChars: number) => `原因最多 ${maxReasonChars} 个字`,
  discoverInvalid: '筛选条件不正确，请重新选择后再试',
  coverNotOurs: '封面请在本页“选择封面”上传后再保存',
} as const;

// ── On-site check-in and check-out (typings/attendance.ts): each refusal says why and what to do ────────────────

export const ATTENDANCE_MESSAGES = {
  tokenNotAStation: '这不是志愿+的签到二维码，请扫描组织现场展示的签到码',
  tokenAltered: '签到码无法验证，可能被修改或不是本班次的签到站生成的，请扫描现场屏幕上的签到码',
  tokenExpired: '签到码已过期，请扫描现场屏幕上正在显示的签到码（截图或转发的签到码无效）',
  tokenAhead: '签到码的时间晚于扫码时间，请检查手机时间设置后重新扫码',
  tokenWrongShift: (title: string) => `这个签到码属于其他班次，不是「${title}」的签到码`,
  scanInFuture: '扫码时间晚于当前时间，请检查手机时间设置后重新同步',
  scanTooLate: (hours: number) => `离线扫码须在 ${hours} 小时内联网同步，这次扫码已过期；请联系组织管理员核对，或在我的时长中报告遗漏`,
  stationNotOpen: '这个班次今天还没有开启签到站，请联系组织管理员',
  stationNotToday: '只能在班次当天开启签到站',
  shiftCancelled: '这个班次已取消，不能签到',
  insuranceMissing: '该项目存在风险，组织登记保险后才能开启签到',
  outsideWindow: (opens: string, closes: string) => `不在签到时间内：本班次可在 ${opens} 至 ${closes} 之间签到、签退`,
  notSignedUp: '你没有这个班次的已确认报名，本项目不接受未报名的志愿者现场签到',
  locationRequired: '本项目签到需要位置信息，请允许获取位置后重试，或请组织管理员为你签到',
  outsideGeofence: (distance: number, radius: number) => `你距离活动地点约 ${distance} 米，超出签到范围（${radius} 米），请到达现场后再扫码`,
  pairLimit: (pairs: number) => `每人每天最多签到、签退 ${pairs} 次，今天的次数已用完`,
  overlap: (title: string) => `你在「${title}」的签到时间与本次重叠，请先在那里签退`,
  notCheckedIn: '你还没有在这个班次签到，请先签到',
  reversed: '签退时间早于签到时间，这次签退无效',
  empty: '签到后不足 1 分钟，不能签退',
  reasonRequired: '手动签到或签退请填写原因，会记录在案',
  volunteerNotFound: '没有找到这位志愿者，请核对后重试',
  alreadyCheckedIn: '这位志愿者已经签到，不能标记为未到',
  /** changeReason of the revision a late-synced check-out makes of a 未签退 record. */
  checkoutSynced: (hhmm: string) => `离线签退已同步：实际签退时间 ${hhmm}，替代系统按班次结束时间记录的未签退`,
  missingCheckoutDecided: '组织已处理这次未签退的时长记录，补传的签退不再改动它；如时长有误，请在我的时长中对该记录报告错误',
  markedAbsent: '组织已将你标记为本班次未到，扫码签到不再有效；如你在现场，请找组织管理员为你签到',
} as const;

export const FORBIDDEN_ATTENDANCE_MESSAGES = {
  manage: '只有该项目所属组织的管理员可以管理签到',
} as const;

// ── Service hours (typings/hours-actions.ts): confirmation, corrections, totals ──────────────────────────────────

export const HOURS_MESSAGES = {
  recordNotFound: '没有找到这条服务记录，请刷新后查看',
  recordNotPending: '这条记录已被处理过，不在待确认状态',
  /** 办法2012 Art. 7: a record lacking a mandatory field cannot be confirmed; `label` names it. */
  recordIncomplete: (label: string) => `这条记录缺少「${label}」，补全后才能确认`,
  recordNotAdjustable: '已退回或已撤销的记录不能再调整时长',
  recordNotConfirmed: '只有已确认的记录可以撤销',
  correctionNotFound: '没有找到这条更正申请，请刷新后查看',
  correctionDecided: '这条记录的更正申请已经处理过了，结果见记录详情',
  correctionOpen: '你对这条记录的更正申请正在等待组织处理',
  correctionTimesInvalid: '更正的开始和结束时间不正确：结束要晚于开始，最长 24 小时，时长不能超过这段时间',
  notOnRoster: '你没有这个班次的确认报名，不能报告遗漏',
  shiftNotOver: '班次结束后才能报告遗漏的时长',
  recordExists: '这个班次已有你的服务记录，如有错误请在该记录上报告错误',
} as const;

export const FORBIDDEN_HOURS_MESSAGES = {
  manage: '只有该记录所属组织的管理员可以确认和更正服务时长',
  check: '只有平台管理员可以核对时长统计',
} as const;

// ── Certificates, the volunteer's side and bulk issue (typings/certificate-vol.ts) ────────────────────────────────

export const CERTIFICATE_REQUEST_MESSAGES = {
  noConfirmedRecords: '所选范围内没有该组织确认的服务记录，暂不能开具证明',
  /** The issuer has not set up 负责人、经办人、印章 yet; a volunteer's request tells its admins (once) that someone waits. */
  settingsMissing: (issuerName: string, adminsTold: boolean) =>
    `「${issuerName}」还没有设置证明的负责人、经办人和印章${adminsTold ? '，已通知其管理员，设置后即可申请' : '，设置后才能开具证明'}`,
  periodOrder: '开始日期不能晚于结束日期',
  periodFuture: '结束日期不能晚于今天',
  tooManyVolunteers: (max: number) => `该项目有记录的志愿者超过 ${max} 人，无法一次批量开具`,
  batchNotFound: '没有找到这次批量开具，请返回后重新开始',
} as const;

/** Why nobody can certify an organization's records (certificate/issuer.ts IssuerOf reasons), as the volunteer reads it. */
export const ISSUER_UNAVAILABLE_MESSAGES = {
  grassroots_without_unit: '该团队没有挂靠具有法人资格的单位，暂时无人能为这些记录开具证明',
  dissolved_without_successor: '该组织已解散且没有指定承接单位，暂时无人能为这些记录开具证明',
  not_verified: '该组织尚未通过平台认证，暂时不能开具证明',
} as const;

export const BULK_ISSUE_SKIP_MESSAGES = {
  ALREADY_LIVE: '已有同一时段的有效证明或正在审核的申请',
  NO_CONFIRMED_RECORDS: '项目期间没有该组织确认的服务记录',
  NOT_REGISTERED: '志愿者已注销',
} as const;

export const FORBIDDEN_CERTIFICATE_MESSAGES = {
  bulk: '只有为该项目开具证明的组织的管理员可以批量开具证明',
} as const;

/** The Chinese names of a record's mandatory fields, for RECORD_INCOMPLETE (shared with 时长确认). */
export { RECORD_FIELD_LABELS };

// ── Certificates, the organization's side (certificate settings, seal, review, register, revocation) ─────────────

/** What the organization's certificate actions answer; every refusal of a field names it. */
export const CERTIFICATE_ORG_MESSAGES = {
  manage: '只有出具证明的组织的管理员可以管理证明',
  /** CANNOT_ISSUE, by issuerOf's reason. */
  grassrootsWithoutUnit: '草根团队没有法人资格，不能自行出具证明；请先在组织资料中挂靠一家已认证的单位，由该单位出具',
  dissolvedWithoutSuccessor: '该组织已解散且没有指定承继单位，暂不能出具证明',
  notVerified: '组织通过平台认证后才能出具志愿服务记录证明',
  issuedByOther: (name: string) => `该组织的证明由「${name}」出具，请由其管理员设置和审核`,
  personName: (label: string) => `${label}请填写 2–20 个字的真实姓名，不含数字和符号`,
  contactPhone: '联系方式请写明联系人和电话（手机或带区号的座机），核验证明的人会打这个电话',
  controlCharacters: (label: string) => `${label}不能包含换行、制表符等控制字符`,
  sealText: (orgName: string) => `文字印章只能是本组织的全称「${orgName}」`,
  sealNotUploaded: '印章图片不是为本组织上传的，请重新上传',
  sealNotPng: '印章应为 PNG 图片，请重新选择',
  sealNotTransparent: '印章图片需要透明背景（带透明通道的 PNG），请抠图后重新上传',
  sealTooLarge: (maxKb: number) => `印章图片超过 ${maxKb} KB，请压缩后重新上传`,
  sealSize: (min: number, max: number) => `印章图片的宽和高应在 ${min}–${max} 像素之间`,
  certificateNotFound: '没有找到这份证明申请',
  decided: '这份证明申请已由其他管理员处理，请刷新后查看',
  noConfirmedRecords: '该志愿者在本组织已没有可证明的已确认时长，无法出具证明',
  settingsMissing: '请先在“证明设置”中填写负责人、经办人、联系方式和印章',
  notIssued: '只有已出具的证明可以撤销',
  /** organization.designateSuccessor. */
  designateSuccessor: '只有平台管理员可以为已解散的组织指定承继单位',
  notDissolved: '只有已解散或已合并的组织需要指定承继单位',
  successorSelf: '承继单位不能是该组织自己',
  successorNotIssuer: '承继单位须为通过平台认证、具有法人资格的组织（草根团队不能承继）',
  successorLoop: '承继关系不能形成循环，请选择其他承继单位',
} as const;

/**
 * The words inside a certificate's Verifiable Credential (credentials/credential.ts). Frozen: a credential
 * is rebuilt from the register and compared whole when someone verifies a downloaded copy, so changing a text here
 * would make every copy issued before the change "not valid". A new wording needs a new version kept beside this one.
 */
export const CREDENTIAL_TEXTS_V1 = {
  credentialName: '志愿服务记录证明',
  credentialDescription: (number: string, hours: string, from: string, to: string) => `证明编号 ${number}，服务时长 ${hours} 小时（${from} 至 ${to}）`,
  achievementName: '志愿服务',
  achievementDescription: '在志愿服务组织登记并经其确认的志愿服务时长',
  criteria: '由记录该志愿服务的组织依据已确认的志愿服务记录出具（《志愿服务条例》第十九条）。',
  hoursResultName: '志愿服务时长（小时）',
  recordHours: (hours: string) => `${hours} 小时`,
  onBehalfOf: (relation: 'attached' | 'successor', name: string) => `${relation === 'attached' ? '为所属团队' : '作为承继单位为'}“${name}”出具`,
} as const;
