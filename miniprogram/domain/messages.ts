// Every error text the domain writes, in one module: the domain is shared by the mini-program and the functions, so
// a refusal reads the same as you type and when the server answers. Domain code refers to these and writes none of
// its own (cloudfunctions/_shared/messages/answers.test.ts scans for a Chinese error text anywhere else). Pure.
import type { RecordSource } from '../../typings/hours';
import { HELP_LIMITS } from './help-rules';

/** Ages at registration (age.ts). */
export const AGE_MESSAGES = {
  bornInFuture: '出生日期晚于今天，请核对',
  tooYoung: (minimumAge: number, age: number) => `年满${minimumAge}周岁才能注册为志愿者，你现在${age}周岁`,
  guardianNeeded: (age: number) => `未满${age}周岁注册需要监护人同意，请监护人填写信息并勾选同意`,
} as const;

/** ID numbers and other credentials (credential.ts). */
export const CREDENTIAL_MESSAGES = {
  hkMoPermitMissing: '请填写港澳居民来往内地通行证号码',
  hkMoPermitFormat: '港澳居民来往内地通行证号码应为 H 或 M 开头，后接8位或10位数字',
  twPermitMissing: '请填写台湾居民来往大陆通行证号码',
  twPermitFormat: '台湾居民来往大陆通行证号码应为8位或10位数字',
  passportMissing: '请填写护照号码',
  passportCharset: '护照号码只能包含字母和数字',
  passportLength: (length: number) => `护照号码应为5–17位字母或数字，当前为${length}位`,
  foreignPermanentMissing: '请填写外国人永久居留身份证号码',
  foreignPermanentFormat: '外国人永久居留身份证号码应为以 9 开头的18位（2023年版），或3位字母加12位数字（旧版）',
  numberMissing: (label: string) => `请填写${label}`,
  numberLength: (label: string, length: number) => `${label}应为18位，当前为${length}位`,
  notADigit: (label: string, position: number, character: string) => `${label}第${position}位「${character}」不是数字，前17位只能是数字`,
  lastCharacter: (label: string) => `${label}最后一位只能是数字或 X`,
  provinceCode: '地区码不正确：前两位不是省级行政区划代码',
  hmtAreaCode: '地区码不正确：港澳台居民居住证号码应以 810000（香港）、820000（澳门）或 830000（台湾）开头',
  acceptingProvinceCode: '地区码不正确：第2–3位不是受理地的省级行政区划代码',
  birthDateUnreal: (digits: string) => `出生日期不存在：号码第7–14位为 ${digits}，请核对`,
  birthDateBefore1900: (date: string) => `出生日期不正确：${date} 早于1900年，请核对`,
  birthDateInFuture: (date: string) => `出生日期晚于今天：号码中的出生日期为 ${date}，请核对`,
  checksum: '校验位不正确，请核对号码',
  /** A 港澳台居民居住证 number entered as 居民身份证 (notACitizenIdNumber, shown while typing too). */
  residencePermitNumber: (area: string, place: string) => `以 ${area} 开头的是${place}居民的港澳台居民居住证号码，不是居民身份证号码，请将证件类型选为“港澳台居民居住证”`,
  noCitizenIdPrefix: (prefix: string, place: string) =>
    `居民身份证号码不会以 ${prefix}（${place}）开头；港澳台居民请将证件类型选为“港澳台居民居住证”（号码以 810000、820000 或 830000 开头）`,
} as const;

/** Names as on the credential (credential.ts). */
export const NAME_MESSAGES = {
  missing: '请填写姓名',
  digits: '姓名不能包含数字',
  mixedScripts: '姓名请按证件填写，不能混用汉字和字母',
  character: (c: string) => `姓名含有不允许的字符「${c}」`,
  middleDot: '姓名中的“·”只能用在两部分之间',
  script: '姓名应由汉字或字母组成',
  length: (length: number) => `姓名应为2–30个字符，当前为${length}个`,
} as const;

/** Mobile and contact numbers (phone.ts). */
export const PHONE_MESSAGES = {
  missing: '请填写手机号',
  mainlandOnly: '目前只支持中国大陆手机号（+86）',
  digitsOnly: '手机号只能包含数字',
  length: (length: number) => `手机号应为11位，当前为${length}位`,
  prefix: '手机号应以 13–19 开头，请核对',
  contactNumber: '联系电话应为11位手机号，或带区号的固定电话（如 0591-87654321）',
} as const;

