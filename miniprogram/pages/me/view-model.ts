// 我的: session → what the page shows. Pure, so every state is tested without WeChat.
import type { SessionResponse } from '../../../typings/index';

export type MeView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'unregistered'; isPlatformAdmin: boolean }
  | { kind: 'registered'; name: string; volunteerNoText: string; isPlatformAdmin: boolean };

export const loadingView: MeView = { kind: 'loading' };

type SessionOutcome = { ok: true; data: SessionResponse } | { ok: false; error: { code: string; message: string } };

export function toMeView(outcome: SessionOutcome): MeView {
  if (!outcome.ok) return { kind: 'error', message: outcome.error.message };
  const session = outcome.data;
  const isPlatformAdmin = session.roles.includes('platformAdmin');
  if (session.registered && session.volunteer) {
    return {
      kind: 'registered',
      name: session.volunteer.name,
      volunteerNoText: `志愿者编号 ${session.volunteer.volunteerNo}`,
      isPlatformAdmin,
    };
  }
  return { kind: 'unregistered', isPlatformAdmin };
}
