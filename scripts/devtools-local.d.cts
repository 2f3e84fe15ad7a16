// Types of scripts/devtools-local.cjs (plain CommonJS so that npm runs it without a build).

export interface LocalOptions {
  host?: string;
  port?: number;
  openid?: string;
}

export declare const CONDITION_NAME: string;
export declare function withLocalCondition(privateConfig: Record<string, any>, options?: LocalOptions): Record<string, any>;
export declare function optionsFrom(argv: string[], env: Record<string, string | undefined>): Required<LocalOptions>;
export declare function writeLocalCondition(file: string, options: LocalOptions): Record<string, any>;