/** GB/T 2260 region codes (region.ts). */
export const REGION_MESSAGES = {
  namesMismatch: '所在地区的名称与地区代码不一致，请重新选择省、市、区县',
  provinceMismatch: (code: string, province: string, chosen: string) => `地区代码 ${code} 属于${province}，与所选的「${chosen}」不一致，请重新选择`,
  format: (code: string) => `地区代码应为6位数字，当前为「${code}」`,
  province: (province: string) => `地区代码不正确：前两位 ${province} 不是省级行政区划代码`,
  inconsistent: '地区代码不正确：市级部分为 00 时县级部分也应为 00',
} as const;

/** A volunteer's registration and profile (registration.ts). */
export const REGISTRATION_MESSAGES = {
  birthDateMismatch: (typedDate: string, birthDate: string) => `填写的出生日期 ${typedDate} 与证件号码中的出生日期 ${birthDate} 不一致，请核对`,
  genderMismatch: '填写的性别与证件号码不一致，请核对',
  birthDateNeeded: '此类证件号码不含出生日期，请填写出生日期',
  birthDateUnreal: (typedDate: string) => `出生日期不存在：「${typedDate}」，请按 年-月-日（如 2001-09-30）填写`,
  birthDateInFuture: '出生日期晚于今天，请核对',
  birthDateBefore1900: '出生日期早于1900年，请核对',
  genderNeeded: '此类证件号码不含性别，请选择性别',
  guardianName: (message: string) => `监护人姓名：${message}`,
  guardianRelation: '请选择与监护人的关系',
  guardianCredential: (message: string) => `监护人证件：${message}`,
  guardianIsVolunteer: '监护人证件不能与志愿者本人的证件相同，请填写监护人自己的证件',
  guardianNotAdult: (adultAge: number) => `监护人须年满${adultAge}周岁，请核对监护人证件`,
  wechatPhoneMissing: '未获取到微信绑定的手机号，请重新授权或手动填写',
  unknownSkill: (unknown: string) => `技能「${unknown}」不在技能列表中，请重新选择`,
  skillTagLength: (tag: string, max: number) => `技能标签「${tag}」超过${max}个字`,
  skillTagCount: (max: number, count: number) => `技能标签最多${max}个，当前为${count}个`,
  intentionNeeded: '请至少选择一个服务意向',
  unknownIntention: (unknown: string) => `服务意向「${unknown}」不在服务类别列表中，请重新选择`,
  weekday: '服务时间的星期应为周一至周日',
  weekdayTwice: (weekday: string) => `服务时间中${weekday}重复了`,
  weekdayWithoutTime: (weekday: string) => `请为${weekday}选择上午、下午或晚上`,
  timeOfDay: '服务时段只能是上午、下午或晚上',
  extraNeedsConsent: '填写紧急联系人或个人介绍需要你另行同意收集这些信息；不同意也可以不填',
  emergencyName: (message: string) => `紧急联系人姓名：${message}`,
  emergencyPhone: (message: string) => `紧急联系人手机号：${message}`,
  privacyTerms: (version: string) => `请阅读并同意最新的隐私条款（${version} 版）后再注册`,
} as const;

/** An organization's registration (registration.ts). */
export const ORGANIZATION_MESSAGES = {
  nameMissing: '请填写组织名称',
  nameLength: (nameLength: number) => `组织名称应为2–50个字，当前为${nameLength}个`,
  /** Control and format characters (bidi overrides, zero-width) in public text (org-name.ts), the first one named. */
  nameControl: (codePoint: string) => `组织名称含有不可见的控制字符（${codePoint}），请删除后重新输入`,
  textControl: (field: string, codePoint: string) => `${field}含有不可见的控制字符（${codePoint}），请删除后重新输入`,
  grassrootsWithUscc: '草根团队没有统一社会信用代码；已依法登记的组织请选择“已登记组织”',
  usccNeeded: '已登记组织请填写统一社会信用代码',
  authorityNeeded: '请填写登记管理机关（如 福州市鼓楼区民政局）',
  addressMissing: '请填写详细地址',
  addressLength: (addressLength: number) => `详细地址应为5–100个字，当前为${addressLength}个`,
  personInCharge: (message: string) => `负责人姓名：${message}`,
  contactName: (message: string) => `联系人姓名：${message}`,
} as const;

