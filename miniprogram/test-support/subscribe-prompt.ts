// WeChat's client side of subscribe messages, for page tests: wx.requestSubscribeMessage as the WeChat app answers
// it. It refuses outside a tap's handler (base library ≥ 2.8.2 shows the popup only "用户发生点击行为后", before any
// await: "requestSubscribeMessage:fail can only be invoked by user TAP gesture."), answers each template id as the
// test decides, and records every acceptance with the emulator's fake WeChat server, as WeChat does, so the notify
// function's sends are allowed exactly as many times as the person accepted.
import type { SubscribeAnswer } from '../../typings/notify';
import type { EmulatorBridge } from './emulator-bridge';
import type { LocalCloud } from './emulator';
import type { Rendered } from './simulate';

export interface PromptShown {
  tmplIds: string[];
  /** Function calls the page had made when the popup was asked for (bridge.calls.length). */
  callsBefore: number;
  /** Whether it was asked inside a tap's handler before any await. */
  inTap: boolean;
}

/** What the person does with the next popups: an answer per template id (the rest accepted), or WeChat's failure. */
export type PersonAnswers = { answers: Record<string, SubscribeAnswer> } | { failure: { errCode: number; errMsg: string } };

export interface SubscribePromptFake {
  answerWith(answers: PersonAnswers): void;
  readonly prompts: PromptShown[];
  /** A person's tap on the node: its handler runs inside the tap gesture until its first await. */
  tapAsPerson(page: Rendered, selector: string): Promise<void>;
  uninstall(): void;
}

type Options = {
  tmplIds: string[];
  success?: (res: Record<string, string>) => void;
  fail?: (err: { errCode?: number; errMsg: string }) => void;
};

export function installSubscribePrompt(emu: LocalCloud, bridge: EmulatorBridge): SubscribePromptFake {
  let inTap = false;
  let next: PersonAnswers = { answers: {} };
  const prompts: PromptShown[] = [];
  const spy = jest.spyOn(wx, 'requestSubscribeMessage').mockImplementation(((o: Options) => {
    prompts.push({ tmplIds: [...o.tmplIds], callsBefore: bridge.calls.length, inTap });
    // WeChat answers on its own schedule, never inside the call.
    const answer = (fn: () => void) => void Promise.resolve().then(fn);
    if (!inTap) return answer(() => o.fail?.({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }));
    if ('failure' in next) {
      const { failure } = next;
      return answer(() => o.fail?.({ ...failure }));
    }
    const result: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of o.tmplIds) {
      const a = next.answers[id] ?? 'accept';
      result[id] = a;
      if (a === 'accept') emu.wechat.acceptSubscription(bridge.openid, id);
    }
    return answer(() => o.success?.(result));
  }) as never);

  return {
    answerWith(answers) {
      next = answers;
    },
    prompts,
    async tapAsPerson(page, selector) {
      const node = page.querySelector(selector);
      if (!node) throw new Error(`no ${selector}`);
      // j-component delivers the tap in the next microtask and the handler runs in it until its first await; this
      // microtask, queued after it, ends the gesture before anything the handler awaited resumes.
      inTap = true;
      node.dispatchEvent('tap');
      await Promise.resolve().then(() => {
        inTap = false;
      });
    },
    uninstall() {
      spy.mockRestore();
    },
  };
}
