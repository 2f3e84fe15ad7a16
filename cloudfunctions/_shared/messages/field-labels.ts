// The Chinese name of every request field, per function: a schema refusal names the field as a person knows it
// (`联系人手机号`), never by its path (`contact.phone`). The path stays in the error's `field` for forms.
// field-labels.test.ts walks every function's schemas, so a field cannot be added without its label here.
import type { FunctionName } from '../../../typings';

export const FIELD_LABELS: { [F in FunctionName]: Readonly<Record<string, string>> } = {
  user: {},
  volunteer: {
    code: '手机号授权凭证',
    name: '姓名',
    credential: '证件信息',
    'credential.type': '证件类型',
    'credential.number': '证件号码',
    gender: '性别',
    birthDate: '出生日期',
    guardian: '监护人信息',
    'guardian.name': '监护人姓名',
    'guardian.relation': '与监护人的关系',
    'guardian.credential': '监护人证件信息',
    'guardian.credential.type': '监护人证件类型',
    'guardian.credential.number': '监护人证件号码',
    'guardian.agreed': '监护人同意',
    phone: '手机号',
    'phone.source': '手机号来源',
    'phone.proof': '微信手机号授权',
    'phone.number': '手机号',
    regionCode: '所在地区',
    regionNames: '所在地区名称',
    skills: '技能特长',
    skillTags: '自定义技能',
    intentions: '服务意向',
    availability: '服务时间',
    'availability.weekday': '服务时间的星期',
    'availability.times': '服务时段',
    consents: '授权同意',
    'consents.privacyVersion': '隐私政策版本',
    'consents.extraFields': '补充信息授权',
    extra: '补充信息',
    'extra.emergencyContact': '紧急联系人',
    'extra.emergencyContact.name': '紧急联系人姓名',
    'extra.emergencyContact.phone': '紧急联系人电话',
    'extra.introduction': '个人简介',
    orgId: '组织',
    payload: '志愿者证二维码',
    kind: '撤回的授权',
    confirm: '注销确认',
  },
  organization: {
    name: '组织名称',
    kind: '组织类型',
    uscc: '统一社会信用代码',
    authority: '登记管理机关',
    regionCode: '所在地区',
    regionNames: '所在地区名称',
    address: '地址',
    personInCharge: '负责人',
    contact: '联系人',
    'contact.name': '联系人姓名',
    'contact.phone': '联系电话',
    parentId: '上级组织',
    introduction: '组织简介',
    orgId: '组织',
    keyword: '搜索关键词',
    decision: '审核结果',
    reason: '理由',
    code: '邀请码',
    message: '申请留言',
    userId: '申请人',
  },
  inbox: {
    before: '翻页位置',
    limit: '每页条数',
    ids: '消息',
  },
  signup: {
    projectId: '项目',
    shiftId: '班次',
    password: '报名口令',
    signupId: '报名记录',
    signupIds: '报名记录',
    when: '报名时间范围',
    cursor: '翻页位置',
    status: '报名状态',
    decision: '审核结果',
    reason: '原因',
  },
};

/** The label key of an issue path: array positions left out (`availability.0.weekday` → `availability.weekday`). */
export function labelPathOf(path: readonly PropertyKey[]): string {
  return path.filter((key): key is string => typeof key === 'string').join('.');
}

/** The Chinese label of a field of function `fn`, or undefined when it has none. */
export function fieldLabel(fn: FunctionName, path: readonly PropertyKey[]): string | undefined {
  const labels = FIELD_LABELS[fn];
  const key = labelPathOf(path);
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}