/** GB 32100 unified social credit codes (uscc.ts). */
export const USCC_MESSAGES = {
  missing: '请填写统一社会信用代码',
  length: (length: number) => `统一社会信用代码应为18位，当前为${length}位`,
  excludedLetter: (c: string) => `含有不允许的字符 ${c}（代码不使用 I、O、Z、S、V）`,
  character: (c: string) => `含有不允许的字符「${c}」（只能是数字和大写字母）`,
  checksum: '统一社会信用代码校验位不正确，请核对',
} as const;

/** A project's shifts as typed one by one or made by a repeat rule (shift-plan.ts): the form's preview and submit. */
export const SHIFT_PLAN_MESSAGES = {
  shiftTimesInvalid: '班次的开始和结束时间填写不正确',
  shiftWholeMinutes: '班次时间精确到分钟即可，不要带秒',
  shiftEndsAfterStart: '班次的结束时间要晚于开始时间',
  placesAtLeastOne: '每个班次至少招募 1 人',
  placesAtMost: (maxPlacesPerShift: number) => `每个班次最多招募 ${maxPlacesPerShift} 人`,
  repeatFirstDateInvalid: '重复规则的开始日期填写不正确',
  repeatTimeFormat: '重复规则的时间应为 时:分，如 09:00',
  repeatEndsAfterStart: '重复规则的结束时间要晚于开始时间',
  repeatWeekdays: '请选择每周哪几天重复（周一至周日）',
  repeatWeeks: '重复的周数应为 1 到 53',
  repeatUntilInvalid: '重复规则的截止日期填写不正确',
  repeatUntilBeforeFirst: '重复规则的截止日期不能早于开始日期',
  repeatWeeksOrUntil: '重复规则请填写重复几周，或截止到哪一天（二选一）',
  repeatOneYear: '一个项目从开始到结束最长一年',
  repeatNoFutureShift: '按这条重复规则，没有尚未开始的班次',
  shiftsMissing: '请至少添加一个班次',
  shiftsTooMany: (maxShiftsPerProject: number) => `一个项目最多 ${maxShiftsPerProject} 个班次，请拆成几个项目发布`,
  spanOneYear: '一个项目从第一个班次开始到最后一个班次结束最长一年',
  pastShift: '只能发布尚未开始的班次；已经结束的服务请走补录流程',
} as const;

const [NOTE_MIN, NOTE_MAX] = HELP_LIMITS.noteChars;
const [RADIUS_MIN, RADIUS_MAX] = HELP_LIMITS.willingRadiusKm;

/**
 * A help request's (求助) refusals for what both the 提交求助 / 求助核实 / 求助派单 / 消息设置 pages and the help function
 * check (help-rules.ts); the function's HELP_MESSAGES holds them with its own.
 */
export const HELP_RULE_MESSAGES = {
  category: '请选择服务类别',
  forWhom: '请选择服务对象',
  region: '请在地图上选择服务地点所在的区县',
  startInPast: '服务开始时间须晚于现在',
  tooFarAhead: `只能提交 ${HELP_LIMITS.maxAheadDays} 天以内的求助`,
  endBeforeStart: '结束时间须晚于开始时间',
  tooLong: `一次求助的服务时间不超过 ${HELP_LIMITS.maxSpanHours} 小时，更长的请分开提交`,
  reasonRequired: `婉拒时请写明原因（${NOTE_MIN}–${NOTE_MAX} 字），以便转派给下一家组织`,
  noteRequired: `请写明核实情况（${NOTE_MIN}–${NOTE_MAX} 字）：联系了谁、看到了什么或证据说明`,
  willingNeedsPlace: `请选择常在的位置和愿意响应的范围（${RADIUS_MIN}–${RADIUS_MAX} 公里）`,
} as const;

/**
 * The Chinese names of a record's mandatory fields (办法2012 Art. 7), as the server names them by path in
 * RECORD_INCOMPLETE and 时长确认 shows them.
 */
/** How each record was made, as every screen names it (补录 is always 补录; an omission's record is 遗漏更正). */
export const RECORD_SOURCE_LABELS: Record<RecordSource, string> = {
  onsite: '现场签到',
  bulk: '组织录入',
  declaration: '自主申报',
  hourCode: '时长码',
  makeup: '补录',
  correction: '遗漏更正',
};

