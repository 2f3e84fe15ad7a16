// The fake WeChat open API. Functions call `cloud.openapi.*` unchanged; the SDK sends `wx.openApi` to the admin API
// as multipart form data whose `requestData` is a protobuf CommApiData (key → JSON value pairs) and expects a
// protobuf CommOpenApiResp back. We decode and answer the few APIs 志愿+ uses, and record every call so tests can
// see what WeChat was asked to do.
import busboy from 'busboy';
import { Reader, Writer } from 'protobufjs/minimal';

export interface WeChatCall {
  api: string;
  appid?: string;
  data: Record<string, unknown>;
  at: Date;
}

type ApiReply = { status: 'ok'; body: Record<string, unknown> } | { status: 'error'; errcode: number; errmsg: string };
type ApiHandler = (data: Record<string, unknown>) => ApiReply;

export class FakeWeChat {
  readonly calls: WeChatCall[] = [];
  /** One-time codes from the phone-number button, as WeChat would exchange them. */
  private readonly phoneCodes = new Map<string, string>();
  private readonly handlers: Record<string, ApiHandler> = {
    'phonenumber.getPhoneNumber': (data) => this.exchangePhoneCode(String(data.code ?? '')),
  };

  /** Make `code` exchangeable for `phone` once (what tapping the button does on a phone). */
  issuePhoneCode(code: string, phone: string): void {
    this.phoneCodes.set(code, phone);
  }

  /** Answer a `wx.openApi` admin request. Returns the protobuf CommOpenApiResp bytes. */
  handle(apiName: string, requestData: Uint8Array): Buffer {
    const { appid, data } = decodeCommApiData(requestData);
    this.calls.push({ api: apiName, appid, data, at: new Date() });
    const handler = this.handlers[apiName];
    const reply: ApiReply = handler ? handler(data) : { status: 'error', errcode: 48001, errmsg: `api unauthorized: ${apiName} is not faked by the emulator` };
    const json = reply.status === 'ok' ? { errcode: 0, errmsg: 'ok', ...reply.body } : { errcode: reply.errcode, errmsg: reply.errmsg };
    return encodeCommOpenApiResp(Buffer.from(JSON.stringify(json)), 'application/json; charset=utf-8');
  }

  private exchangePhoneCode(code: string): ApiReply {
    // Codes of the form `fake:<11 digits>` work without set-up, for DevTools sessions against the emulator.
    const fromFake = /^fake:(1\d{10})$/.exec(code)?.[1];
    const phone = this.phoneCodes.get(code) ?? fromFake;
    if (!phone) return { status: 'error', errcode: 40029, errmsg: 'invalid code' };
    this.phoneCodes.delete(code); // one use, like WeChat's
    return {
      status: 'ok',
      body: { phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000) } } },
    };
  }
}

// CommApiData { 1: apiType int32, 2: OpenApiData { 1: repeated KeyValuePair { 1: key string, 2: value bytes } }, 6: appid }
function decodeCommApiData(bytes: Uint8Array): { appid?: string; data: Record<string, unknown> } {
  const reader = Reader.create(bytes);
  const data: Record<string, unknown> = {};
  let appid: string | undefined;
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    if (tag >>> 3 === 2) {
      const end = reader.uint32() + reader.pos;
      while (reader.pos < end) {
        const pairTag = reader.uint32();
        if (pairTag >>> 3 !== 1) {
          reader.skipType(pairTag & 7);
          continue;
        }
        const pairEnd = reader.uint32() + reader.pos;
        let key = '';
        let value: Uint8Array = new Uint8Array();
        while (reader.pos < pairEnd) {
          const t = reader.uint32();
          if (t >>> 3 === 1) key = reader.string();
          else if (t >>> 3 === 2) value = reader.bytes();
          else reader.skipType(t & 7);
        }
        data[key] = JSON.parse(Buffer.from(value).toString('utf8'));
      }
    } else if (tag >>> 3 === 6) {
      appid = reader.string();
    } else {
      reader.skipType(tag & 7);
    }
  }
  return { appid, data };
}

// CommOpenApiResp { 1: respData bytes, 2: contentType string, 3: errorCode int32, 4: httpCode uint32 }
function encodeCommOpenApiResp(respData: Buffer, contentType: string): Buffer {
  const writer = Writer.create();
  writer.uint32(10).bytes(respData);
  writer.uint32(18).string(contentType);
  writer.uint32(32).uint32(200);
  return Buffer.from(writer.finish());
}

/**
 * Read the SDK's multipart form. Its binary `requestData` part has no filename, so generic form parsers treat it as
 * text; decoding every field as latin1 keeps each byte as one character, and we turn it back into bytes.
 */
export function parseOpenApiForm(contentType: string, body: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, Buffer> = {};
    const parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1', limits: { fieldSize: 10 * 1024 * 1024 } });
    parser.on('field', (name, value) => {
      fields[name] = Buffer.from(value, 'latin1');
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        fields[name] = Buffer.concat(chunks);
      });
    });
    parser.on('close', () => resolve(fields));
    parser.on('error', reject);
    parser.end(body);
  });
}
