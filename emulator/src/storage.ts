// Cloud storage of the emulator: upload (the SDK's two-step getUploadMetadata + PUT), signed temporary URLs served
// over HTTP, download and delete. Files live under `<dataDir>/storage/` or in memory.
//
// Permission: CloudBase storage is public-read by default (a public file's link never expires); `npm run deploy`
// sets it private (admin only), so the emulator is private and only that: a file is served only through a signed
// link from getTempFileURL that has not expired, and anything else is refused with COS's XML error, as a private
// bucket refuses it. Per call, getTempFileURL and deleteFile take at most 50 files (Cloud.getTempFileURL,
// Cloud.deleteFile: "一次最多 50 个"), refused as INVALID_PARAM like the node SDK's own tests expect.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import busboy from 'busboy';

export interface StorageOptions {
  dataDir: string | null;
  env: string;
  /** Base URL of the emulator, e.g. http://127.0.0.1:3900 — temporary URLs point here. */
  baseUrl: () => string;
  now?: () => number;
}

type Reply = Record<string, unknown>;

/** Files per getTempFileURL / deleteFile call. */
export const MAX_FILES_PER_CALL = 50;
/** Link lifetime without maxAge: "私有的文件获取的链接十分钟有效期" (Cloud.getTempFileURL), the strictest documented. */
export const DEFAULT_MAX_AGE_S = 600;
/** Longest link: "默认一天且最大不超过一天" (getTempFileURL, server API); a longer maxAge gets a one-day link. */
export const MAX_MAX_AGE_S = 86_400;

export class Storage {
  private readonly memory = new Map<string, Buffer>();
  private readonly root: string | null;
  private readonly secret = randomBytes(32);
  private readonly now: () => number;

  constructor(private readonly options: StorageOptions) {
    this.root = options.dataDir ? path.join(options.dataDir, 'storage') : null;
    if (this.root) fs.mkdirSync(this.root, { recursive: true });
    this.now = options.now ?? Date.now;
  }

  /** Every stored path, sorted: for tests that compare what an action left behind (CloudBase has no such listing for functions). */
  paths(): string[] {
    if (!this.root) return [...this.memory.keys()].sort();
    const root = this.root;
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name)).split(path.sep).join('/')]));
    return walk(root).sort();
  }

  /** `cloud://<env>.<bucket>/<path>`, the shape CloudBase gives file IDs. */
  fileIdOf(cloudPath: string): string {
    return `cloud://${this.options.env}.${this.options.env}-local/${cloudPath}`;
  }

  pathOf(fileId: string): string | null {
    const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
    return m ? normalisePath(m[1]) : null;
  }

  handle(action: string, params: Record<string, unknown>): Reply {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(String(params.path ?? ''));
      case 'storage.batchGetDownloadUrl': {
        const list = (params.file_list as Array<{ fileid: string; max_age?: number }>) ?? [];
        return tooMany(list) ?? badMaxAge(list) ?? this.downloadUrls(list);
      }
      case 'storage.batchDeleteFile': {
        const list = (params.fileid_list as string[]) ?? [];
        return tooMany(list) ?? this.deleteFiles(list);
      }
      default:
        return { code: 'INVALID_PARAM', message: `[emulator] unsupported storage action ${action}` };
    }
  }

  private uploadMetadata(cloudPath: string): Reply {
    const clean = normalisePath(cloudPath);
    if (!clean) return { code: 'INVALID_PARAM', message: 'cloudPath 不合法' };
    const expires = this.now() + 10 * 60_000;
    const token = this.sign('put', clean, expires);
    const url = `${this.options.baseUrl()}/storage/${encodePath(clean)}?op=put&e=${expires}&s=${token}`;
    return {
      data: { url, token, authorization: token, fileId: this.fileIdOf(clean), cosFileId: clean },
    };
  }

  private downloadUrls(list: Array<{ fileid: string; max_age?: number }>): Reply {
    const downloadList = list.map(({ fileid, max_age }) => {
      const p = this.pathOf(fileid);
      if (!p || !this.exists(p)) return { fileID: fileid, code: 'STORAGE_FILE_NONEXIST', tempFileURL: '' };
      const maxAge = Math.min(max_age ?? DEFAULT_MAX_AGE_S, MAX_MAX_AGE_S);
      const expires = this.now() + maxAge * 1000;
      const sig = this.sign('get', p, expires);
      return {
        fileID: fileid,
        code: 'SUCCESS',
        maxAge,
        tempFileURL: `${this.options.baseUrl()}/storage/${encodePath(p)}?op=get&e=${expires}&s=${sig}`,
      };
    });
    return { data: { download_list: downloadList } };
  }

  private deleteFiles(ids: string[]): Reply {
    const deleteList = ids.map((fileID) => {
      const p = this.pathOf(fileID);
      if (!p || !this.exists(p)) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
      this.remove(p);
      return { fileID, code: 'SUCCESS' };
    });
    return { data: { delete_list: deleteList } };
  }

  /** Serve `/storage/<path>?op=get|put&e=<expiry>&s=<signature>`. Returns [status, body]. */
  serve(method: string, rawPath: string, query: URLSearchParams, body: Buffer): [number, Buffer | string] {
    const p = normalisePath(decodeURIComponent(rawPath));
    const op = query.get('op');
    const expires = Number(query.get('e'));
    const sig = query.get('s') ?? '';
    if (!p) return [400, cosErrorXml('InvalidURI', 'Could not parse the specified URI.')];
    // A private bucket: no signature, no file.
    if (op !== 'get' && op !== 'put') return [403, cosErrorXml('AccessDenied', 'Access Denied.')];
    if (!this.verify(op, p, expires, sig)) return [403, cosErrorXml('SignatureDoesNotMatch', 'The Signature you specified is invalid.')];
    if (!(expires > this.now())) return [403, cosErrorXml('AccessDenied', 'Request has expired')];
    if (op === 'put') {
      if (method !== 'PUT' && method !== 'POST') return [405, 'use PUT'];
      this.write(p, body);
      return [200, ''];
    }
    if (method !== 'GET' && method !== 'HEAD') return [405, 'use GET'];
    const content = this.read(p);
    return content ? [200, content] : [404, cosErrorXml('NoSuchKey', 'The specified key does not exist.')];
  }

  private sign(op: string, p: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${op}\n${p}\n${expires}`).digest('hex');
  }

  private verify(op: string, p: string, expires: number, sig: string): boolean {
    const expected = Buffer.from(this.sign(op, p, expires), 'hex');
    const given = Buffer.from(sig, 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private fileOnDisk(p: string): string {
    return path.join(this.root as string, ...p.split('/'));
  }

  private exists(p: string): boolean {
    return this.root ? fs.existsSync(this.fileOnDisk(p)) : this.memory.has(p);
  }

  private read(p: string): Buffer | undefined {
    if (!this.root) return this.memory.get(p);
    const f = this.fileOnDisk(p);
    return fs.existsSync(f) ? fs.readFileSync(f) : undefined;
  }

  private write(p: string, content: Buffer): void {
    if (!this.root) {
      this.memory.set(p, content);
      return;
    }
    const f = this.fileOnDisk(p);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    // Write then rename, so a crash never leaves half a file under the real name.
    const tmp = `${f}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, f);
  }

  private remove(p: string): void {
    if (this.root) fs.rmSync(this.fileOnDisk(p), { force: true });
    else this.memory.delete(p);
  }
}