export const RECORD_FIELD_LABELS: Record<string, string> = {
  volunteerNo: '志愿者编号',
  volunteerName: '志愿者姓名',
  orgName: '组织名称',
  activity: '活动信息',
  'activity.name': '活动名称',
  'activity.date': '服务日期',
  'activity.place': '服务地点',
  'activity.serviceObjects': '服务对象',
  'activity.content': '服务内容',
  'activity.leader': '项目负责人',
  minutes: '服务时长',
};


/** The static verification code of a saved card image, as someone types it (domain/card-proof.ts). */
export const CARD_PROOF_MESSAGES = {
  missing: '请填写志愿服务证图片上的核验码',
  length: (length: number) => `核验码应为32位（ZY 开头的志愿者编号加14位校验码），当前为${length}位`,
  format: '核验码格式不正确：应为 ZY 开头的18位志愿者编号，后接14位字母或数字',
  checksum: '核验码中的志愿者编号校验位不正确，请核对后重新输入',
} as const;

/**
 * Verifying a certificate (certificate.verify): one wording for the mini-program's 证明核验 page and the plain-URL
 * page outsiders open.
 */
export const VERIFY_MESSAGES = {
  title: '志愿服务记录证明核验',
  status: {
    valid: '有效',
    revoked: '已撤销',
    unknown: '未找到',
    not_valid: '无效',
  },
  headline: {
    valid: '证明有效：内容与出具组织登记的存档一致',
    revoked: '证明已被出具组织撤销',
    unknown: '登记簿中没有这个证明编号',
    not_valid: '证明无效，请勿采信',
  },
  reason: {
    number_checksum: '证明编号的校验位不正确，这个编号不是本平台出具的',
    credential_form: '文件不是本平台出具的电子证明（格式不符）',
    credential_proof: '电子证明的签名校验未通过，文件可能被改动过',
    credential_mismatch: '电子证明与登记簿中的存档内容不一致，文件可能被改动过',
    snapshot_signature: '存档内容的签名校验未通过，请联系出具组织核实',
  },
  unknownHint: '请核对编号；如编号无误，请联系出具组织核实',
  revokedReason: '撤销原因',
  revokedAt: '撤销日期',
  fields: {
    number: '证明编号',
    name: '志愿者',
    credential: '证件',
    volunteerNo: '志愿者编号',
    period: '服务期间',
    totalHours: '服务时长',
    issuer: '出具组织',
    onBehalfOf: '代为出具',
    personInCharge: '负责人',
    handler: '经办人',
    contact: '联系方式',
    issueDate: '出具日期',
    records: '服务记录',
  },
  hoursUnit: '小时',
  periodJoin: '至',
  numberPlaceholder: '输入20位证明编号，如 ZM35010220260000001X',
  numberLabel: '证明编号',
  verifyButton: '核验',
  scanButton: '扫码核验',
  credentialLabel: '或粘贴电子证明（JSON）',
  credentialFileLabel: '或上传电子证明文件',
  credentialButton: '核验电子证明',
  scanUnrecognised: '没有识别出证明编号，请扫描证明上的二维码或小程序码',
  free: '核验免费，无需注册或登录',
  attachedRelation: '为所属团队出具',
  successorRelation: '作为承继单位出具',
  tooManyRecords: (shown: number, total: number) => `仅显示前 ${shown} 条，共 ${total} 条`,
} as const;

/** 证明管理 (org/certificates): what the page itself says before or after the server answers. */
export const CERTIFICATE_ORG_PAGE_MESSAGES = {
  saved: '证明设置已保存',
  sealUploaded: '印章图片已上传，保存后生效',
  sealNotPng: '请选择透明背景的 PNG 印章图片',
  reasonFirst: '请先填写原因，志愿者会看到',
  approveTitle: (name: string) => `为 ${name} 出具证明？`,
  approveContent: (hours: string) => `将按当前已确认的 ${hours} 小时编号出具，出具后不能修改。`,
  rejectTitle: (name: string) => `不通过 ${name} 的申请？`,
  revokeTitle: (number: string) => `撤销证明 ${number}？`,
  revokeContent: (reason: string) => `撤销后核验将显示“已撤销”，原因：${reason}。此操作不能恢复。`,
  confirmApprove: '出具',
  confirmReject: '不通过',
  confirmRevoke: '撤销',
  approved: (number: string) => `已出具，编号 ${number}`,
  rejected: '已退回申请',
  revoked: '证明已撤销',
  issuedBy: (name: string) => `本组织的证明由「${name}」出具，请联系其管理员`,
  policyImmediate: '申请后立即出具',
  policyReview: '管理员审核后出具',
  statusIssued: '有效',
  statusRevoked: '已撤销',
  revokedAt: (date: string, reason: string) => `${date} 撤销：${reason}`,
  period: (from: string, to: string) => `${from} 至 ${to}`,
  onBehalfOf: (name: string) => `代「${name}」出具`,
} as const;

