// Storage through the stock SDK: upload, temporary URL served over HTTP, download, delete.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Emulator } from '../src/server';
import { serverSdk, startTestEmulator } from './support';

describe.each([
  ['in memory', null],
  ['on disk', fs.mkdtempSync(path.join(os.tmpdir(), 'zy-storage-'))],
])('storage %s', (_label, dataDir) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ dataDir, functionsDir: null, collections: [] });
  });
  afterAll(async () => emu.stop());

  test('upload, temporary URL, download and delete', async () => {
    const cloud = serverSdk(emu);
    const content = Buffer.from('志愿服务证明 #42');
    const { fileID } = await cloud.uploadFile({ cloudPath: 'certificates/42.txt', fileContent: content });
    expect(fileID).toMatch(/^cloud:\/\/.+\/certificates\/42\.txt$/);

    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number; tempFileURL: string }> };
    expect(fileList[0].status).toBe(0);
    const served = await fetch(fileList[0].tempFileURL);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(content)).toBe(true);

    const downloaded = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(downloaded.fileContent as Buffer, content)).toBe(0);

    const removed = (await cloud.deleteFile({ fileList: [fileID] })) as { fileList: Array<{ status: number }> };
    expect(removed.fileList[0].status).toBe(0);
    expect((await fetch(fileList[0].tempFileURL)).status).toBe(404);
    const after = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ status: number }> };
    expect(after.fileList[0].status).not.toBe(0);
  });

  test('a tampered or expired temporary URL is refused', async () => {
    const cloud = serverSdk(emu);
    const { fileID } = await cloud.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('x') });
    const { fileList } = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> };
    const url = new URL(fileList[0].tempFileURL);
    url.pathname = url.pathname.replace('b.txt', 'c.txt');
    expect((await fetch(url)).status).toBe(403);
    const expired = new URL(fileList[0].tempFileURL);
    expired.searchParams.set('e', String(Date.now() - 1000));
    expect((await fetch(expired)).status).toBe(403);
  });
});
