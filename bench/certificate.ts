// `npm run bench` (certificate part): the PDF of a certificate with 200 records — its size and generation time next
// to a one-record PDF with the same font (the ratio); the fonts' cold start (downloaded from cloud storage and parsed)
// against a warm instance; the certificate function's bundle, and its first download on a cold instance against a
// warm one, through the gateway and the built function. Figures, never assertions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../emulator/src/config';
import { caller, serverSdk, startTestEmulator } from '../emulator/test/support';
import { userIdOf } from '../cloudfunctions/_shared/documents/ids';
import { CERTIFICATE_FONTS, FontChain, packageFontFetcher } from '../cloudfunctions/certificate/pdf/fonts';
import { renderCertificatePdf, textOf } from '../cloudfunctions/certificate/pdf/render';
import { assetsFor, recordLines, snapshotOf } from '../cloudfunctions/certificate/pdf/test-support';
import { issuedCertificate, publishFonts } from '../cloudfunctions/certificate/pdf-test-support';

const ms = (t: number) => `${t.toFixed(0)} ms`;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function timed<T>(run: () => Promise<T>, times = 3): Promise<{ value: T; best: number }> {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    value = await run();
    best = Math.min(best, performance.now() - start);
  }
  return { value, best };
}

export async function certificateBench(): Promise<void> {
  const bundle = path.join(PROJECT_ROOT, 'cloudfunctions/certificate/index.js');
  const fonts = CERTIFICATE_FONTS.map((f) => `${f.file} ${kb(fs.statSync(require.resolve(f.packagePath)).size)}`);
  console.log(`certificate: function bundle ${kb(fs.statSync(bundle).size)} (fonts kept out of it, in cloud storage: ${fonts.join(', ')})`);

  const many = snapshotOf({ records: recordLines(200) });
  const one = snapshotOf({ records: recordLines(1) });
  const manyAssets = await assetsFor(many);
  const oneAssets = await assetsFor(one);
  const big = await timed(() => renderCertificatePdf(many, manyAssets));
  const small = await timed(() => renderCertificatePdf(one, oneAssets));
  console.log(`  PDF, 200 records: ${kb(big.value.bytes.length)}, ${big.value.pageCount} pages, ${ms(big.best)} to make (best of 3)`);
  console.log(`  PDF, 1 record:    ${kb(small.value.bytes.length)}, ${small.value.pageCount} page, ${ms(small.best)}; 200/1 ratio ${(big.best / small.best).toFixed(1)}× time, ${(big.value.bytes.length / small.value.bytes.length).toFixed(1)}× size`);
  const rare = snapshotOf({ volunteer: { ...one.volunteer, name: '𠮷䶮堃' } });
  const rarePdf = await renderCertificatePdf(rare, await assetsFor(rare));
  console.log(`  PDF, 1 record and a name through both fallback fonts: ${kb(rarePdf.bytes.length)}`);

  const emu = await startTestEmulator();
  try {
    await publishFonts(emu);
    // Cold: a new instance downloads the primary font from storage and parses it; warm: the instance's chain.
    const cold = new FontChain(async (file) => new Uint8Array((await serverSdk(emu).downloadFile({ fileID: `${emu.functionEnv.ZY_FONTS_FOLDER}/${file}` })).fileContent), null);
    let start = performance.now();
    await cold.fontsFor(textOf(one));
    const coldMs = performance.now() - start;
    start = performance.now();
    await cold.fontsFor(textOf(one));
    const warmMs = performance.now() - start;
    const fromDisk = new FontChain(packageFontFetcher, null);
    start = performance.now();
    await fromDisk.fontsFor(textOf(one));
    console.log(`  fonts: cold ${ms(coldMs)} (download from storage + parse of ${CERTIFICATE_FONTS[0].file}; parse alone from disk ${ms(performance.now() - start)}), warm ${warmMs.toFixed(2)} ms`);

    // The function itself: the first download on a cold instance (bundle load, fonts, code, render, upload) and then warm.
    const openid = 'bench-certificate-volunteer';
    const db = serverSdk(emu).database();
    await db.collection('organizations').add({ data: { _id: 'org_bench_cert', name: '鼓楼区阳光志愿服务中心', status: 'verified', regionCode: '350102', usccKey: 'none:org_bench_cert', createdAt: new Date(), updatedAt: new Date() } });
    await db.collection('users').add({ data: { _id: userIdOf(openid), volunteerId: 'vol_bench_cert', createdAt: new Date(), updatedAt: new Date() } });
    const v = { openid, userId: userIdOf(openid), volunteerId: 'vol_bench_cert', name: '林晓梅', volunteerNo: 'ZY3501022600000017', as: caller(emu, openid) };
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await issuedCertificate(emu, v, 'org_bench_cert', 200);
      start = performance.now();
      const res = await v.as.call('certificate', 'download', { certificateId: c._id });
      times.push(performance.now() - start);
      if (!res.ok) throw new Error(`bench download: ${res.error.code}`);
    }
    console.log(`  certificate.download of a 200-record certificate: cold instance ${ms(times[0])}, warm ${ms(Math.min(times[1], times[2]))}`);
  } finally {
    await emu.stop();
  }
}