/** 证明详情 (pages/certificate): the certificate's summary, opening and forwarding its PDF. */
export const CERTIFICATE_PAGE_TEXT = {
  statusText: { issued: '有效', revoked: '已撤销' },
  period: (from: string, to: string) => `${from} 至 ${to}`,
  records: (count: number) => `${count} 条服务记录`,
  onBehalfOf: (name: string) => `代 ${name} 出具`,
  revoked: (date: string, reason: string) => `已于 ${date} 撤销，原因：${reason}。文件仍可打开留存，但不能作为有效证明使用。`,
  revokedTitle: '这份证明已撤销',
  missingId: '没有指定要查看的证明，请从证明列表进入',
  opening: '正在打开…',
  openFailed: '文件没能打开，请稍后重试',
  shareFailed: '没能转发，请先点“打开证明”，再在右上角菜单中转发',
  credentialFailed: '电子凭证没能生成，请稍后重试',
} as const;

/** 我们的项目 → 批量开具证明 (certificate.bulkIssue): at the end of a project, one certificate for everyone who served. */
export const BULK_CERTIFICATE_MESSAGES = {
  button: '批量开具证明',
  confirmTitle: (title: string) => `为「${title}」批量开具证明？`,
  confirmContent: '将为本项目每位有已确认时长的志愿者各开具一份志愿服务记录证明（免费），按项目期间的已确认记录编号出具，出具后不能修改。已有有效证明的志愿者会跳过。',
  confirmText: '开具',
  progress: (done: number, total: number) => `正在开具证明 ${done}/${total}`,
  doneTitle: '批量开具完成',
  doneContent: (issued: number, skipped: number) => (skipped > 0 ? `已开具 ${issued} 份证明，跳过 ${skipped} 位志愿者（已有有效证明或没有可证明的时长）。` : `已开具 ${issued} 份证明。`),
  summary: (issued: number, total: number) => `已开具 ${issued} 份证明（共 ${total} 位志愿者）`,
} as const;

/** 消息 and 消息设置 (volunteer/inbox, volunteer/notify-settings): notification preferences and the official account. */
export const NOTIFY_PAGE_TEXT = {
  kindOn: (label: string) => `${label}，已开启`,
  kindOff: (label: string) => `${label}，已关闭`,
  // The notify function's words for the same refusal (DISPATCH_MESSAGES.sameStartEnd): one wording either way.
  quietSame: '免打扰的开始时间和结束时间不能相同',
  badQuietHours: '免打扰时段不正确：请选择不同的开始和结束时间（24 小时制，如 22:00 至 08:00）',
  follows: '你已关注「志愿+」公众号：订阅消息次数用完时，通知会通过公众号发给你。',
  notFollowing: '你还没有关注「志愿+」公众号。关注后，即使订阅消息次数用完，报名、时长和证明等通知也能及时收到。可在微信中搜索「志愿+」公众号关注。',
  saveFailed: '设置没能保存，已恢复原来的选择',
} as const;

/** 确认参加 (volunteer/place-check, opened by the 24-hour shift reminder): confirm the place or release it. */
export const PLACE_CHECK_PAGE_TEXT = {
  missingId: '没有指定要确认的报名，请从提醒消息或“我的报名”进入',
  held: '名额已为你保留',
  confirmed: (at: string) => `你已于 ${at} 确认参加`,
  released: '你已释放名额，名额已让给候补的志愿者',
  ended: '这条报名已结束',
  started: '班次已经开始',
  confirmDone: '已确认参加',
  releaseTitle: '释放名额？',
  releaseTitleLate: '确认迟退？',
  releaseContent: '释放后名额会让给候补的志愿者，你将不再参加这个班次。',
  releaseContentLate: '已过取消截止时间，释放名额会记为迟退。名额会让给候补的志愿者。',
  releaseConfirm: '释放名额',
  releaseDone: '名额已释放',
  releaseDoneLate: '名额已释放（记为迟退）',
} as const;
