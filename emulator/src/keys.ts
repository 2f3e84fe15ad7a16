// Keys for personal-data encryption and certificate signing, as production keeps them in each function's environment
// (ZY_DATA_KEYS, ZY_DATA_KEY_ID, ZY_HASH_KEY; ZY_SIGNING_KEYS, ZY_SIGNING_KEY_ID). The emulator makes a local set on first run and keeps it beside the data, so
// encrypted data stays readable across restarts; in memory it makes a fresh set each start.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSigningKeyEnv } from '../../cloudfunctions/_shared/credentials/signing';

export type KeyEnv = Record<'ZY_DATA_KEYS' | 'ZY_DATA_KEY_ID' | 'ZY_HASH_KEY' | 'ZY_SIGNING_KEYS' | 'ZY_SIGNING_KEY_ID', string>;

export function freshKeyEnv(): KeyEnv {
  const keyId = `local-${randomBytes(3).toString('hex')}`;
  return {
    ZY_DATA_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`,
    ZY_DATA_KEY_ID: keyId,
    ZY_HASH_KEY: randomBytes(32).toString('base64'),
    ...generateSigningKeyEnv(),
  };
}

export function localKeyEnv(dataDir: string | null): KeyEnv {
  if (!dataDir) return freshKeyEnv();
  const file = path.join(dataDir, 'keys.json');
  if (fs.existsSync(file)) {
    const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KeyEnv>;
    if (kept.ZY_SIGNING_KEYS) return kept as KeyEnv;
    // A data folder from before certificates: keep its data keys, add signing keys once.
    const keys = { ...(kept as KeyEnv), ...generateSigningKeyEnv() };
    fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
    return keys;
  }
  const keys = freshKeyEnv();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
