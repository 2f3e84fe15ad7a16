// 确认参加, pure: one of my sign-ups as the 24-hour reminder asks about it — the shift, where, what stands, and
// whether 确认参加 and 释放名额 are offered (the server decides both: typings/signup-reminder.ts).
import type { PlaceCheckView } from '../../../typings/signup-reminder';
import { shanghaiClock } from '../../domain/calendar';
import { PLACE_CHECK_PAGE_TEXT as T } from '../../domain/messages';

export interface PlaceCheckState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  signupId: string;
  title: string;
  orgName: string;
  timeText: string;
  place: string;
  /** What stands: held, confirmed (when), released, ended. */
  standing: string;
  tone: 'good' | 'wait' | 'off';
  canConfirm: boolean;
  canRelease: boolean;
  lateIfReleased: boolean;
  busy: '' | 'confirm' | 'release';
}

export const initialState: PlaceCheckState = {
  status: 'loading',
  message: '',
  signupId: '',
  title: '',
  orgName: '',
  timeText: '',
  place: '',
  standing: '',
  tone: 'wait',
  canConfirm: false,
  canRelease: false,
  lateIfReleased: false,
  busy: '',
};

export function errorState(signupId: string, message: string): PlaceCheckState {
  return { ...initialState, signupId, status: 'error', message };
}

/** The shift in Shanghai time, e.g. 12月3日 09:00–11:30. */
function timeTextOf(startsAt: string, endsAt: string): string {
  const start = shanghaiClock(Date.parse(startsAt));
  const end = shanghaiClock(Date.parse(endsAt));
  return `${start.format('M月D日 HH:mm')}–${end.format(start.isSame(end, 'day') ? 'HH:mm' : 'M月D日 HH:mm')}`;
}

export function toState(v: PlaceCheckView, now: Date): PlaceCheckState {
  const s = v.signup;
  const standing =
    s.status === 'confirmed' && v.placeConfirmedAt
      ? { standing: T.confirmed(shanghaiClock(Date.parse(v.placeConfirmedAt)).format('M月D日 HH:mm')), tone: 'good' as const }
      : s.status === 'withdrawn'
        ? { standing: T.released, tone: 'off' as const }
        : s.status === 'confirmed'
          ? { standing: now.getTime() >= Date.parse(s.startsAt) ? T.started : T.held, tone: 'good' as const }
          : v.canRelease
            ? { standing: s.reason, tone: 'wait' as const }
            : { standing: T.ended, tone: 'off' as const };
  return {
    ...initialState,
    status: 'ready',
    signupId: s.signupId,
    title: s.projectTitle,
    orgName: s.orgName,
    timeText: timeTextOf(s.startsAt, s.endsAt),
    place: v.place,
    ...standing,
    canConfirm: v.canConfirm,
    canRelease: v.canRelease,
    lateIfReleased: v.lateIfReleased,
  };
}

/** What 释放名额 asks first: late or not. */
export function releasePrompt(state: Pick<PlaceCheckState, 'lateIfReleased'>): { title: string; content: string } {
  return state.lateIfReleased ? { title: T.releaseTitleLate, content: T.releaseContentLate } : { title: T.releaseTitle, content: T.releaseContent };
}
