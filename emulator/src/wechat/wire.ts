// The protobuf messages wx-server-sdk 4.x exchanges with the admin API for `wx.openApi` (its src/protobuf/openapi.js):
//   CommApiData { 1 apiType int32, 2 openapiData OpenApiData, 4 svrkitData SvrkitApiData, 6 appid string }
//   OpenApiData { 1 repeated pairs KeyValuePair }
//   KeyValuePair { 1 key string, 2 value bytes, 3 contenttype string, 4 filename string }
//   SvrkitApiData { 1 apiName string, 2 reqData bytes }
//   CommOpenApiResp { 1 respData bytes, 2 contentType string, 3 errorCode int32, 4 httpCode uint32, 6 svrkitErrorCode int32 }
//   ApiGetOpenDataByCloudIdReq { 2 repeated cloudidList string, 3 appid string }
//   ApiGetOpenDataByCloudIdResp { 1 repeated dataList OpDataItem { 1 cloudId string, 2 json string } }
// Generic `cloud.openapi.<a>.<b>(params)` sends OPEN_API with one pair per (snake_cased) parameter whose value is its
// JSON text — or, for a `{ contentType, value: Buffer }` parameter, the raw bytes with contenttype and filename.
// `cloud.getOpenData` sends SVRKIT_API with ApiGetOpenDataByCloudIdReq bytes and decodes the answer's respData.
import { Reader, Writer } from 'protobufjs/minimal';

/** A media parameter (e.g. an image to check), sent as raw bytes instead of JSON. */
export interface MediaValue {
  contentType: string;
  filename?: string;
  value: Buffer;
}

export type CommApiRequest =
  | { kind: 'openapi'; appid?: string; data: Record<string, unknown>; media: Record<string, MediaValue> }
  | { kind: 'svrkit'; appid?: string; apiName: string; reqData: Uint8Array };

/** Thrown for bytes that are not what the SDK sends: the admin API answers INVALID_PARAM. */
export class WireError extends Error {}

export function decodeCommApiData(bytes: Uint8Array): CommApiRequest {
  const reader = Reader.create(bytes);
  let appid: string | undefined;
  let openapi: { data: Record<string, unknown>; media: Record<string, MediaValue> } | undefined;
  let svrkit: { apiName: string; reqData: Uint8Array } | undefined;
  try {
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      const field = tag >>> 3;
      if (field === 2) openapi = decodeOpenApiData(reader.bytes());
      else if (field === 4) svrkit = decodeSvrkit(reader.bytes());
      else if (field === 6) appid = reader.string();
      else reader.skipType(tag & 7);
    }
  } catch (e) {
    throw new WireError(`requestData is not a CommApiData message: ${(e as Error).message}`);
  }
  if (svrkit) return { kind: 'svrkit', appid, ...svrkit };
  return { kind: 'openapi', appid, data: openapi?.data ?? {}, media: openapi?.media ?? {} };
}

function decodeOpenApiData(bytes: Uint8Array): { data: Record<string, unknown>; media: Record<string, MediaValue> } {
  const reader = Reader.create(bytes);
  const data: Record<string, unknown> = {};
  const media: Record<string, MediaValue> = {};
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 !== 1) {
      reader.skipType(tag & 7);
      continue;
    }
    const pair = Reader.create(reader.bytes());
    let key = '';
    let value: Uint8Array = new Uint8Array();
    let contentType: string | undefined;
    let filename: string | undefined;
    while (pair.pos < pair.len) {
      const t = pair.uint32();
      const f = t >>> 3;
      if (f === 1) key = pair.string();
      else if (f === 2) value = pair.bytes();
      else if (f === 3) contentType = pair.string();
      else if (f === 4) filename = pair.string();
      else pair.skipType(t & 7);
    }
    if (contentType) media[key] = { contentType, filename, value: Buffer.from(value) };
    else {
      try {
        data[key] = JSON.parse(Buffer.from(value).toString('utf8'));
      } catch {
        throw new WireError(`parameter ${key} is not JSON`);
      }
    }
  }
  return { data, media };
}

function decodeSvrkit(bytes: Uint8Array): { apiName: string; reqData: Uint8Array } {
  const reader = Reader.create(bytes);
  let apiName = '';
  let reqData: Uint8Array = new Uint8Array();
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 1) apiName = reader.string();
    else if (tag >>> 3 === 2) reqData = reader.bytes();
    else reader.skipType(tag & 7);
  }
  return { apiName, reqData };
}

export function decodeGetOpenDataReq(bytes: Uint8Array): { cloudidList: string[]; appid?: string } {
  const reader = Reader.create(bytes);
  const cloudidList: string[] = [];
  let appid: string | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2) cloudidList.push(reader.string());
    else if (tag >>> 3 === 3) appid = reader.string();
    else reader.skipType(tag & 7);
  }
  return { cloudidList, appid };
}

export function encodeGetOpenDataResp(items: Array<{ cloudId: string; json: string }>): Buffer {
  const writer = Writer.create();
  for (const item of items) {
    writer.uint32(10).fork();
    writer.uint32(10).string(item.cloudId);
    if (item.json) writer.uint32(18).string(item.json);
    writer.ldelim();
  }
  return Buffer.from(writer.finish());
}

export interface CommOpenApiResp {
  respData?: Buffer;
  contentType?: string;
  /** A platform-level refusal (e.g. -604101: the function lacks the API permission); the SDK throws it. */
  errorCode?: number;
  svrkitErrorCode?: number;
}

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const writer = Writer.create();
  if (resp.respData) writer.uint32(10).bytes(resp.respData);
  if (resp.contentType) writer.uint32(18).string(resp.contentType);
  if (resp.errorCode) writer.uint32(24).int32(resp.errorCode);
  writer.uint32(32).uint32(200);
  if (resp.svrkitErrorCode) writer.uint32(48).int32(resp.svrkitErrorCode);
  return Buffer.from(writer.finish());
}