function tooMany(list: unknown[]): Reply | undefined {
  if (list.length <= MAX_FILES_PER_CALL) return undefined;
  return { code: 'INVALID_PARAM', message: `fileList 最多 ${MAX_FILES_PER_CALL} 个，本次 ${list.length} 个` };
}

function badMaxAge(list: Array<{ max_age?: unknown }>): Reply | undefined {
  const bad = list.find((f) => f.max_age !== undefined && !(Number.isInteger(f.max_age) && (f.max_age as number) > 0));
  return bad ? { code: 'INVALID_PARAM', message: `maxAge 必须是正整数（秒），收到 ${JSON.stringify(bad.max_age)}` } : undefined;
}

/** COS's error body; the SDK's upload parses Code, Message, RequestId and TraceId out of it. */
export function cosErrorXml(code: string, message: string): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const id = Buffer.from(randomUUID()).toString('base64');
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escape(message)}</Message>\n  <RequestId>${id.slice(0, 40)}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>`;
}

/** Refuse `..`, empty segments and absolute paths: a cloud path is always relative to the bucket. */
function normalisePath(p: string): string | null {
  const parts = p.replace(/^\/+/, '').split('/');
  if (parts.some((s) => s === '' || s === '.' || s === '..')) return null;
  return parts.join('/');
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

// ── Upload bodies ──────────────────────────────────────────────────────────────────────────────────────────────
// How the stock SDKs send a file's bytes to the upload URL: @cloudbase/node-sdk 3.x (wx-server-sdk 4.x) PUTs the
// raw bytes; node-sdk 2.x (wx-server-sdk 2.x) POSTs a COS "POST Object" form — fields `key`, `Signature`,
// `x-cos-security-token`, `x-cos-meta-fileid`, then `file` — of which only the `file` part is the file.

export class UploadRefused extends Error {}

/** The file's bytes from an upload request body, whichever way the SDK sent it. */
export async function uploadedContent(contentType: string | undefined, body: Buffer, cloudPath: string): Promise<Buffer> {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return body;
  const { fields, files } = await readForm(contentType, body);
  // COS refuses a form whose key is not the object it was signed for; so does the emulator.
  if (fields.key !== undefined && fields.key.replace(/^\/+/, '') !== cloudPath) {
    throw new UploadRefused(`form key "${fields.key}" is not the signed path "${cloudPath}"`);
  }
  if (files.length !== 1) throw new UploadRefused(`a COS POST form carries exactly one file field, got ${files.length}`);
  return files[0];
}

function readForm(contentType: string, body: Buffer): Promise<{ fields: Record<string, string>; files: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: Buffer[] = [];
    const parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: Number.MAX_SAFE_INTEGER } });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => files.push(Buffer.concat(chunks)));
    });
    parser.on('close', () => resolve({ fields, files }));
    parser.on('error', (e: Error) => reject(new UploadRefused(`upload form is not valid multipart: ${e.message}`)));
    parser.end(body);
  });
}
