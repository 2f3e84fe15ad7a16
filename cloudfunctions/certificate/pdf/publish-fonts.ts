// Puts the certificate fonts into cloud storage (`fonts/<file>`), from node_modules: the emulator at every start and
// tests through the stock SDK; scripts/deploy.mjs does the same for a real environment. Files already there are kept.
import { readFileSync } from 'node:fs';
import type * as cloud from 'wx-server-sdk';
import { CERTIFICATE_FONTS, packageFontPath } from './fonts';
import { FONTS_FOLDER } from './storage';

export async function publishCertificateFonts(sdk: typeof cloud, present: (cloudPath: string) => boolean = () => false): Promise<string[]> {
  const uploaded: string[] = [];
  for (const font of CERTIFICATE_FONTS) {
    const cloudPath = `${FONTS_FOLDER}/${font.file}`;
    if (present(cloudPath)) continue;
    await sdk.uploadFile({ cloudPath, fileContent: readFileSync(packageFontPath(font.file)) });
    uploaded.push(cloudPath);
  }
  return uploaded;
}
