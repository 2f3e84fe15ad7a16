// Where the certificate's files live in cloud storage, and how the function reaches its fonts there.
import type * as cloud from 'wx-server-sdk';
import { FontChain } from './fonts';

/** The PDF in private storage (storage is ADMINONLY: people get it only through a temporary link). */
export function pdfPathOf(number: string): string {
  return `certificates/${number}.pdf`;
}

/** Fonts are uploaded under this folder of cloud storage (scripts/deploy.mjs, the emulator at start). */
export const FONTS_FOLDER = 'fonts';

const chains = new Map<string, FontChain>();

/**
 * The instance's font chain, fetched from `ZY_FONTS_FOLDER` (the folder's file ID, `cloud://<env>.<bucket>/fonts`).
 * Module state outlives one invocation on a warm instance, so each font is downloaded once per instance.
 */
export function fontChainOf(sdk: typeof cloud, env: NodeJS.ProcessEnv): FontChain {
  const folder = (env.ZY_FONTS_FOLDER ?? '').replace(/\/+$/, '');
  if (!folder.startsWith('cloud://')) throw new Error('ZY_FONTS_FOLDER is not set to the cloud:// file ID of the fonts folder');
  let chain = chains.get(folder);
  if (!chain) {
    chain = new FontChain(async (file) => {
      const { fileContent } = await sdk.downloadFile({ fileID: `${folder}/${file}` });
      return new Uint8Array(fileContent);
    });
    chains.set(folder, chain);
  }
  return chain;
}
