/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 证明核验 through the real certificate.verify: opened from a mini-program code (?scene=), typed, or scanned (the
// plain-URL QR or the mini-program code's path); valid, revoked, unknown and not valid each shown plainly, the
// name masked. Someone not registered can verify.
import { startLocalCloud, type LocalCloud } from '../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../test-support/emulator-bridge';
import { load, propertyOf, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../test-support/simulate';

interface IssuedLike {
  _id: string;
  number: string;
}
// The issuing side, loaded as the emulator is (test-support/emulator.ts): the mini-program's type check stays off it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const issuing = require('../../cloudfunctions/certificate/vc-test-support') as {
  issueCertificate(emu: unknown, now?: Date): Promise<IssuedLike>;
  revokeCertificate(emu: unknown, id: string, reason: string, at: Date): Promise<void>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const numbering = require('../../cloudfunctions/_shared/rules/certificate-number') as { formatCertificateNo(p: { regionCode: string; year: number; sequence: number }): string };

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let valid: IssuedLike;
let revoked: IssuedLike;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('verify/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-anyone-unregistered');
  valid = await issuing.issueCertificate(emu, new Date('2026-11-30T02:00:00Z'));
  revoked = await issuing.issueCertificate(emu, new Date('2026-11-30T02:00:00Z'));
  await issuing.revokeCertificate(emu, revoked._id, '服务记录更正后重新出具', new Date('2026-12-01T03:00:00Z'));
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type VerifyPage = { onLoad(q: Record<string, string>): Promise<void>; onScan(): Promise<void>; onVerify(): Promise<void> };
const instanceOf = (page: Rendered) => page.instance as unknown as VerifyPage;

test('opened from the certificate’s mini-program code it shows the valid certificate, the name masked', async () => {
  const page = render(pageId);
  await instanceOf(page).onLoad({ scene: encodeURIComponent(valid.number) });
  expect(textOf(page, '#badge')).toBe('有效');
  expect(textOf(page, '#headline')).toBe('证明有效：内容与出具组织登记的存档一致');
  const certificate = textOf(page, '#certificate') ?? '';
  expect(certificate).toContain('林**');
  expect(certificate).not.toContain('林晓梅');
  expect(certificate).toContain('4.0 小时');
  expect(certificate).toContain('鼓楼区阳光志愿服务中心');
  expect(textOf(page, '#records')).toContain('2.5 小时');
  expect(textOf(page, '#free')).toBe('核验免费，无需注册或登录');
  shot(page, 'valid');
});

test('a typed number of a revoked certificate shows revoked with the reason and date', async () => {
  const page = render(pageId);
  await instanceOf(page).onLoad({});
  expect(page.querySelector('#answer')).toBeFalsy();
  shot(page, 'empty');
  await typeInto(page, '#number', revoked.number.toLowerCase());
  await tap(page, '#verify');
  await waitFor(() => page.querySelector('#answer'));
  expect(textOf(page, '#badge')).toBe('已撤销');
  expect(propertyOf(page, '#number', 'value')).toBe(revoked.number);
  expect(textOf(page, '#answer')).toContain('服务记录更正后重新出具');
  expect(textOf(page, '#answer')).toContain('2026-12-01');
  shot(page, 'revoked');
});

test('scanning the plain-URL QR or the mini-program code verifies; an unknown number and a forged one say so', async () => {
  const page = render(pageId);
  await instanceOf(page).onLoad({});
  const scans = jest.spyOn(wx, 'scanCode');
  scans.mockImplementationOnce(((o: { success?: (r: object) => void }) => o.success?.({ result: `https://verify.zhiyuan.example/verify?no=${valid.number}`, scanType: 'QR_CODE' })) as never);
  await instanceOf(page).onScan();
  expect(textOf(page, '#badge')).toBe('有效');

  const unissued = numbering.formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 8_000_000 });
  scans.mockImplementationOnce(((o: { success?: (r: object) => void }) => o.success?.({ result: '', path: `verify/index?scene=${encodeURIComponent(unissued)}`, scanType: 'WX_CODE' })) as never);
  await instanceOf(page).onScan();
  expect(textOf(page, '#badge')).toBe('未找到');
  expect(textOf(page, '#note')).toBe('请核对编号；如编号无误，请联系出具组织核实');
  shot(page, 'unknown');

  const forged = valid.number.slice(0, 19) + (valid.number[19] === '0' ? '1' : '0');
  await instanceOf(page).onLoad({ no: forged });
  expect(textOf(page, '#badge')).toBe('无效');
  expect(textOf(page, '#note')).toBe('证明编号的校验位不正确，这个编号不是本平台出具的');
  shot(page, 'not-valid');
});

test('a scan without a certificate number only says so; a closed camera changes nothing; a short number is refused', async () => {
  const page = render(pageId);
  await instanceOf(page).onLoad({});
  const toast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  jest.spyOn(wx, 'scanCode').mockImplementationOnce(((o: { success?: (r: object) => void }) => o.success?.({ result: 'https://example.com/other' })) as never);
  await instanceOf(page).onScan();
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有识别出证明编号，请扫描证明上的二维码或小程序码' }));
  jest.spyOn(wx, 'scanCode').mockImplementationOnce(((o: { fail?: (e: object) => void }) => o.fail?.({ errMsg: 'scanCode:fail cancel' })) as never);
  await instanceOf(page).onScan();
  expect(page.querySelector('#answer')).toBeFalsy();
  await typeInto(page, '#number', 'ZM3501');
  await instanceOf(page).onVerify();
  expect(textOf(page, '#refused')).toBe('证明编号应为20位（ZM 加18位数字），当前为6位');
  shot(page, 'refused');
});
