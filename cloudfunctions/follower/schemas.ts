// The shapes of what WeChat pushes to the official account's server URL (XML, the only format 服务器配置 offers), read
// with fast-xml-parser and checked with zod. These are not action contracts: nothing here crosses to the mini-program.
import { XMLParser } from 'fast-xml-parser';
import * as z from 'zod';

// Values stay strings (CreateTime is checked as digits, an openid never becomes a number); no entity expansion beyond
// XML's own five, so a DOCTYPE cannot make a small body large.
const parser = new XMLParser({ parseTagValue: false, parseAttributeValue: false, ignoreAttributes: true, processEntities: false, trimValues: true });

/** The document, or null when the body is not well-formed XML. */
export function parseXml(text: string): unknown {
  try {
    return parser.parse(text, true);
  } catch {
    return null;
  }
}

const text = (max: number) => z.string().min(1).max(max);

/** 安全模式 (and 兼容模式): `<xml><ToUserName/><Encrypt/></xml>`; the message itself is inside Encrypt. */
export const encryptedEnvelopeSchema = z.object({
  xml: z.object({ ToUserName: text(64).optional(), Encrypt: z.string().min(24).max(64 * 1024) }),
});

/** Any message or event: what every push carries. The follower function reads subscribe and unsubscribe only. */
export const followerMessageSchema = z.object({
  xml: z.object({
    ToUserName: text(64),
    FromUserName: text(128),
    CreateTime: z.string().regex(/^\d{1,12}$/),
    MsgType: text(32),
    Event: text(64).optional(),
    UnionId: text(128).optional(),
  }),
});
