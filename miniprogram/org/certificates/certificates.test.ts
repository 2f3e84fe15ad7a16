/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 证明管理 through the real certificate function: settings refused field by field and saved, the text seal drawn and
// an uploaded seal shown; a request approved (numbered) and one rejected with a reason; the register with a
// revocation asked for twice (a reason, then a confirmation); a stranger told.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { certificateKeyIdOf } from '../../../cloudfunctions/_shared/documents/certificate';
import { pngOf } from '../../../cloudfunctions/certificate/seal-fixture';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { organizationWithAdmin, pendingRecords } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-orgcert-admin';
const VOLUNTEER = 'openid-orgcert-v';
const OTHER = 'openid-orgcert-v2';
const ORG = { orgId: 'org-cert-page', orgName: '鼓楼区阳光志愿服务中心' };

async function volunteerIdOf(openid: string): Promise<string> {
  return ((await serverDb(emu).collection('volunteers').where({ userId: userIdOf(openid) }).get()).data[0] as { _id: string })._id;
}

/** Confirmed hours for `openid` at the organization, confirmed through the hours function by the admin. */
async function confirmedHours(openid: string, minutes: number[]): Promise<void> {
  const ids = await pendingRecords(emu, openid, minutes.map((m, i) => ({ ...ORG, name: '社区助老', date: `2026-11-0${i + 1}`, minutes: m })));
  bridge.actAs(ADMIN);
  const res = await call('hours', 'confirm', { recordIds: ids });
  if (!res.ok) throw new Error(res.error.code);
}

/** A request under review, as the volunteer's request writes it. */
async function requestFrom(openid: string, requestedAt: Date): Promise<string> {
  const volunteerId = await volunteerIdOf(openid);
  const id = `ct_page_${openid.slice(-2)}_${requestedAt.getTime()}`;
  const scope = { kind: 'all' as const };
  const keyId = certificateKeyIdOf(volunteerId, ORG.orgId, scope);
  await serverDb(emu).collection('certificates').add({ data: { _id: id, status: 'reviewing', keyId, volunteerId, requestedBy: userIdOf(openid), issuerOrgId: ORG.orgId, recordsOrgId: ORG.orgId, scope, requestedAt, updatedAt: requestedAt } });
  await serverDb(emu).collection('certificateKeys').add({ data: { _id: keyId, current: id, updatedAt: requestedAt } });
  return id;
}

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/certificates/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '王建国');
  await registerVolunteer(bridge, VOLUNTEER, '林晓梅');
  await registerVolunteer(bridge, OTHER, '欧阳娜娜');
  await organizationWithAdmin(emu, ORG.orgId, ORG.orgName, ADMIN);
  await serverDb(emu).collection('organizations').doc(ORG.orgId).update({ data: { kind: 'registered', personInCharge: '王建国' } });
  await confirmedHours(VOLUNTEER, [150, 90]);
  await confirmedHours(OTHER, [60]);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string, tab = 'settings'): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad({ orgId: ORG.orgId, tab });
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

async function input(page: Rendered, selector: string, value: string): Promise<void> {
  page.querySelector(selector)!.dispatchEvent('input', { detail: { value } });
  await simulate.sleep(0);
}

test('settings: the text seal drawn, a refusal under its field, saved; an uploaded seal shown', async () => {
  const page = await open(ADMIN);
  expect(textOf(page, '#seal-drawn')).toContain(ORG.orgName);
  expect(page.data.state.form.personInCharge).toBe('王建国');
  await input(page, '#handler', '陈2');
  await input(page, '#contact', '陈静 0591-87654321');
  await tap(page, '#save');
  await waitFor(() => Boolean(page.data.state.form.errors.handler));
  expect(textOf(page, '#error-handler')).toContain('经办人');
  shot(page, 'settings-error');
  const toast = jest.spyOn(wx, 'showToast');
  await input(page, '#handler', '陈静');
  await tap(page, '#policy-review');
  await tap(page, '#save');
  await waitFor(() => toast.mock.calls.length > 0);
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '证明设置已保存' }));
  bridge.actAs(ADMIN);
  expect(await call('certificate', 'settings', { orgId: ORG.orgId })).toMatchObject({ ok: true, data: { settings: { handler: '陈静', issuePolicy: 'review', seal: { kind: 'text', text: ORG.orgName } } } });
  shot(page, 'settings');

  // An image without transparency is refused under the seal; a transparent one is shown.
  await tap(page, '#seal-image');
  expect(page.querySelector('#seal-none')).toBeTruthy();
  jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://tmp/seal.png' }] })) as never);
  const files = jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({ readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: pngOf(200, 2).toString('base64') }) } as never);
  await tap(page, '#seal-upload');
  await waitFor(() => Boolean(page.data.state.form.errors.seal));
  expect(textOf(page, '#error-seal')).toContain('透明');
  files.mockReturnValue({ readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: pngOf(200).toString('base64') }) } as never);
  await tap(page, '#seal-upload');
  await waitFor(() => Boolean(page.data.state.form.sealUrl));
  expect(page.querySelector('#seal-uploaded')).toBeTruthy();
  expect(page.querySelector('#error-seal')).toBeFalsy();
  shot(page, 'seal-image');
  await tap(page, '#save');
  await waitFor(() => toast.mock.calls.length > 2);
  bridge.actAs(ADMIN);
  expect(await call('certificate', 'settings', { orgId: ORG.orgId })).toMatchObject({ ok: true, data: { settings: { seal: { kind: 'image', fileId: page.data.state.form.sealFileId } } } });
});

