// Durability without a database engine: `snapshot.jsonl` (the state at the last compaction, replaced atomically
// by rename) plus `journal.jsonl` (one canonical-EJSON line per committed change set, fsynced before the write
// is acknowledged). Opening replays both; every operation is a full-document put or a delete, so replaying a
// line twice is harmless. A torn last journal line (a crash mid-write) is ignored: it was never acknowledged.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EJSON } from 'bson';
import { toPlain, type Doc } from './codec';

export type Change = { op: 'create'; coll: string } | { op: 'put'; coll: string; doc: Doc } | { op: 'delete'; coll: string; id: unknown };

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL = 'journal.jsonl';

export function encodeChanges(changes: Change[]): string {
  return EJSON.stringify({ changes } as unknown as Record<string, unknown>, { relaxed: false });
}

/**
 * Canonical EJSON straight into plain values: the common wrappers (numbers, dates) are turned into JS values as
 * JSON.parse builds them, and anything rarer goes through bson's EJSON, so the result equals
 * `toPlain(EJSON.parse(line))` without building every BSON wrapper first (half the time and garbage of a restart).
 */
export function parseStored(line: string): unknown {
  return JSON.parse(line, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    if ('$numberInt' in o || '$numberDouble' in o || '$numberLong' in o) {
      const raw = o.$numberInt ?? o.$numberDouble ?? o.$numberLong;
      if (typeof raw === 'string' && Object.keys(o).length === 1) return Number(raw);
    }
    if ('$date' in o && Object.keys(o).length === 1) {
      const d = o.$date;
      if (typeof d === 'number') return new Date(d);
    }
    for (const k in o) if (k.startsWith('$')) return toPlain(EJSON.deserialize(o, { relaxed: false }));
    return v;
  });
}

function parseLine(line: string): Change[] {
  const parsed = parseStored(line) as { changes?: Change[] };
  if (!Array.isArray(parsed.changes)) throw new Error('not a change set');
  return parsed.changes;
}

/** Change sets stored in a file; a torn last line is skipped, damage anywhere else is an error. */
export function readChangeSets(file: string, onTorn?: () => void): Change[][] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let lastLine = lines.length - 1;
  while (lastLine >= 0 && lines[lastLine].trim() === '') lastLine--;
  const out: Change[][] = [];
  for (let i = 0; i <= lastLine; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const last = i === lastLine;
    try {
      out.push(parseLine(line));
    } catch (e) {
      if (last) {
        onTorn?.();
        break;
      }
      throw new Error(`${file}: line ${i + 1} is damaged: ${(e as Error).message}`);
    }
  }
  return out;
}

export class Journal {
  private fd: number | null = null;
  /** Bytes appended since the last compaction: the engine snapshots when the journal grows long. */
  appendedBytes = 0;

  constructor(readonly dir: string) {}

  /** The journal ended in a torn line (a crash mid-write): it must be rewritten before anything is appended. */
  tornTail = false;

  /** Everything stored so far, in order: the snapshot, then the journal. */
  load(): Change[][] {
    fs.mkdirSync(this.dir, { recursive: true });
    const sets = [...readChangeSets(path.join(this.dir, SNAPSHOT)), ...readChangeSets(path.join(this.dir, JOURNAL), () => (this.tornTail = true))];
    // What the journal holds already counts towards the next periodic snapshot.
    this.appendedBytes = this.journalBytes();
    return sets;
  }

  /** Append one change set and make it durable before returning. */
  append(changes: Change[]): void {
    if (changes.length === 0) return;
    if (this.fd === null) this.fd = fs.openSync(path.join(this.dir, JOURNAL), 'a');
    const line = encodeChanges(changes) + '\n';
    fs.writeSync(this.fd, line);
    fs.fsyncSync(this.fd);
    this.appendedBytes += Buffer.byteLength(line);
  }

  /** Write the whole state as a new snapshot (atomically), then empty the journal. */
  compact(state: Change[]): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      // One change set per line keeps lines short; 'create' lines come first.
      for (let i = 0; i < state.length; i += 100) fs.writeSync(fd, encodeChanges(state.slice(i, i + 100)) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    syncDir(this.dir);
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = fs.openSync(path.join(this.dir, JOURNAL), 'w');
    fs.fsyncSync(this.fd);
    this.appendedBytes = 0;
  }

  /** Bytes in the journal file now (what the next open replays after the snapshot). */
  journalBytes(): number {
    try {
      return fs.statSync(path.join(this.dir, JOURNAL)).size;
    } catch {
      return 0;
    }
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  }
}
