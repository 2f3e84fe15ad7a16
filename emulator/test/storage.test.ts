// Storage through the stock SDK: upload, temporary URL served over HTTP, download, delete — as a private CloudBase
// bucket (what `npm run deploy` sets) answers: only signed, unexpired links are served, 50 files per call.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

type UrlList = { fileList: Array<{ fileID: string; status: number; tempFileURL: string; maxAge?: number }> };

describe.each([
  ['in memory', null],
  ['on disk', fs.mkdtempSync(path.join(os.tmpdir(), 'zy-storage-'))],
])('storage %s', (_label, dataDir) => {
  let emu: Emulator;
  let offset = 0;
  beforeAll(async () => {
    emu = await startTestEmulator({ dataDir, functionsDir: null, collections: [], now: () => Date.now() + offset });
  });
  afterAll(async () => emu.stop());
  afterEach(() => {
    offset = 0;
  });

  test('upload, temporary URL, download and delete', async () => {
    const cloud = serverSdk(emu);
    const content = Buffer.from('志愿服务证明 #42');
    const { fileID } = await cloud.uploadFile({ cloudPath: 'certificates/42.txt', fileContent: content });
    expect(fileID).toMatch(/^cloud:\/\/.+\/certificates\/42\.txt$/);

    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as UrlList;
    expect(fileList[0].status).toBe(0);
    const served = await fetch(fileList[0].tempFileURL);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(content)).toBe(true);

    const downloaded = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(downloaded.fileContent as Buffer, content)).toBe(0);

    const removed = (await cloud.deleteFile({ fileList: [fileID] })) as { fileList: Array<{ status: number }> };
    expect(removed.fileList[0].status).toBe(0);
    const gone = await fetch(fileList[0].tempFileURL);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('<Code>NoSuchKey</Code>');
    const after = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number }> };
    expect(after.fileList[0].status).not.toBe(0);
  });

  test('the bucket is private: an unsigned or tampered URL is refused with COS’s error', async () => {
    const cloud = serverSdk(emu);
    const { fileID } = await cloud.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('x') });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as UrlList;
    const signed = new URL(fileList[0].tempFileURL);

    const unsigned = await fetch(`${signed.origin}${signed.pathname}`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(/<Code>AccessDenied<\/Code>/);

    const otherFile = new URL(signed);
    otherFile.pathname = otherFile.pathname.replace('b.txt', 'c.txt');
    expect((await fetch(otherFile)).status).toBe(403);

    const longer = new URL(signed);
    longer.searchParams.set('e', String(Number(signed.searchParams.get('e')) + 3600_000));
    const refused = await fetch(longer);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  test('a link lives 10 minutes without maxAge, maxAge seconds with it, one day at most', async () => {
    const cloud = serverSdk(emu);
    const { fileID } = await cloud.uploadFile({ cloudPath: 'links/x.txt', fileContent: Buffer.from('x') });
    const [plain] = ((await cloud.getTempFileURL({ fileList: [fileID] })) as UrlList).fileList;
    const [hour] = ((await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as UrlList).fileList;
    const [week] = ((await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 7 * 86_400 }] })) as UrlList).fileList;
    expect([plain.maxAge, hour.maxAge, week.maxAge]).toEqual([600, 3600, 86_400]);

    offset = 600_000 + 1;
    const expired = await fetch(plain.tempFileURL);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    expect((await fetch(hour.tempFileURL)).status).toBe(200);
    offset = 86_400_000 + 1;
    expect((await fetch(week.tempFileURL)).status).toBe(403);
  });

  test('a maxAge that is not a positive whole number of seconds is refused', async () => {
    const cloud = serverSdk(emu);
    const { fileID } = await cloud.uploadFile({ cloudPath: 'links/y.txt', fileContent: Buffer.from('y') });
    await expect(cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 0 }] })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await expect(cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 1.5 }] })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  // wx-server-sdk 4.x surfaces the server's INVALID_PARAM as a TcbError with errCode -1 and code 'INVALID_PARAM'.
  test('deleteFile and getTempFileURL take at most 50 files per call', async () => {
    const cloud = serverSdk(emu);
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) ids.push((await cloud.uploadFile({ cloudPath: `batch/${i}.txt`, fileContent: Buffer.from(String(i)) })).fileID);
    await expect(cloud.getTempFileURL({ fileList: ids })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    await expect(cloud.deleteFile({ fileList: ids })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    // Nothing was deleted by the refused call; 50 at a time works.
    const urls = (await cloud.getTempFileURL({ fileList: ids.slice(0, 50) })) as UrlList;
    expect(urls.fileList.every((f) => f.status === 0)).toBe(true);
    const removed = (await cloud.deleteFile({ fileList: ids.slice(0, 50) })) as { fileList: Array<{ status: number }> };
    expect(removed.fileList.filter((f) => f.status === 0)).toHaveLength(50);
    expect((((await cloud.getTempFileURL({ fileList: [ids[50]] })) as UrlList).fileList[0]).status).toBe(0);
  });
});
