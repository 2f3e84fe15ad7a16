// What only the help pages say (issue 12, 求助): a field's hint where the server names the field in its own words
// (BAD_REQUEST). The limits are the domain's (domain/help-rules.ts); refusals both sides give are HELP_RULE_MESSAGES.
import { HELP_LIMITS } from '../../domain/help-rules';

const [WHAT_MIN, WHAT_MAX] = HELP_LIMITS.whatChars;
const [WANTED_MIN, WANTED_MAX] = HELP_LIMITS.volunteersWanted;

export const FORM_TEXT = {
  what: `请用 ${WHAT_MIN}–${WHAT_MAX} 字写明需要什么帮助`,
  description: `请用几个字说明服务对象，如 独居老人王阿姨（不超过 ${HELP_LIMITS.descriptionMaxChars} 字）`,
  location: '请在地图上选择服务地点',
  address: '请填写详细地址，方便志愿者找到',
  date: '请选择服务日期',
  volunteers: `需要的志愿者人数为 ${WANTED_MIN}–${WANTED_MAX} 人`,
  contactName: '请填写联系人姓名',
  stars: '请点选 1–5 颗星',
  comment: `评价不超过 ${HELP_LIMITS.commentMaxChars} 字`,
  categories: '请至少选择一个接单的服务类别',
  base: '请在地图上选择组织的位置',
} as const;
