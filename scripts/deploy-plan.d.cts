// Types of scripts/deploy-plan.cjs (plain CommonJS so that scripts/deploy.mjs runs it without a build and jest
// loads it without ESM support).

export type Direction = 1 | -1 | '2dsphere';

export interface IndexConfig {
  name: string;
  unique?: boolean;
  keys: { field: string; direction: Direction }[];
}

export type SecurityRule = Partial<Record<'read' | 'write' | 'create' | 'update' | 'delete', boolean | string>>;

export interface CollectionConfig {
  name: string;
  description?: string;
  indexes?: IndexConfig[];
  rules: SecurityRule;
}

/** The shape of database.updateCollection(name, { CreateIndexes: [...] }) in @cloudbase/manager-node. */
export interface CloudBaseIndex {
  IndexName: string;
  MgoKeySchema: {
    MgoIndexKeys: { Name: string; Direction: '1' | '-1' | '2dsphere' }[];
    MgoIsUnique: boolean;
  };
}

export interface Trigger {
  name: string;
  type: 'timer';
  config: string;
}

/** What functions.createFunction({ func }) receives (a subset of manager-node's ICloudFunction). */
export interface CloudFunction {
  name: string;
  handler: string;
  runtime: string;
  timeout: number;
  installDependency: true;
  ignore: string[];
  envVariables: Record<string, string>;
  memorySize?: number;
  triggers?: Trigger[];
}

/** A function folder as loadFunctions reads it: config is the parsed config.json ({} when there is none). */
export interface FunctionSource {
  name: string;
  config?: unknown;
  built?: boolean;
}

/** manager-node's storage permissions (tcb ModifyStorageACL AclTag). */
export type StorageAcl = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY';

export type Step =
  | { kind: 'createCollection'; collection: string; warnings?: string[] }
  | { kind: 'createIndex'; collection: string; index: string; unique: boolean; createIndex: CloudBaseIndex; warnings?: string[] }
  | { kind: 'setRule'; collection: string; aclTag: 'CUSTOM'; rule: string; warnings?: string[] }
  | { kind: 'setStorageAcl'; acl: StorageAcl; warnings?: string[]; collection?: undefined }
  | { kind: 'uploadFont'; cloudPath: string; localPath: string; warnings?: string[]; collection?: undefined }
  | {
      kind: 'deployFunction';
      name: string;
      func: CloudFunction;
      openapi: string[];
      /** Personal-data key variables that are empty: the deploy is refused. */
      missingKeys?: string[];
      warnings?: string[];
      collection?: undefined;
    }
  | { kind: 'checkOpenApi'; name: string; apis: string[]; warnings?: string[]; collection?: undefined };

/** What the open-API probe answers (the function's action frame, for OPENAPI_PROBE_EVENT). */
export interface OpenApiProbeAnswer {
  ok: true;
  data: { openapi: { api: string; errCode: number; errMsg?: string }[] };
}

/** The part of manager-node's invokeFunction result the check reads. */
export interface InvokeResult {
  RetMsg?: string;
  ErrMsg?: string;
}

export interface StepResult {
  step: Step;
  status: 'ok' | 'failed' | 'skipped';
  detail: string;
}

export interface CloudbasercFunction {
  name: string;
  timeout: number;
  runtime: string;
  installDependency: true;
  handler: string;
  ignore: string[];
  envVariables: Record<string, string>;
  memorySize?: number;
  triggers?: Trigger[];
}

export declare const DEFAULT_RUNTIME: string;
export declare const DEFAULT_TIMEOUT: number;
export declare const FUNCTION_IGNORE: string[];
export declare const STORAGE_ACL: 'ADMINONLY';
export declare const PERSONAL_DATA_KEYS: string[];
export declare const NO_OPENAPI_PERMISSION: -604101;
export declare const OPENAPI_PROBE_EVENT: { readonly probe: 'openapi' };

export declare class DeployConfigError extends Error {
  constructor(source: string, problems: string[]);
  readonly problems: string[];
}

export declare class DeployRefused extends Error {
  constructor(message: string);
}

export declare function validateCollectionsConfig(config: unknown, source?: string): CollectionConfig[];
export declare function toCloudBaseIndex(index: IndexConfig): CloudBaseIndex;
export declare function toCloudFunction(
  fn: FunctionSource,
  env?: Record<string, string | undefined>,
): { func: CloudFunction; openapi: string[]; warnings: string[]; missingKeys: string[] };
export declare function loadFunctions(functionsDir: string): (FunctionSource & { config: unknown; built: boolean })[];
export declare function loadCollectionsConfig(file: string): unknown;
export declare function planDeployment(input: {
  collectionsConfig: unknown;
  functions: FunctionSource[];
  env?: Record<string, string | undefined>;
  only?: string;
  /** Files to put into storage (the certificate PDF's fonts), uploaded after the storage permission is set. */
  fonts?: { cloudPath: string; localPath: string }[];
}): Step[];
export declare function refusalOf(steps: Step[]): string | undefined;
export declare function openApiVerdict(name: string, apis: string[], invoked: InvokeResult | undefined): { ok: boolean; detail: string };
export declare function describeStep(step: Step): string;
export declare function cloudbasercFunction(fn: FunctionSource): CloudbasercFunction;
export declare function executePlan(
  steps: Step[],
  manager: unknown,
  options: { envId: string; functionRootPath: string; log?: (line: string) => void },
): Promise<StepResult[]>;
