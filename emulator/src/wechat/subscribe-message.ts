// subscribeMessage.send as WeChat validates it (OpenApiDoc mp-message-management/subscribe-message/sendMessage):
// a known template, a user who accepted it (each acceptance of a one-time subscription allows one message), a page
// of the mini-program, and every data value within the rules of its parameter type, which the key names
// (`thing1`, `time2`, …). Where the table is loose the stricter reading is taken (see emulator/README.md).
import { wxError, type ApiAnswer } from './answer';

const HAN = '\\p{Script=Han}';
const DATE = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2})';
const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const range = (point: string): RegExp => new RegExp(`^${point}(?:\\s*~\\s*${point})?$`, 'u');

/** Each parameter type's rule: a value passes when the test passes. */
const RULES: Record<string, (v: string) => boolean> = {
  // 20 characters at most, anything.
  thing: (v) => [...v].length <= 20,
  // Digits, optionally with a decimal part; 32 digits at most.
  number: (v) => /^\d+(?:\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[\p{P}\p{S}]{1,5}$/u.test(v),
  // Digits, letters or symbols (no Chinese, no spaces); 32 at most.
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  // A 24-hour time, optionally after a date; or a range of two joined by "~".
  time: (v) => range(`(?:${DATE}\\s*)?${TIME}`).test(v),
  // A date, optionally followed by a 24-hour time; or a range.
  date: (v) => range(`${DATE}(?:\\s*${TIME})?`).test(v),
  // One currency symbol, up to 10 digits, optional decimals, optional trailing 元.
  amount: (v) => /^[¥￥$€£]\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d\p{P}\p{S}]{1,17}$/u.test(v),
  // 8 at most; the first and last may be Chinese, the rest letters or digits.
  car_number: (v) => new RegExp(`^[${HAN}A-Z0-9][A-Z0-9]{0,6}[${HAN}A-Z0-9]?$`, 'u').test(v) && [...v].length <= 8,
  // 10 Chinese characters (mixed with letters counts as Chinese), or 20 letters/symbols.
  name: (v) =>
    new RegExp(HAN, 'u').test(v) ? new RegExp(`^[${HAN}A-Za-z·]{1,10}$`, 'u').test(v) : /^[A-Za-z\p{P}\p{S} ]{1,20}$/u.test(v),
  // Five Chinese characters at most, nothing else.
  phrase: (v) => new RegExp(`^${HAN}{1,5}$`, 'u').test(v),
  // An approved constant; the emulator can only check its length (20).
  const: (v) => [...v].length <= 20,
};

export const SUBSCRIBE_PARAM_TYPES = Object.keys(RULES);

/** `thing12` → `thing`; undefined for a key that names no known type. */
export function paramTypeOf(key: string): string | undefined {
  const type = /^([a-z_]+?)(\d+)$/.exec(key)?.[1];
  return type && type in RULES ? type : undefined;
}

/** Why a data value is refused, in WeChat's words, or undefined when it passes. */
export function refuseValue(key: string, value: unknown): string | undefined {
  const type = paramTypeOf(key);
  if (value === undefined || value === null || value === '') return `data.${key}.value is empty`;
  if (typeof value !== 'string' && typeof value !== 'number') return `data.${key}.value invalid`;
  if (!type || !RULES[type](String(value))) return `data.${key}.value invalid`;
  return undefined;
}

const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];
const LANGS = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

export class SubscribeMessages {
  private readonly templates = new Map<string, string[]>();
  /** `${openid}\n${templateId}` → messages the user still allows (one per accepted one-time subscription). */
  private readonly grants = new Map<string, number>();
  private msgid = 2_114_818_936_478_859_265n;

  constructor(private readonly isPage: (path: string) => boolean) {}

  defineTemplate(templateId: string, keys: string[]): void {
    const unknown = keys.filter((k) => !paramTypeOf(k));
    if (unknown.length) throw new Error(`template ${templateId}: ${unknown.join(', ')} name no parameter type (${SUBSCRIBE_PARAM_TYPES.join(', ')})`);
    this.templates.set(templateId, [...keys]);
  }

  accept(openid: string, templateId: string, times: number): void {
    const k = `${openid}\n${templateId}`;
    this.grants.set(k, (this.grants.get(k) ?? 0) + times);
  }

  allowance(openid: string, templateId: string): number {
    return this.grants.get(`${openid}\n${templateId}`) ?? 0;
  }

  send(data: Record<string, unknown>): ApiAnswer {
    const touser = data.touser;
    if (typeof touser !== 'string' || !touser) return wxError(40003, 'invalid openid');
    const templateId = data.template_id;
    const keys = typeof templateId === 'string' ? this.templates.get(templateId) : undefined;
    if (!keys) return wxError(40037, 'invalid template_id');
    if (data.page !== undefined) {
      const page = typeof data.page === 'string' ? data.page.split('?')[0] : '';
      if (!this.isPage(page)) return wxError(41030, 'invalid page');
    }
    if (data.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(String(data.miniprogram_state))) {
      return wxError(47003, 'argument invalid! miniprogram_state invalid');
    }
    if (data.lang !== undefined && !LANGS.includes(String(data.lang))) return wxError(47003, 'argument invalid! lang invalid');
    const values = data.data;
    if (!values || typeof values !== 'object' || Array.isArray(values)) return wxError(47003, 'argument invalid! data is empty');
    const given = values as Record<string, unknown>;
    for (const key of Object.keys(given)) {
      if (!keys.includes(key)) return wxError(47003, `argument invalid! data.${key} is not in the template`);
    }
    for (const key of keys) {
      const entry = given[key] as { value?: unknown } | undefined;
      const refused = refuseValue(key, entry && typeof entry === 'object' ? entry.value : undefined);
      if (refused) return wxError(47003, `argument invalid! ${refused}`);
    }
    const grant = `${touser}\n${templateId}`;
    const left = this.grants.get(grant) ?? 0;
    if (left <= 0) return wxError(43101, 'user refuse to accept the msg');
    this.grants.set(grant, left - 1);
    this.msgid += 1n;
    // WeChat's msgid is a 64-bit number; the SDK parses it with json-bigint, so it may not fit a JS number.
    return { kind: 'json', body: { msgid: new RawJsonNumber(this.msgid.toString()) } };
  }
}

/** A JSON number written as its digits, beyond Number's precision. */
export class RawJsonNumber {
  constructor(readonly digits: string) {}
}
