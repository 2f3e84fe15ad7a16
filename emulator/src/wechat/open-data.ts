// CloudIDs: what the mini-program gets for open data (wx.getGroupEnterInfo → group, the old phone button → phone)
// and a function exchanges through `cloud.getOpenData({ list })` (svrkit ApiGetOpenDataByCloudId) or
// `cloud.openapi.cloudbase.getOpenData({ cloudidList })`. Each answer item's JSON is `{ cloudID, data }`, `data`
// carrying a watermark, as in Cloud.getOpenData's documentation.
import { randomBytes } from 'node:crypto';
import { ok, type ApiAnswer } from './answer';
import { decodeGetOpenDataReq, encodeGetOpenDataResp } from './wire';

export class OpenData {
  private readonly byCloudId = new Map<string, { data: Record<string, unknown>; issuedAt: number }>();

  constructor(private readonly now: () => number, private readonly appid: () => string) {}

  issue(data: Record<string, unknown>): string {
    const cloudId = `${Math.floor(this.now() / 1000) % 100}_${randomBytes(24).toString('base64url')}`;
    this.byCloudId.set(cloudId, { data, issuedAt: this.now() });
    return cloudId;
  }

  /** The JSON text of one item; empty for an unknown CloudID, which the SDK refuses as a system error. */
  private itemJson(cloudId: string): string {
    const known = this.byCloudId.get(cloudId);
    if (!known) return '';
    return JSON.stringify({
      cloudID: cloudId,
      data: { ...known.data, watermark: { appid: this.appid(), timestamp: Math.floor(known.issuedAt / 1000) } },
    });
  }

  /** What a svrkit request asks for, for the call record. */
  describe(reqData: Uint8Array): { list: string[] } {
    return { list: decodeGetOpenDataReq(reqData).cloudidList };
  }

  /** svrkit ApiGetOpenDataByCloudId, as cloud.getOpenData sends it. */
  bySvrkit(reqData: Uint8Array): ApiAnswer {
    const { cloudidList } = decodeGetOpenDataReq(reqData);
    return { kind: 'svrkit', bytes: encodeGetOpenDataResp(cloudidList.map((cloudId) => ({ cloudId, json: this.itemJson(cloudId) }))) };
  }

  /** openapi cloudbase.getOpenData: `{ data_list: [{ cloud_id, json }] }`, json a string. */
  byOpenApi(data: Record<string, unknown>): ApiAnswer {
    const list = Array.isArray(data.cloudid_list) ? data.cloudid_list.map(String) : [];
    return ok({ data_list: list.map((cloudId) => ({ cloud_id: cloudId, json: this.itemJson(cloudId) })) });
  }
}
