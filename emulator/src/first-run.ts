// First run of `npm start` on a data folder: the demo world is seeded into a folder that was empty, and seeding must
// survive a kill -9 half-way. Before anything is written the folder gets a `seeding` marker; it gives way to
// `seeded` only once the whole world is in. A start that finds `seeding` without `seeded` knows the folder holds a
// partial world and nothing else (it was empty when seeding began), so it empties it and seeds again from scratch.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ADMIN_OPENID } from './seed';

const SEEDING = 'seeding';
const SEEDED = 'seeded';

export interface FirstRun {
  /** Seed the demo world now (the folder was empty, or held an interrupted seeding that was cleared). */
  seedNow: boolean;
  /** The folder holds (or is about to hold) the demo world. */
  demoWorld: boolean;
  /** A previous first run was killed while seeding; its partial world was removed. */
  restarted: boolean;
}

/** Decide what to do with `dataDir` and, when seeding, mark it before the emulator writes anything. */
export function prepareDataFolder(dataDir: string, wantSeed: boolean): FirstRun {
  const seeding = path.join(dataDir, SEEDING);
  const seeded = path.join(dataDir, SEEDED);
  if (fs.existsSync(seeded)) {
    // Killed between the two renames of markSeeded: the world is complete.
    fs.rmSync(seeding, { force: true });
    return { seedNow: false, demoWorld: true, restarted: false };
  }
  let restarted = false;
  if (fs.existsSync(seeding)) {
    // Everything but the marker itself goes first, so a kill during the clearing leaves a folder that still says so.
    for (const entry of fs.readdirSync(dataDir)) if (entry !== SEEDING) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true });
    restarted = true;
  }
  const empty = !fs.existsSync(dataDir) || fs.readdirSync(dataDir).every((e) => e === SEEDING);
  if (!empty || !wantSeed) {
    fs.rmSync(seeding, { force: true });
    return { seedNow: false, demoWorld: false, restarted };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  writeDurably(seeding, new Date().toISOString());
  return { seedNow: true, demoWorld: true, restarted };
}

/** The demo world is complete: `seeded` replaces `seeding`. */
export function markSeeded(dataDir: string): void {
  const tmp = path.join(dataDir, `${SEEDED}.tmp`);
  writeDurably(tmp, new Date().toISOString());
  fs.renameSync(tmp, path.join(dataDir, SEEDED));
  fs.rmSync(path.join(dataDir, SEEDING), { force: true });
}

/** Seeding did not happen after all (no functions are built): the folder is not a partial demo world. */
export function abandonSeeding(dataDir: string): void {
  fs.rmSync(path.join(dataDir, SEEDING), { force: true });
}

/**
 * The platform admins functions get. PLATFORM_ADMIN_OPENIDS, when set (non-blank), is exactly the list; otherwise
 * the mini-program's local identity, plus `demo-platform-admin` only where the demo world was seeded.
 */
export function platformAdmins(fromEnv: string | undefined, devOpenid: string, demoWorld: boolean): string[] {
  const listed = (fromEnv ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (listed.length) return listed;
  return demoWorld ? [devOpenid, DEMO_ADMIN_OPENID] : [devOpenid];
}

function writeDurably(file: string, content: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
