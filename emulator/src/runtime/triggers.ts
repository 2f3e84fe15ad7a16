// Timer triggers: each function's config.json trigger fires on its cron schedule (UTC+8, see cron.ts) while the
// emulator runs with triggers on (`npm start`), and any trigger can be fired now (tests, `POST /triggers/…`).
// As on SCF a timer call is asynchronous: its answer goes nowhere but the log.
import type { FunctionRuntime, InvokeOutcome } from './runtime';

export interface FiredTrigger {
  function: string;
  trigger: string;
  at: Date;
  outcome: InvokeOutcome;
}

/** setTimeout's longest delay; a firing further away is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class TimerTriggers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = false;
  /** Firings since start, newest last (what a test or a developer can look at). */
  readonly fired: FiredTrigger[] = [];

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.running = true;
    for (const fn of this.runtime.list()) {
      for (const trigger of fn.triggers) this.arm(fn.name, trigger.name, this.now());
    }
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Fire `functionName`'s trigger (its only one when no name is given) as if its time `at` had come. */
  async fire(functionName: string, triggerName?: string, at: Date = this.now()): Promise<FiredTrigger> {
    const fn = this.runtime.info(functionName);
    if (!fn) throw new Error(`no function ${functionName}`);
    const trigger = triggerName ? fn.triggers.find((t) => t.name === triggerName) : fn.triggers[0];
    if (!trigger) throw new Error(`function ${functionName} has no timer trigger${triggerName ? ` named ${triggerName}` : ''}`);
    const outcome = await this.runtime.fireTrigger(fn.name, trigger.name, at);
    const fired = { function: fn.name, trigger: trigger.name, at, outcome };
    this.fired.push(fired);
    if (!outcome.ok) console.error(`[timer ${fn.name}/${trigger.name}] ${outcome.message}`);
    return fired;
  }

  private arm(functionName: string, triggerName: string, after: Date): void {
    if (!this.running) return;
    const fn = this.runtime.info(functionName);
    const trigger = fn?.triggers.find((t) => t.name === triggerName);
    const at = trigger?.schedule.next(after);
    if (!at) return;
    const wait = at.getTime() - this.now().getTime();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (wait > MAX_DELAY_MS) return this.arm(functionName, triggerName, after);
        this.arm(functionName, triggerName, at);
        void this.fire(functionName, triggerName, at).catch((e: unknown) => console.error(`[timer ${functionName}/${triggerName}]`, e));
      },
      Math.max(0, Math.min(wait, MAX_DELAY_MS)),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
