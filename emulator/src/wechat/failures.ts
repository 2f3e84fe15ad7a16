// Failure injection for every faked WeChat API, cloud-called or over HTTPS: the next call of an API (`failNext`) or
// a seeded share of calls (`failRandomly`) fails as WeChat or the platform fails it — an errcode WeChat answers, a
// platform error before WeChat, or a timeout in one of its two forms.

/**
 * How a call fails.
 * - `{ errcode }`: WeChat answers this errcode (and its usual errmsg unless one is given); nothing happens.
 * - `{ errorCode }`: the platform refuses before WeChat (cloud-call: CommOpenApiResp errorCode, e.g. -604101;
 *   official-account HTTPS: the edge answers 503 with no JSON).
 * - `{ timeout: 'lost-request' }`: WeChat never got the call; nothing happens, and no answer comes.
 * - `{ timeout: 'lost-answer' }`: WeChat did what was asked (a message is delivered), but the answer never comes.
 */
export type Failure =
  | { errcode: number; errmsg?: string }
  | { errorCode: number }
  | { timeout: 'lost-request' | 'lost-answer' };

export interface RandomFailures {
  /** The same seed, and the same calls in the same order, fail the same way. */
  seed: number;
  /** Share of calls that fail, 0–1. */
  rate: number;
  /** The APIs that may fail (e.g. 'subscribeMessage.send', 'cgi-bin/message/template/send'). */
  apis: readonly string[];
  /** What a failing call fails with, picked evenly. */
  failures: readonly Failure[];
}

/** mulberry32: a small, well-distributed 32-bit PRNG; a seed gives one reproducible sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FailureInjector {
  private readonly queued = new Map<string, Failure[]>();
  private random?: { draw: () => number; rate: number; apis: Set<string>; failures: readonly Failure[] };

  failNext(api: string, failure: Failure): void {
    const queue = this.queued.get(api) ?? [];
    queue.push(failure);
    this.queued.set(api, queue);
  }

  failRandomly(options: RandomFailures): void {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new Error(`failRandomly: rate ${options.rate} is not between 0 and 1`);
    if (options.failures.length === 0) throw new Error('failRandomly: name at least one failure');
    this.random = { draw: seededRandom(options.seed), rate: options.rate, apis: new Set(options.apis), failures: [...options.failures] };
  }

  /** Ends random failures and drops every queued failNext. */
  stopFailing(): void {
    this.random = undefined;
    this.queued.clear();
  }

  /** The failure this call of `api` meets, if any: a queued failNext first, then the random draw. */
  take(api: string): Failure | undefined {
    const queued = this.queued.get(api)?.shift();
    if (queued) return queued;
    const random = this.random;
    if (!random || !random.apis.has(api)) return undefined;
    // Two draws per call, whether or not it fails, so one call's outcome never shifts the next one's.
    const fails = random.draw() < random.rate;
    const pick = random.failures[Math.floor(random.draw() * random.failures.length)];
    return fails ? pick : undefined;
  }
}

/** A timeout failure's kind, or undefined. */
export function timeoutOf(failure: Failure | undefined): 'lost-request' | 'lost-answer' | undefined {
  return failure && 'timeout' in failure ? failure.timeout : undefined;
}
