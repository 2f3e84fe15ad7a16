// The words printed on the certificate PDF (志愿服务记录证明, RULES §5; content per 意见149). Layout and drawing are in
// cloudfunctions/certificate/pdf/; only the texts live here.
import { credentialTypeLabel } from '../../../miniprogram/domain/credential';
import type { CertificateSnapshot } from '../../../typings/certificate';

export const CERTIFICATE_PDF_TEXT = {
  title: '志愿服务记录证明',
  continuedTitle: '志愿服务记录证明（续）',
  number: (no: string) => `证明编号：${no}`,
  name: (name: string) => `姓名：${name}`,
  volunteerNo: (no: string) => `志愿者编号：${no}`,
  credential: (s: CertificateSnapshot['volunteer']) => `证件类型：${credentialTypeLabel(s.credentialType)}　证件号码：${s.credentialNoMasked}`,
  period: (from: string, to: string) => `服务期间：${from} 至 ${to}`,
  statement: (name: string, recordsOrg: string, hours: string) =>
    `兹证明 ${name} 参加 ${recordsOrg} 组织的志愿服务，经核实，服务记录如下，累计志愿服务时长 ${hours} 小时。`,
  columns: { date: '日期', project: '项目', content: '服务内容', hours: '时长（小时）' },
  total: (count: number, hours: string) => `合计：${count} 条记录，累计志愿服务时长 ${hours} 小时`,
  issuer: (name: string) => `出具单位：${name}`,
  onBehalfOf: (o: NonNullable<CertificateSnapshot['issuer']['onBehalfOf']>) =>
    o.relation === 'attached' ? `代 ${o.name} 出具` : `作为 ${o.name} 的承继单位出具`,
  personInCharge: (name: string) => `负责人：${name}`,
  handler: (name: string) => `经办人：${name}`,
  contact: (contact: string) => `联系方式：${contact}`,
  issueDate: (date: string) => {
    const [y, m, d] = date.split('-').map(Number);
    return `出具日期：${y}年${m}月${d}日`;
  },
  miniProgramCode: '微信扫码核验',
  webCode: '网页核验',
  verifyUrl: (url: string) => `核验网址：${url}`,
  /** The names the PDF and the credential are saved and forwarded as. */
  fileName: (number: string, extension: 'pdf' | 'json') => `志愿服务记录证明-${number}.${extension}`,
  /** The embedded Verifiable Credential's description in the PDF's attachment list. */
  credentialAttachment: '本证明的电子凭证（W3C 可验证凭证，Open Badges 3.0），可用平台公布的公钥离线核验',
  verifyNote: '凭证明编号或二维码可核验本证明的真实性与状态；本证明由志愿服务组织根据志愿服务记录出具。',
  page: (no: string, page: number, pages: number) => `证明编号 ${no}　第 ${page} / ${pages} 页`,
} as const;
