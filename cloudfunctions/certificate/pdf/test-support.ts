// Test support for the certificate PDF: snapshots as issueInTransaction freezes them, the font chain read from
// node_modules, and the text read back from a PDF by pdf.js (a child process: pdfjs-dist is ES modules only).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as QRCode from 'qrcode';
import type { CertificateRecordLine, CertificateSnapshot } from '../../../typings/certificate';
import { formatCertificateNo } from '../../_shared/rules/certificate-number';
import { FontChain, packageFontFetcher } from './fonts';
import type { CertificatePdfAssets } from './render';
import { textOf } from './render';

export function recordLines(count: number, over: Partial<CertificateRecordLine> = {}): CertificateRecordLine[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2025, 0, 4) + i * 7 * 86_400_000).toISOString().slice(0, 10);
    return {
      recordId: `sr_${String(i).padStart(4, '0')}`,
      date: day,
      project: i % 3 === 0 ? '温泉街道独居老人周末陪伴（第二期）' : '社区垃圾分类宣传',
      content: i % 2 === 0 ? `陪伴老人聊天、读报，协助整理房间第${i + 1}次` : `在小区入口引导居民分类投放，发放宣传册${i + 1}份`,
      kind: 'service',
      minutes: 60 + (i % 5) * 30,
      ...over,
    };
  });
}

export function snapshotOf(over: Partial<CertificateSnapshot> = {}): CertificateSnapshot {
  const records = over.records ?? recordLines(3);
  return {
    number: formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 12 }),
    issueDate: '2026-11-30',
    issuedAt: '2026-11-30T02:00:00.000Z',
    volunteer: { name: '林晓梅', credentialType: 'CN_ID', credentialNoMasked: '3****************X', volunteerNo: 'ZY3501022600000017' },
    period: { from: records[0]?.date ?? '2026-01-01', to: records[records.length - 1]?.date ?? '2026-01-01' },
    records,
    totalMinutes: records.reduce((s, r) => s + r.minutes, 0),
    issuer: {
      orgId: 'org_a',
      name: '鼓楼区阳光志愿服务中心',
      personInCharge: '王建国',
      handler: '陈静',
      contact: '陈静 0591-87654321',
      seal: { kind: 'text', text: '福州市鼓楼区阳光志愿服务中心' },
    },
    ...over,
  };
}

/** One chain per test process, read from node_modules (no /tmp cache: tests leave nothing behind). */
export const packageFonts = new FontChain(packageFontFetcher, null);

export async function assetsFor(snapshot: CertificateSnapshot, over: Partial<CertificatePdfAssets> = {}): Promise<CertificatePdfAssets> {
  return {
    fonts: await packageFonts.fontsFor(textOf(snapshot)),
    verifyUrl: `https://verify.example.org/verify?no=${snapshot.number}`,
    miniProgramCode: { bytes: await QRCode.toBuffer(JSON.stringify({ page: 'verify/index', scene: snapshot.number }), { type: 'png', width: 280 }), mime: 'image/png' },
    ...over,
  };
}

export interface ExtractedPdf {
  pages: Array<{ text: string }>;
  attachments: Array<{ name: string; bytes: string }>;
  info: Record<string, unknown>;
}

/** What pdf.js reads from the file: each page's text items joined, the attachments, the document info. */
export function extractPdf(bytes: Uint8Array): ExtractedPdf {
  const dir = mkdtempSync(join(tmpdir(), 'zy-pdf-'));
  try {
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, bytes);
    const out = execFileSync(process.execPath, [join(__dirname, 'extract-text.mjs'), file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(out.toString('utf8')) as ExtractedPdf;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text compared without the spacing pdf.js may add between drawn pieces. */
export function squeezed(text: string): string {
  return text.replace(/\s+/g, '');
}
