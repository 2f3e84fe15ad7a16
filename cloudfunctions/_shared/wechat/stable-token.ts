// The official account's access token, shared by every instance through `wechatTokens` (`_id` the appid). WeChat
// allows one token at a time per account (getStableAccessToken: a force refresh "会导致上次获取的 access_token 失效"),
// so instances never fetch their own: they read the stored one, and one instance at a time renews it — 5 minutes
// before it expires, or when WeChat rejects it — under a lease taken with a transaction; the others wait briefly and
// read again.
import { getOrNull, inFollowUpTransaction, type Database } from '../db/db';
import type { WeChatTokenDoc } from '../documents/notification';
import { requestJson } from './https';

/** Renew this long before the stored expiry: WeChat's normal mode starts handing out a new token then. */
export const RENEW_BEFORE_MS = 5 * 60_000;
const COLLECTION = 'wechatTokens';

export interface StableTokenOptions {
  db: Database;
  apiBase: string;
  appid: string;
  secret: string;
  now: () => Date;
  /** Who holds a lease (one per adapter, i.e. per instance and invocation). */
  holder: string;
  /** Each stable_token request's timeout; the lease outlives it. */
  timeoutMs: number;
  /** How long an instance waits for another's refresh before giving up on this call. */
  waitMs?: number;
}

export type TokenOutcome = { ok: true; token: string } | { ok: false; detail: string };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const at = (value: Date | string): number => new Date(value).getTime();

export class StableToken {
  constructor(private readonly options: StableTokenOptions) {}

  /** A token to call with: the stored one while it has more than 5 minutes left, else a renewed one. */
  current(): Promise<TokenOutcome> {
    return this.obtain(undefined);
  }

  /** WeChat rejected `token` (40001 / 42001 / 40014): a token other than it. */
  replace(rejected: string): Promise<TokenOutcome> {
    return this.obtain(rejected);
  }

  private async obtain(rejected: string | undefined): Promise<TokenOutcome> {
    const { db, appid, now } = this.options;
    const waitMs = this.options.waitMs ?? leaseMsOf(this.options.timeoutMs);
    const started = now().getTime();
    for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
      const stored = await getOrNull<WeChatTokenDoc>(db, COLLECTION, appid);
      if (stored && usable(stored, rejected, now().getTime() + RENEW_BEFORE_MS)) return { ok: true, token: stored.token };
      const lease = await this.takeLease(rejected);
      if (lease.kind === 'stored') return { ok: true, token: lease.token };
      if (lease.kind === 'leased') return this.refresh(rejected);
      // Another instance is renewing. A token it has not replaced yet still works until it expires.
      if (now().getTime() - started >= waitMs) {
        if (stored && usable(stored, rejected, now().getTime())) return { ok: true, token: stored.token };
        return { ok: false, detail: `token: another instance has been renewing the access token for ${waitMs} ms` };
      }
      await sleep(delay);
    }
  }

  /**
   * One lease at a time: taken when nobody holds one, or when the holder's lease ran out (it died mid-refresh). Decided
   * inside the transaction, so a token another instance stored since our read is used, not fetched again.
   */
  private takeLease(rejected: string | undefined): Promise<{ kind: 'stored'; token: string } | { kind: 'leased' } | { kind: 'busy' }> {
    const { db, appid, holder, now, timeoutMs } = this.options;
    return inFollowUpTransaction(db, async (t) => {
      const doc = await getOrNull<WeChatTokenDoc>(t, COLLECTION, appid);
      const time = now();
      if (doc && usable(doc, rejected, time.getTime() + RENEW_BEFORE_MS)) return { kind: 'stored' as const, token: doc.token };
      if (doc?.refreshing && at(doc.refreshing.until) > time.getTime()) return { kind: 'busy' as const };
      const leased: Omit<WeChatTokenDoc, '_id'> = {
        token: doc?.token ?? '',
        expiresAt: doc ? new Date(doc.expiresAt) : new Date(0),
        refreshing: { by: holder, until: new Date(time.getTime() + leaseMsOf(timeoutMs)) },
        updatedAt: time,
      };
      await t.collection(COLLECTION).doc(appid).set({ data: leased });
      return { kind: 'leased' as const };
    });
  }

  private async refresh(rejected: string | undefined): Promise<TokenOutcome> {
    // Normal mode first: it answers the token WeChat holds valid now, which differs from a rejected one unless that
    // one leaked or broke; only then force a new one (which WeChat limits to 20 a day, 30 s apart).
    let fetched = await this.fetch(false);
    if (fetched.ok && fetched.token === rejected) fetched = await this.fetch(true);
    if (fetched.ok && fetched.token === rejected) fetched = { ok: false, detail: 'token: WeChat keeps answering the token it rejected' };
    await this.settle(fetched);
    return fetched.ok ? { ok: true, token: fetched.token } : fetched;
  }

  private async fetch(forceRefresh: boolean): Promise<{ ok: true; token: string; expiresInS: number } | { ok: false; detail: string }> {
    const { apiBase, appid, secret, timeoutMs } = this.options;
    const answer = await requestJson(`${apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      body: { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
      timeoutMs,
    });
    if (!answer.answered) return { ok: false, detail: `token: stable_token: ${answer.detail}` };
    const { access_token: token, expires_in: expiresIn, errcode, errmsg } = answer.body;
    if (typeof token === 'string' && token && typeof expiresIn === 'number') return { ok: true, token, expiresInS: expiresIn };
    return { ok: false, detail: `token: stable_token answered ${String(errcode)} ${String(errmsg ?? '')}`.trim() };
  }

  /** Store the new token and end the lease (or just end it after a failed refresh), if the lease is still ours. */
  private async settle(fetched: { ok: true; token: string; expiresInS: number } | { ok: false; detail: string }): Promise<void> {
    const { db, appid, holder, now } = this.options;
    await inFollowUpTransaction(db, async (t) => {
      const doc = await getOrNull<WeChatTokenDoc>(t, COLLECTION, appid);
      if (doc?.refreshing?.by !== holder) return;
      const time = now();
      const next: Omit<WeChatTokenDoc, '_id'> = fetched.ok
        ? { token: fetched.token, expiresAt: new Date(time.getTime() + fetched.expiresInS * 1000), updatedAt: time }
        : { token: doc.token, expiresAt: new Date(doc.expiresAt), updatedAt: time };
      await t.collection(COLLECTION).doc(appid).set({ data: next });
    });
  }
}

/** A refresh makes at most two stable_token requests; the lease covers both and a little more. */
function leaseMsOf(timeoutMs: number): number {
  return timeoutMs * 2 + 2_000;
}

function usable(doc: WeChatTokenDoc, rejected: string | undefined, validUntil: number): boolean {
  return Boolean(doc.token) && doc.token !== rejected && at(doc.expiresAt) > validUntil;
}
