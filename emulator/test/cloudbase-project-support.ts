// The fixture CloudBase project (fixtures/cloudbase-project): its functions' node_modules are made at test time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../src/config';

export const PROJECT = path.join(__dirname, 'fixtures', 'cloudbase-project');

/** What each function's package.json asks for, served from this repository's node_modules (2.x by its alias). */
const SDK_BY_RANGE: Record<string, string> = { '~2.7.2': 'wx-server-sdk-v2', '~4.0.2': 'wx-server-sdk' };

/** `npm install` in each function folder, without the network: link the SDK its package.json names. */
export function linkSdks(): void {
  for (const name of fs.readdirSync(PROJECT)) {
    const manifest = path.join(PROJECT, name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const range = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies: Record<string, string> }).dependencies['wx-server-sdk'];
    const target = path.join(PROJECT_ROOT, 'node_modules', SDK_BY_RANGE[range]);
    const link = path.join(PROJECT, name, 'node_modules', 'wx-server-sdk');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    if (fs.existsSync(link) && fs.realpathSync(link) === fs.realpathSync(target)) continue;
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(target, link, 'dir');
  }
}
