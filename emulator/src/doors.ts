// The emulator's own doors. It listens on the developer's machine, where any web page the developer opens can send
// it requests: a cross-site form or `fetch(…, { mode: 'no-cors' })` POST with a `text/plain` body needs no CORS
// preflight, and before these checks one could delete whole collections. So every state-changing request must
// (1) come without an Origin or from a loopback one — browsers always send Origin on cross-origin POST/PUT, while
// the SDKs, curl and DevTools' wx.request send none — and (2) carry the content type its route's real callers send,
// which a cross-site page cannot send without a preflight we never answer. Bodies nested absurdly deep are refused
// before anything recursive (JSON.parse, EJSON, the matcher, the worker's structured clone) can overflow the stack.

/** Deepest nesting of objects/arrays a request may carry (MongoDB's documented BSON limit, which CloudBase's
 * document database inherits; the emulator applies it to function events too). */
export const MAX_NESTING_DEPTH = 100;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string | undefined): boolean {
  return !SAFE_METHODS.has((method ?? 'GET').toUpperCase());
}

/** True for no Origin at all, or an http(s) origin on localhost, 127.0.0.0/8 or [::1]; also for `extra` origins. */
export function originAllowed(origin: string | undefined, extra: readonly string[] = []): boolean {
  if (origin === undefined) return true;
  if (extra.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null", sent by sandboxed frames, file: and data: pages
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The media type of a Content-Type header, lower-cased, without parameters (`application/json`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Whether JSON text nests objects/arrays deeper than `max`, found without parsing it (so without recursion):
 * brackets inside string literals do not count. Text that is not JSON simply reports its bracket depth.
 */
export function nestsDeeperThan(text: string, max = MAX_NESTING_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * For a parsed admin or client body (its text already checked): each top-level string parameter, since the SDK
 * sends queries, documents and function events as JSON text inside strings (`query`, `data`, `request_data`, …).
 */
export function paramsNestTooDeep(body: unknown, max = MAX_NESTING_DEPTH): boolean {
  if (!body || typeof body !== 'object') return false;
  return Object.values(body as Record<string, unknown>).some((v) => {
    if (typeof v === 'string') return nestsDeeperThan(v, max);
    if (Array.isArray(v)) return v.some((item) => typeof item === 'string' && nestsDeeperThan(item, max));
    return false;
  });
}