test('review: oldest first with the name and hours; approved with a number, rejected only with a reason; the register and a revocation', async () => {
  bridge.actAs(ADMIN);
  await call('certificate', 'saveSettings', { orgId: ORG.orgId, personInCharge: '王建国', handler: '陈静', contact: '陈静 0591-87654321', seal: { kind: 'text', text: ORG.orgName }, issuePolicy: 'review' });
  const first = await requestFrom(VOLUNTEER, new Date('2026-11-20T02:00:00Z'));
  const second = await requestFrom(OTHER, new Date('2026-11-21T02:00:00Z'));
  const page = await open(ADMIN, 'review');
  await waitFor(() => page.data.state.review.length === 2);
  expect(textOf(page, '#request-0')).toContain('林晓梅');
  expect(textOf(page, '#request-0')).toContain('4.0 小时');
  expect(textOf(page, '#request-0')).toContain('2026-11-01 至 2026-11-02');
  expect(textOf(page, '#request-1')).toContain('欧阳娜娜');
  shot(page, 'review');

  const modal = jest.spyOn(wx, 'showModal');
  const toast = jest.spyOn(wx, 'showToast');
  await tap(page, '#approve-0');
  await waitFor(() => page.data.state.review.length === 1);
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '为 林晓梅 出具证明？' }));
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: expect.stringMatching(/^已出具，编号 ZM350102\d{11}[0-9X]$/) }));
  await tap(page, '#reject-0');
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先填写原因，志愿者会看到' }));
  await input(page, '#review-reason', '时长尚待更正');
  await tap(page, '#reject-0');
  await waitFor(() => page.data.state.review.length === 0);
  expect(textOf(page, '#review-empty')).toContain('没有待审核');
  expect((await serverDb(emu).collection('certificates').where({ _id: second }).get()).data[0]).toMatchObject({ status: 'rejected', rejected: { reason: '时长尚待更正' } });

  await tap(page, '#tab-register');
  await waitFor(() => page.data.state.register.length === 1);
  expect(textOf(page, '#entry-0')).toContain('林晓梅');
  expect(textOf(page, '#entry-0')).toContain('经办人 陈静');
  expect(textOf(page, '#status-0')).toBe('有效');
  shot(page, 'register');
  await tap(page, '#revoke-0');
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先填写原因，志愿者会看到' }));
  await input(page, '#revoke-reason', '记录更正后重新出具');
  // Declined at the confirmation: nothing happens.
  modal.mockImplementationOnce(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false, cancel: true })) as never);
  await tap(page, '#revoke-0');
  await simulate.sleep(50);
  expect(page.data.state.register[0]!.revoked).toBe(false);
  await tap(page, '#revoke-0');
  await waitFor(() => page.data.state.register[0]?.revoked === true);
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: expect.stringMatching(/^撤销证明 ZM/), confirmText: '撤销' }));
  expect(textOf(page, '#status-0')).toBe('已撤销');
  expect(textOf(page, '#revoked-0')).toContain('记录更正后重新出具');
  expect(page.querySelector('#revoke-0')).toBeFalsy();
  shot(page, 'register-revoked');
  expect((await serverDb(emu).collection('certificates').where({ _id: first }).get()).data[0]).toMatchObject({ status: 'revoked' });
});

test('someone who is not an admin of the organization is told so', async () => {
  const page = await open(VOLUNTEER);
  expect(page.data.state.status).toBe('error');
  expect(textOf(page, '#error')).toContain('只有出具证明的组织的管理员');
  shot(page, 'forbidden');
});
