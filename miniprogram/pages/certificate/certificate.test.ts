/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 证明详情 through the real `certificate` function: the summary of an issued certificate, 打开证明 downloading the PDF
// from its temporary link and opening it with the menu, 转发给朋友 reusing that file, a revoked certificate saying so
// first, and someone else's certificate not found.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { issuedCertificate, publishCertificateFonts, revokeCertificate } from '../../test-support/certificates';
import { organizationWithAdmin } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-cert-page-admin';
const ME = 'openid-cert-page-me';
const OTHER = 'openid-cert-page-other';
const ORG = { orgId: 'org-cert-page', orgName: '鼓楼区阳光志愿服务中心' };
const downloads = mkdtempSync(join(tmpdir(), 'zy-cert-page-'));

beforeAll(async () => {
  emu = await startLocalCloud();
  await publishCertificateFonts(emu);
  pageId = load('pages/certificate/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '王建国');
  await registerVolunteer(bridge, ME, '林晓梅');
  await registerVolunteer(bridge, OTHER, '张三');
  await organizationWithAdmin(emu, ORG.orgId, ORG.orgName, ADMIN);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type Options = { url?: string; filePath?: string; fileName?: string; fileType?: string; showMenu?: boolean; success?: (r: unknown) => void };

/** wx.* the simulator lacks are stubbed first, so each can be spied on. */
function stub(name: 'downloadFile' | 'openDocument' | 'shareFileMessage', impl: (o: Options) => void) {
  const api = wx as unknown as Record<string, unknown>;
  if (typeof api[name] !== 'function') api[name] = () => undefined;
  return jest.spyOn(api as Record<string, (o: Options) => void>, name).mockImplementation(impl);
}

/** wx.downloadFile as the phone does it: the temporary link fetched for real into a local file. */
function realDownloads() {
  let n = 0;
  return stub('downloadFile', (o) => {
    void fetch(o.url!).then(async (res) => {
      const path = join(downloads, `${++n}.pdf`);
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      o.success?.({ statusCode: res.status, tempFilePath: path });
    });
  });
}

async function open(openid: string, certificateId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad({ certificateId });
  await waitFor(() => page.data.view.status !== 'loading');
  return page;
}

test('the summary, 打开证明 opening the PDF with its menu, 转发给朋友 sending the same file', async () => {
  const c = await issuedCertificate(emu, ME, ORG.orgId, 4);
  const page = await open(ME, c._id);
  expect(textOf(page, '#number')).toBe(c.number);
  expect(textOf(page, '#issuer')).toBe(ORG.orgName);
  expect(textOf(page, '#state')).toBe('有效');
  expect(textOf(page, '#records')).toBe('4 条服务记录');
  expect(textOf(page, '#hours')).toMatch(/^\d+\.\d 小时$/);
  expect(textOf(page, '#period')).toMatch(/^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/);
  shot(page, 'issued');

  const download = realDownloads();
  const opened = stub('openDocument', (o) => o.success?.({}));
  const shared = stub('shareFileMessage', (o) => o.success?.({}));
  await tap(page, '#open');
  await waitFor(() => opened.mock.calls.length === 1);
  const { filePath, fileType, showMenu } = opened.mock.calls[0][0];
  expect({ fileType, showMenu }).toEqual({ fileType: 'pdf', showMenu: true });
  const bytes = readFileSync(filePath!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const stored = (await emu.wechat.calls.filter((x) => x.api === 'wxacode.getUnlimited').at(-1))!;
  expect(stored.data).toMatchObject({ scene: c.number });

  await tap(page, '#share');
  await waitFor(() => shared.mock.calls.length === 1);
  expect(shared.mock.calls[0][0]).toMatchObject({ filePath, fileName: `志愿服务记录证明-${c.number}.pdf` });
  // The file fetched for 打开证明 is the one forwarded: one download for both.
  expect(download).toHaveBeenCalledTimes(1);
  expect(createHash('sha256').update(bytes).digest('hex')).toHaveLength(64);
});

test('a revoked certificate says so on the page and again before the file opens', async () => {
  const c = await issuedCertificate(emu, ME, ORG.orgId, 2);
  await revokeCertificate(emu, c._id, '服务记录有误', new Date('2026-12-01T03:00:00Z'));
  const page = await open(ME, c._id);
  expect(textOf(page, '#state')).toBe('已撤销');
  expect(textOf(page, '#revoked')).toContain('已于 2026-12-01 撤销，原因：服务记录有误');
  shot(page, 'revoked');
  realDownloads();
  const modal = jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false })) as never);
  const opened = stub('openDocument', (o) => o.success?.({}));
  await tap(page, '#open');
  await waitFor(() => opened.mock.calls.length === 1);
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '这份证明已撤销', content: expect.stringContaining('已撤销') }));
});

test('someone else’s certificate is not found, and a link without an id says where to come from', async () => {
  const c = await issuedCertificate(emu, ME, ORG.orgId, 1);
  const page = await open(OTHER, c._id);
  expect(textOf(page, '#error')).toBe('没有找到这份证明，请返回证明列表后重试');
  shot(page, 'not-found');
  const bare = render(pageId);
  await bare.instance.onLoad({});
  expect(bare.data.view.status).toBe('error');
  expect(textOf(bare, '#error')).toBe('没有指定要查看的证明，请从证明列表进入');
});

test('转发电子凭证 writes the Verifiable Credential as a JSON file and sends it to a chat', async () => {
  const c = await issuedCertificate(emu, ME, ORG.orgId, 2);
  const page = await open(ME, c._id);
  const written: Array<{ filePath: string; data: string; encoding: string }> = [];
  jest.spyOn(wx, 'getFileSystemManager').mockImplementation((() => ({
    writeFile: (o: { filePath: string; data: string; encoding: string; success: () => void }) => {
      written.push(o);
      o.success();
    },
  })) as never);
  const shared = stub('shareFileMessage', (o) => o.success?.({}));
  await tap(page, '#credential');
  await waitFor(() => shared.mock.calls.length === 1);
  expect(written).toHaveLength(1);
  const credential = JSON.parse(written[0]!.data) as { type: string[]; proof: { cryptosuite: string }; credentialStatus: { type: string } };
  expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(credential.proof.cryptosuite).toBe('eddsa-jcs-2022');
  expect(credential.credentialStatus.type).toBe('BitstringStatusListEntry');
  expect(shared.mock.calls[0][0]).toMatchObject({ filePath: written[0]!.filePath, fileName: `志愿服务记录证明-${c.number}.json` });
  expect(page.data.busy).toBe('');
});
