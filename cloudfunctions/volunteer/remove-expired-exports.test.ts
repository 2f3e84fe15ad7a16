// The timer trigger removeExpiredExports: an export file (plaintext ID and phone inside) is deleted once its link
// has expired. Fired as CloudBase fires it — the built function's main, through the emulator's runtime, with the
// timer event and TCB_SOURCE wx_trigger — and refused when a client sends the same event.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { ExportDoc } from '../_shared/documents/export';
import { userIdOf } from '../_shared/documents/ids';
import { allDocs, idNumber, registration } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

const timerEvent = (TriggerName = 'removeExpiredExports') => ({ Type: 'Timer', TriggerName, Time: new Date().toISOString(), Message: '' });

function fireTimer(event: object) {
  return emu.runtime!.invoke('volunteer', event, { source: 'wx_trigger' });
}

async function exportAs(openid: string): Promise<{ fileID: string; url: string }> {
  const res = await caller(emu, openid).call('volunteer', 'exportMine', {});
  if (!res.ok) throw new Error(`export failed: ${res.error.code}`);
  return res.data;
}

async function exportsOf(openid: string): Promise<ExportDoc[]> {
  return (await allDocs(emu, 'exports')).filter((e) => e.userId === userIdOf(openid)) as unknown as ExportDoc[];
}

/** Make an export's link look expired: its record says so (the test does not wait an hour). */
async function expire(fileID: string): Promise<void> {
  const record = (await allDocs(emu, 'exports')).find((e) => e.fileID === fileID);
  await serverSdk(emu).database().collection('exports').doc(String(record!._id)).update({ data: { expiresAt: new Date(Date.now() - 1000) } });
}

const downloadable = async (url: string) => (await fetch(url)).status === 200;

beforeAll(async () => {
  for (const [openid, order] of [['openid-exporter', 801], ['openid-other', 803]] as const) {
    const res = await caller(emu, openid).call('volunteer', 'register', registration({ credential: { type: 'CN_ID', number: idNumber(1985, order) } }));
    if (!res.ok) throw new Error(`register failed: ${res.error.code}`);
  }
});

test('each export is recorded with the instant its link expires', async () => {
  const before = Date.now();
  const file = await exportAs('openid-exporter');
  const [record] = (await exportsOf('openid-exporter')).filter((e) => e.fileID === file.fileID);
  expect(record).toMatchObject({ fileID: file.fileID, userId: userIdOf('openid-exporter') });
  expect(new Date(record.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
  expect(await downloadable(file.url)).toBe(true);
});

test('the trigger deletes expired export files and their records, and leaves unexpired ones', async () => {
  const old = await exportAs('openid-exporter');
  const fresh = await exportAs('openid-other');
  await expire(old.fileID);

  const outcome = await fireTimer(timerEvent());
  expect(outcome).toMatchObject({ ok: true });
  expect(JSON.parse((outcome as { json: string }).json)).toMatchObject({ removed: 1 });

  expect(await downloadable(old.url)).toBe(false);
  expect((await exportsOf('openid-exporter')).map((e) => e.fileID)).not.toContain(old.fileID);
  expect(await downloadable(fresh.url)).toBe(true);
  expect((await exportsOf('openid-other')).map((e) => e.fileID)).toContain(fresh.fileID);
});

test('more expired files than one deleteFile call takes (50) are all removed', async () => {
  const sdk = serverSdk(emu);
  const db = sdk.database();
  const past = new Date(Date.now() - 60_000);
  const files: string[] = [];
  for (let i = 0; i < 55; i++) {
    const up = await sdk.uploadFile({ cloudPath: `exports/bulk/${i}.json`, fileContent: Buffer.from(`{"n":${i}}`) });
    files.push(up.fileID);
  }
  for (let i = 0; i < files.length; i += 10) {
    await Promise.all(
      files.slice(i, i + 10).map((fileID, j) =>
        db.collection('exports').add({ data: { _id: `x_bulk_${i + j}`, userId: 'u_bulk', fileID, createdAt: past, expiresAt: past } }),
      ),
    );
  }
  const outcome = await fireTimer(timerEvent());
  expect(JSON.parse((outcome as { json: string }).json)).toMatchObject({ removed: 55 });
  expect((await allDocs(emu, 'exports')).filter((e) => e.userId === 'u_bulk')).toEqual([]);
  // getTempFileURL takes at most 50 files a call, like deleteFile.
  const links: Array<{ code?: string; tempFileURL?: string }> = [];
  for (let i = 0; i < files.length; i += 50) {
    const res = (await sdk.getTempFileURL({ fileList: files.slice(i, i + 50) })) as unknown as { fileList: typeof links };
    links.push(...res.fileList);
  }
  expect(links).toHaveLength(55);
  const stillThere = await Promise.all(links.map(async (f) => (f.tempFileURL ? downloadable(f.tempFileURL) : false)));
  expect(stillThere.filter(Boolean)).toHaveLength(0);
});

test('a client sending the timer event gains nothing: it is not an action, and nothing is removed', async () => {
  const file = await exportAs('openid-other');
  await expire(file.fileID);
  const res = await caller(emu, 'openid-other').raw('volunteer', timerEvent());
  expect(res.body).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: expect.any(String) } });
  expect(await downloadable(file.url)).toBe(true);
  expect((await exportsOf('openid-other')).map((e) => e.fileID)).toContain(file.fileID);
});

test('a timer the function does not know fails the invocation, as SCF records a failed trigger', async () => {
  const outcome = await fireTimer(timerEvent('noSuchTrigger'));
  expect(outcome).toMatchObject({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringMatching(/noSuchTrigger/) });
});
