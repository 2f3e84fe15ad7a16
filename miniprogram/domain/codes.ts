// Code lists as versioned data (RULES §10). Codes are stable ASCII identifiers stored in the database; labels are
// what people see. Never reuse or renumber a code: retire it in a new CODE_LIST_VERSION instead.

export const CODE_LIST_VERSION = '2026.1';
/** Version of the privacy terms a registration must agree to (typings/volunteer.ts RegisterRequest.consents). */
export const PRIVACY_TERMS_VERSION = '2026-11-01';
/**
 * What a person agrees to for the extra fields (办法2012 Art. 6), word for word at registration and in 我的资料
 * (volunteer.giveConsent records it with PRIVACY_TERMS_VERSION).
 */
export const EXTRA_FIELDS_CONSENT_TEXT = '我同意另外提供紧急联系人和个人介绍，仅用于服务中的紧急联络和组织了解我；可随时撤回';

export interface CodeItem<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

/** Service categories in the order the national system lists them. */
export const SERVICE_CATEGORIES = [
  { code: 'community', label: '社区服务' },
  { code: 'poverty_relief', label: '扶贫减贫' },
  { code: 'education', label: '支教助学' },
  { code: 'health', label: '卫生健康' },
  { code: 'legal', label: '法律服务' },
  { code: 'environment', label: '环境保护' },
  { code: 'science', label: '科技科普' },
  { code: 'culture', label: '文化艺术' },
  { code: 'public_safety', label: '平安综治' },
  { code: 'civility', label: '文明风尚' },
  { code: 'traffic', label: '交通引导' },
  { code: 'fire', label: '志愿消防' },
  { code: 'emergency', label: '应急救援' },
  { code: 'anti_drug', label: '禁毒宣传' },
  { code: 'sports', label: '体育健身' },
  { code: 'tourism', label: '旅游服务' },
  { code: 'special_groups', label: '关爱特殊群体' },
  { code: 'major_events', label: '大型活动' },
  { code: 'overseas', label: '海外志愿服务' },
  { code: 'tax', label: '税收服务' },
  { code: 'epidemic', label: '疫情防控' },
  { code: 'other', label: '其他' },
] as const;
export type ServiceCategoryCode = (typeof SERVICE_CATEGORIES)[number]['code'];

export const SERVICE_OBJECTS = [
  { code: 'children', label: '儿童' },
  { code: 'youth', label: '青少年' },
  { code: 'women', label: '妇女' },
  { code: 'elderly', label: '老年人' },
  { code: 'disabled', label: '残障人士' },
  { code: 'entitled_groups', label: '优抚对象' },
  { code: 'low_income_families', label: '困难家庭' },
  { code: 'patients', label: '病患者' },
  { code: 'rural_residents', label: '农村居民' },
  { code: 'urban_residents', label: '城镇居民' },
  { code: 'public', label: '社会公众' },
  { code: 'other', label: '其他' },
] as const;
export type ServiceObjectCode = (typeof SERVICE_OBJECTS)[number]['code'];

export const SKILLS = [
  { code: 'medical_care', label: '医疗护理' },
  { code: 'counselling', label: '心理咨询' },
  { code: 'legal_advice', label: '法律咨询' },
  { code: 'translation', label: '外语翻译' },
  { code: 'sign_language', label: '手语' },
  { code: 'first_aid', label: '急救（持证）' },
  { code: 'driving', label: '驾驶' },
  { code: 'photography', label: '摄影摄像' },
  { code: 'writing', label: '文字宣传' },
  { code: 'design', label: '设计' },
  { code: 'it', label: '信息技术' },
  { code: 'tutoring', label: '教育辅导' },
  { code: 'performance', label: '文艺表演' },
  { code: 'sports_coaching', label: '体育指导' },
  { code: 'accounting', label: '财会' },
  { code: 'coordination', label: '组织协调' },
  { code: 'environmental', label: '环保知识' },
  { code: 'fire_safety', label: '消防安全' },
  { code: 'emergency_rescue', label: '应急救援' },
  { code: 'other', label: '其他' },
] as const;
export type SkillCode = (typeof SKILLS)[number]['code'];

// The lists are `as const` for their code types; passing them to `has` and `labelOf` checks their shape against CodeItem.
function has(list: readonly CodeItem[], code: unknown): boolean {
  return typeof code === 'string' && list.some((item) => item.code === code);
}

export function isServiceCategory(code: unknown): code is ServiceCategoryCode {
  return has(SERVICE_CATEGORIES, code);
}

export function isServiceObject(code: unknown): code is ServiceObjectCode {
  return has(SERVICE_OBJECTS, code);
}

export function isSkill(code: unknown): code is SkillCode {
  return has(SKILLS, code);
}

/** The label of a code, or undefined for a code not in the list (e.g. retired). */
export function labelOf(list: readonly CodeItem[], code: string): string | undefined {
  return list.find((item) => item.code === code)?.label;
}
