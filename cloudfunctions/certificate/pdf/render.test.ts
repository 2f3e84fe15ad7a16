// The certificate PDF read back by pdf.js: every field RULES §5 lists is there as text, long lists continue over pages
// with the header repeated, the same snapshot gives the same bytes, attachments are embedded, and nothing speaks of
// a fee (RULES §5: free).
import * as QRCode from 'qrcode';
import { renderCertificatePdf } from './render';
import { assetsFor, extractPdf, recordLines, snapshotOf, squeezed } from './test-support';

const snapshot = snapshotOf({
  records: recordLines(4),
  issuer: {
    orgId: 'org_unit',
    name: '鼓楼区志愿者协会',
    personInCharge: '王建国',
    handler: '陈静',
    contact: '陈静 0591-87654321',
    seal: { kind: 'text', text: '福州市鼓楼区志愿者协会' },
    onBehalfOf: { orgId: 'org_team', name: '温泉街道志愿服务队', relation: 'attached' },
  },
});

test('every field RULES §5 lists is printed as text (意见149)', async () => {
  const pdf = await renderCertificatePdf(snapshot, await assetsFor(snapshot));
  const text = squeezed(extractPdf(pdf.bytes).pages.map((p) => p.text).join(''));
  const fields = [
    '志愿服务记录证明',
    `姓名：${snapshot.volunteer.name}`,
    '证件类型：居民身份证',
    `证件号码：${snapshot.volunteer.credentialNoMasked}`,
    `志愿者编号：${snapshot.volunteer.volunteerNo}`,
    `服务期间：${snapshot.period.from}至${snapshot.period.to}`,
    ...snapshot.records.flatMap((r) => [r.date, squeezed(r.project), squeezed(r.content)]),
    '1.0', '1.5', '2.0', '2.5',
    `合计：4条记录，累计志愿服务时长7.0小时`,
    '出具单位：鼓楼区志愿者协会',
    '代温泉街道志愿服务队出具',
    '负责人：王建国',
    '经办人：陈静',
    '联系方式：陈静0591-87654321',
    `证明编号：${snapshot.number}`,
    '出具日期：2026年11月30日',
    `核验网址：https://verify.example.org/verify?no=${snapshot.number}`,
  ];
  for (const field of fields) expect(text).toContain(squeezed(field));
  // The credential number is printed as the snapshot masked it, and nothing more of it.
  expect(text).toContain(`证件号码：${snapshot.volunteer.credentialNoMasked}服务期间`);
  expect(text).not.toMatch(/收费|费用|付费|支付|价格|金额|¥|￥/);
  expect(pdf.substituted).toEqual([]);
});

test('a successor says so; an uploaded seal image is drawn instead of the text seal', async () => {
  const s = snapshotOf({ issuer: { ...snapshot.issuer, seal: { kind: 'image', fileId: 'cloud://seal.png' }, onBehalfOf: { orgId: 'org_gone', name: '原鼓楼区青年志愿者协会', relation: 'successor' } } });
  // Any transparent PNG stands for an uploaded seal: red on a transparent ground.
  const seal = await QRCode.toBuffer('seal', { type: 'png', width: 200, color: { dark: '#d61a1fff', light: '#0000' } });
  const pdf = await renderCertificatePdf(s, await assetsFor(s, { sealImage: seal }));
  const text = squeezed(extractPdf(pdf.bytes).pages[0].text);
  expect(text).toContain('作为原鼓楼区青年志愿者协会的承继单位出具');
  // The text seal would print the seal's words; the image seal prints none.
  expect(text).not.toContain('福州市鼓楼区志愿者协会');
  await expect(renderCertificatePdf(s, await assetsFor(s))).rejects.toThrow(/image seal/);
});

test('200 records continue over pages with the header and page x/y repeated, totals right', async () => {
  const s = snapshotOf({ records: recordLines(200) });
  const pdf = await renderCertificatePdf(s, await assetsFor(s));
  const pages = extractPdf(pdf.bytes).pages.map((p) => squeezed(p.text));
  expect(pdf.pageCount).toBe(pages.length);
  expect(pages.length).toBeGreaterThan(5);
  for (const [i, page] of pages.entries()) {
    expect(page).toContain(squeezed(`第 ${i + 1} / ${pages.length} 页`));
    expect(page).toContain(s.number);
    expect(page).toContain(`姓名：${s.volunteer.name}`);
    if (i > 0) expect(page).toContain('志愿服务记录证明（续）');
    if (i > 0 && i < pages.length - 1) expect(page).toContain('日期项目服务内容时长（小时）');
  }
  const all = pages.join('');
  for (const r of s.records) expect(all).toContain(squeezed(r.content));
  const hours = (s.totalMinutes / 60).toFixed(1);
  expect(all).toContain(`合计：200条记录，累计志愿服务时长${hours}小时`);
  // The closing block (issuer, seal, codes) comes once, on the last page.
  expect(pages.filter((p) => p.includes('出具单位：'))).toHaveLength(1);
  expect(pages[pages.length - 1]).toContain('出具单位：');
});

test('the same snapshot and assets give the same bytes; another issuance instant does not', async () => {
  const assets = await assetsFor(snapshot);
  const [a, b] = [await renderCertificatePdf(snapshot, assets), await renderCertificatePdf(snapshot, assets)];
  expect(a.sha256).toBe(b.sha256);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  const later = await renderCertificatePdf({ ...snapshot, issuedAt: '2026-11-30T02:00:01.000Z' }, assets);
  expect(later.sha256).not.toBe(a.sha256);
  expect(extractPdf(a.bytes).info).toMatchObject({ Title: `志愿服务记录证明 ${snapshot.number}`, CreationDate: 'D:20261130020000Z' });
});

test('attachments are embedded as PDF files with their bytes', async () => {
  const credential = Buffer.from(JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }));
  const pdf = await renderCertificatePdf(snapshot, await assetsFor(snapshot, { attachments: [{ name: 'credential.json', mime: 'application/vc+ld+json', bytes: credential }] }));
  const { attachments } = extractPdf(pdf.bytes);
  expect(attachments).toEqual([{ name: 'credential.json', bytes: credential.toString('base64') }]);
});
