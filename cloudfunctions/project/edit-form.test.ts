// What the publish form needs from the project function, through the emulator: a cover uploaded through the
// function (storage is private to clients), only such a cover accepted by saveDraft, the saved form back for its
// admins (and only them), and a caller's own sign-ups in the detail.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { docs, functionEnv, registerVolunteer } from '../organization/test-support';
import { COVER_MAX_BYTES } from './cover';
import { draft, publisher, published, signUp } from './fixtures';
import { formStartingIn, shiftOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const JPEG = Buffer.from('ffd8ffe000104a464946000101', 'hex');
const jpeg = (bytes: Buffer = JPEG) => ({ contentType: 'image/jpeg' as const, base64: bytes.toString('base64') });

test('a cover is stored under the organization, and saveDraft takes only such a cover', async () => {
  const p = await publisher(emu);
  const res = await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: jpeg() });
  expect(res).toEqual({ ok: true, data: { fileId: expect.stringMatching(new RegExp(`/project-covers/${p.orgId}/[0-9a-f]{20}\\.jpg$`)), url: expect.stringMatching(/^http/) } });
  if (!res.ok) return;
  const { fileContent } = await serverSdk(emu).downloadFile({ fileID: res.data.fileId });
  expect(Buffer.compare(fileContent as Buffer, JPEG)).toBe(0);

  const coverId = /([0-9a-f]{20})\.jpg$/.exec(res.data.fileId)![1]!;
  expect(await docs(emu, 'projectCovers', { _id: coverId })).toEqual([{ _id: coverId, orgId: p.orgId, fileId: res.data.fileId, createdAt: expect.any(Date) }]);
  const projectId = await draft(p, formStartingIn(new Date(), 3, { coverFileId: res.data.fileId }));
  const seen = await p.admin.as.call('project', 'get', { projectId });
  expect(seen.ok && seen.data.admin?.form.coverFileId).toBe(res.data.fileId);
  expect(seen.ok && seen.data.coverUrl).toMatch(/^http/);

  // Another organization's cover, or any other private file (a claim's evidence photo), is refused.
  const other = await publisher(emu);
  const theirs = await other.admin.as.call('project', 'uploadCover', { orgId: other.orgId, photo: jpeg() });
  if (!theirs.ok) throw new Error(theirs.error.code);
  const { fileID: evidence } = await serverSdk(emu).uploadFile({ cloudPath: 'claims/c1/1-abc.jpg', fileContent: JPEG });
  // A file placed in this organization's folder by anything but uploadCover has no record and is refused too.
  const { fileID: unrecorded } = await serverSdk(emu).uploadFile({ cloudPath: `project-covers/${p.orgId}/${'0'.repeat(20)}.jpg`, fileContent: JPEG });
  for (const coverFileId of [theirs.data.fileId, evidence, unrecorded]) {
    expect(await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, project: formStartingIn(new Date(), 3, { coverFileId }) })).toEqual({
      ok: false,
      error: { code: 'PROJECT_INVALID', message: '封面请在本页“选择封面”上传后再保存', field: 'project.coverFileId' },
    });
  }
});

test('a cover must be a JPEG or PNG within 70 KB, sent by an admin of the organization', async () => {
  const p = await publisher(emu);
  const notImage = await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: { contentType: 'image/png', base64: JPEG.toString('base64') } });
  expect(notImage).toEqual({ ok: false, error: { code: 'COVER_INVALID', message: '封面应为 JPG 或 PNG 图片，请重新选择', field: 'coverFileId' } });
  const big = Buffer.concat([JPEG, Buffer.alloc(COVER_MAX_BYTES)]);
  expect(await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: jpeg(big) })).toEqual({ ok: false, error: { code: 'COVER_INVALID', message: '封面压缩后仍超过 70 KB，请换一张或裁剪后再选', field: 'coverFileId' } });
  const justFits = Buffer.concat([JPEG, Buffer.alloc(COVER_MAX_BYTES - JPEG.length)]);
  expect(await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: jpeg(justFits) })).toMatchObject({ ok: true });
  expect(await caller(emu, 'openid-cover-stranger').call('project', 'uploadCover', { orgId: p.orgId, photo: jpeg() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the saved form comes back to its admins with the phone they typed and never the password', async () => {
  const p = await publisher(emu);
  const form = formStartingIn(new Date(), 4, { conditions: { skills: ['急救'], scope: 'password', password: 'abcd1234', minorsAllowed: false } });
  const projectId = await draft(p, form);
  const seen = await p.admin.as.call('project', 'get', { projectId });
  if (!seen.ok) throw new Error(seen.error.code);
  expect(seen.data.admin?.passwordSet).toBe(true);
  const { password: _password, ...conditions } = form.conditions;
  void _password;
  expect(seen.data.admin?.form).toEqual({ ...form, conditions });
  expect(JSON.stringify(seen.data)).not.toContain('abcd1234');

  const recruiting = await published(p, formStartingIn(new Date(), 4));
  const visitor = await caller(emu, 'openid-form-visitor').call('project', 'get', { projectId: recruiting });
  expect(visitor.ok && visitor.data.admin).toBeUndefined();
  expect(JSON.stringify(visitor)).not.toContain('13900001111');
});

test('a caller sees their own sign-ups of the project that hold or wait for a place', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, {
    ...formStartingIn(new Date(), 5),
    shifts: [...formStartingIn(new Date(), 5).shifts, ...formStartingIn(new Date(), 6).shifts],
  });
  const v = await registerVolunteer(emu, `openid-mine-${Date.now().toString(36)}`, '张三');
  await signUp(emu, shiftOf(projectId, 0), v);
  await signUp(emu, shiftOf(projectId, 1), v, 'withdrawn');
  const mine = await v.as.call('project', 'get', { projectId });
  expect(mine.ok && mine.data.mySignups).toEqual([{ shiftId: shiftOf(projectId, 0), status: 'confirmed' }]);
  const someoneElse = await caller(emu, 'openid-mine-other').call('project', 'get', { projectId });
  expect(someoneElse.ok && someoneElse.data.mySignups).toEqual([]);
});
