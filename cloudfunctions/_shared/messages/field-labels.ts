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
    kind: '授权项目',
    version: '授权内容版本',
    confirm: '注销确认',
    // 申诉找回
    statement: '情况说明',
    privacyVersion: '隐私条款版本',
    claimId: '申诉编号',
    photo: '证据照片',
    'photo.contentType': '照片格式',
    'photo.base64': '照片内容',
    cursor: '翻页位置',
    decision: '审核结果',
    reason: '审核理由',
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
    after: '列表位置',
    decision: '审核结果',
    reason: '理由',
    code: '邀请码',
    message: '申请留言',
    userId: '成员',
    cursor: '翻页位置',
    claimId: '申诉',
    statement: '申诉说明',
    evidence: '证明材料照片',
    application: '申诉的组织信息',
    'application.name': '组织名称',
    'application.kind': '组织类型',
    'application.uscc': '统一社会信用代码',
    'application.authority': '登记管理机关',
    'application.regionCode': '所在地区',
    'application.regionNames': '所在地区名称',
    'application.address': '地址',
    'application.personInCharge': '负责人',
    'application.contact': '联系人',
    'application.contact.name': '联系人姓名',
    'application.contact.phone': '联系电话',
    'application.parentId': '上级组织',
    'application.introduction': '组织简介',
  },
  inbox: {
    before: '翻页位置',
    limit: '每页条数',
    ids: '消息',
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
