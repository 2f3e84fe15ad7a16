// Types of scripts/miniprogram-npm.cjs (plain CommonJS so that npm runs it without a build and jest and the bench load it).

export interface ShippedFile {
  /** The npm package it comes from. */
  package: string;
  /** What the mini-program's code requires. */
  request: string;
  /** Its path under miniprogram_npm/ (after packMiniprogramNpm: the absolute path written). */
  target: string;
  /** The installed package file it is copied from. */
  source: string;
  bytes: number;
}

export declare const SHIPPED: readonly Pick<ShippedFile, 'package' | 'request' | 'target' | 'source'>[];
export declare function shippedFiles(): ShippedFile[];
export declare function packMiniprogramNpm(npmDir?: string): ShippedFile[];
