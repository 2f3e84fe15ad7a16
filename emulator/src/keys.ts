// Keys for personal-data encryption, as production keeps them in each function's environment (ZY_DATA_KEYS,
// ZY_DATA_KEY_ID, ZY_HASH_KEY). The emulator makes a local set on first run and keeps it beside the data, so
// encrypted data stays readable across restarts; in memory it makes a fresh set each start.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type KeyEnv = Record<'ZY_DATA_KEYS' | 'ZY_DATA_KEY_ID' | 'ZY_HASH_KEY', string>;

export function freshKeyEnv(): KeyEnv {
  const keyId = `local-${randomBytes(3).toString('hex')}`;
  return {
    ZY_DATA_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    ZY_DATA_KEY_ID: keyId,
    ZY_HASH_KEY: randomBytes(32).toString('base64'),
  };
}

export function localKeyEnv(dataDir: string | null): KeyEnv {
  if (!dataDir) return freshKeyEnv();
  const file = path.join(dataDir, 'keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyEnv;
  const keys = freshKeyEnv();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
