// The dispatcher's knobs, from the function's variables (config.json `comment` documents each); empty: the default.
import { DEFAULT_RETRY, seededRandom, type RetryPolicy } from '../_shared/messages/delivery-rules';

export interface DispatchSettings {
  retry: RetryPolicy;
  /** How long a claim holds a message being sent; a run that died leaves it to be reclaimed after this. */
  claimMs: number;
  /** How long an unanswered subscribe send waits for WeChat's send-result push before it is taken as not sent. */
  confirmWindowMs: number;
  /** The timer's run and a kick stop starting sends after these (the function's limit is 60 s). */
  timerBudgetMs: number;
  kickBudgetMs: number;
  /** The mini-program's appid, for the official account's template message that opens it. */
  miniprogramAppid: string;
  /** Which build a subscribe message opens: developer | trial | formal. */
  miniprogramState: 'developer' | 'trial' | 'formal';
  random: () => number;
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min ? value : fallback;
}

let seeded: { seed: string; random: () => number } | undefined;

export function settingsOf(env: NodeJS.ProcessEnv): DispatchSettings {
  const seed = env.ZY_NOTIFY_JITTER_SEED?.trim();
  // One seeded sequence per instance, so a test or the bench can replay the jitter; Math.random otherwise.
  if (seed && seeded?.seed !== seed) seeded = { seed, random: seededRandom(Number(seed) || 1) };
  const state = env.ZY_MINIPROGRAM_STATE?.trim();
  return {
    retry: {
      baseMs: number(env, 'ZY_NOTIFY_RETRY_BASE_MS', DEFAULT_RETRY.baseMs),
      capMs: number(env, 'ZY_NOTIFY_RETRY_CAP_MS', DEFAULT_RETRY.capMs),
      maxAttempts: number(env, 'ZY_NOTIFY_MAX_ATTEMPTS', DEFAULT_RETRY.maxAttempts, 1),
    },
    claimMs: number(env, 'ZY_NOTIFY_CLAIM_MS', 20_000, 1),
    confirmWindowMs: number(env, 'ZY_NOTIFY_CONFIRM_WINDOW_MS', 10 * 60_000, 1),
    timerBudgetMs: number(env, 'ZY_NOTIFY_TIMER_BUDGET_MS', 45_000, 1),
    kickBudgetMs: number(env, 'ZY_NOTIFY_KICK_BUDGET_MS', 3_000, 1),
    miniprogramAppid: env.ZY_MINIPROGRAM_APPID?.trim() ?? '',
    miniprogramState: state === 'developer' || state === 'trial' ? state : 'formal',
    random: seed && seeded ? seeded.random : Math.random,
  };
}
