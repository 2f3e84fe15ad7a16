// The part of the export file a person reads (PIPL Art. 45: a copy the person can use): Chinese labels, values in
// words (居民身份证, not CN_ID; 男; 周一上午), times in Beijing time (dayjs at the fixed UTC+8 offset). The same
// content follows in the machine-readable part (view.ts buildExport). Pure.
import { MEMBERSHIP_LABELS, KIND_LABELS, ROLE_LABELS, STATUS_LABELS } from '../../miniprogram/common/org-labels';
import { shanghaiDateTime } from '../../miniprogram/domain/calendar';
import { SERVICE_CATEGORIES, SKILLS, labelOf } from '../../miniprogram/domain/codes';
import { credentialTypeLabel } from '../../miniprogram/domain/credential';
import { CONSENT_LABELS, GENDER_LABELS, RELATION_LABELS, availabilityText } from '../../miniprogram/domain/labels';
import type { CredentialType, ExtraFields, Gender, GuardianRelation } from '../../typings/volunteer';
import type { MembershipStatus, MemberRole, OrganizationKind, OrganizationStatus } from '../../typings/organization';
import type { Role } from '../../typings/user';

/** What the readable part is built from: the machine-readable part's values, already decrypted. */
export interface ReadableSources {
  exportedAt: Date;
  linkHours: number;
  account: { userId: string; openid: string; unionid: string | null; roles: string[]; createdAt: string; earlierExports: number };
  volunteer: {
    volunteerNo: string;
    name: string;
    credential: { type: CredentialType; number: string };
    gender: Gender;
    birthDate: string;
    phone: { number: string; verified: boolean };
    regionCode: string;
    regionNames: string[];
    skills: string[];
    skillTags: string[];
    intentions: string[];
    availability: Parameters<typeof availabilityText>[0];
    extra: ExtraFields | null;
    consents: Array<{ kind: keyof typeof CONSENT_LABELS; version: string; grantedAt: string; withdrawnAt?: string }>;
    guardian: { name: string; relation: GuardianRelation; credential: { type: CredentialType; number: string }; consentedAt: string } | null;
    registeredAt: string;
  } | null;
  memberships: Array<{ organizationName: string | null; role: MemberRole; status: MembershipStatus; requestedAt: string | null; since: string | null }>;
  notifications: Array<{ title: string; body: string; createdAt: string | null; readAt: string | null }>;
  organizationsCreated: Array<{ name?: unknown; kind?: unknown; status?: unknown; createdAt?: unknown }>;
}

const ROLE_WORDS: Readonly<Record<Role, string>> = { volunteer: '志愿者', platformAdmin: '平台管理员' };
const NOT_FILLED = '未填写';

const time = (iso: string | null | undefined): string => (iso ? shanghaiDateTime(iso) : '');
const list = (items: string[]): string => items.filter((s) => s !== '').join('、') || NOT_FILLED;
const labelIn = <K extends string>(labels: Readonly<Record<K, string>>, value: unknown): string =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(labels, value) ? labels[value as K] : String(value ?? '');

export function readableExport(s: ReadableSources): Record<string, unknown> {
  return {
    说明: `这是志愿+保存的关于你的全部信息，导出于 ${time(s.exportedAt.toISOString())}（北京时间）。前半部分供你阅读；从“format”起是同样内容的机器可读部分，供转移到其他平台使用。文件含完整的证件号码和手机号，请妥善保管；下载链接 ${s.linkHours} 小时后失效，文件随之删除。`,
    ...(s.volunteer ? volunteerPart(s.volunteer) : { 个人资料: '未注册志愿者：没有实名资料' }),
    账号: {
      用户编号: s.account.userId,
      微信OpenID: s.account.openid,
      ...(s.account.unionid ? { 微信UnionID: s.account.unionid } : {}),
      ...(s.account.roles.length ? { 另外授予的身份: s.account.roles.map((r) => labelIn<Role>(ROLE_WORDS, r)).join('、') } : {}),
      首次使用时间: time(s.account.createdAt),
      尚未过期的导出: `${s.account.earlierExports} 份`,
    },
    所在组织: s.memberships.map((m) => ({
      组织: m.organizationName ?? '（组织已不存在）',
      身份: ROLE_LABELS[m.role],
      状态: MEMBERSHIP_LABELS[m.status],
      申请时间: time(m.requestedAt),
      ...(m.since ? { 加入时间: time(m.since) } : {}),
    })),
    我创建的组织: s.organizationsCreated.map((o) => ({
      名称: String(o.name ?? ''),
      类型: labelIn<OrganizationKind>(KIND_LABELS, o.kind),
      审核状态: labelIn<OrganizationStatus>(STATUS_LABELS, o.status),
      创建时间: typeof o.createdAt === 'string' ? time(o.createdAt) : '',
    })),
    消息: s.notifications.map((n) => ({
      标题: n.title,
      内容: n.body,
      时间: time(n.createdAt),
      已读: n.readAt ? time(n.readAt) : '未读',
    })),
  };
}

/** 个人资料, 监护人 and 授权同意 of a registered volunteer. */
function volunteerPart(v: NonNullable<ReadableSources['volunteer']>): Record<string, unknown> {
  const contact = v.extra?.emergencyContact;
  return {
    个人资料: {
      姓名: v.name,
      志愿者编号: v.volunteerNo,
      证件类型: credentialTypeLabel(v.credential.type),
      证件号码: v.credential.number,
      性别: GENDER_LABELS[v.gender],
      出生日期: v.birthDate,
      手机号: `${v.phone.number}（${v.phone.verified ? '已验证' : '未验证'}）`,
      居住地区: v.regionNames.join(' ') || v.regionCode,
      技能特长: list([...v.skills.map((c) => labelOf(SKILLS, c) ?? c), ...v.skillTags]),
      服务意向: list(v.intentions.map((c) => labelOf(SERVICE_CATEGORIES, c) ?? c)),
      可服务时间: availabilityText(v.availability) || NOT_FILLED,
      紧急联系人: contact ? `${contact.name} ${contact.phone}` : NOT_FILLED,
      个人介绍: v.extra?.introduction || NOT_FILLED,
      注册时间: time(v.registeredAt),
    },
    ...(v.guardian
      ? {
          监护人: {
            姓名: v.guardian.name,
            关系: RELATION_LABELS[v.guardian.relation],
            证件类型: credentialTypeLabel(v.guardian.credential.type),
            证件号码: v.guardian.credential.number,
            同意时间: time(v.guardian.consentedAt),
          },
        }
      : {}),
    授权同意: v.consents.map((c) => ({
      事项: CONSENT_LABELS[c.kind],
      版本: c.version,
      同意时间: time(c.grantedAt),
      撤回时间: c.withdrawnAt ? time(c.withdrawnAt) : '未撤回',
    })),
  };
}
