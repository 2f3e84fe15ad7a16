// 推荐志愿者 (one shift), pure: the shift in a line, the suggested volunteers (masked) with their reasons, who may be
// invited (not capped this week, not invited already), who is chosen for 邀请所选, and each invite's outcome on its
// row. The server decides every pair again (match.invite); this only shows what it answered.
import type { InviteResult, InvitationPair, Suggestion, SuggestResponse } from '../../../typings/match';
import { shiftTimeText } from '../../common/project-labels';
import { OUTCOME_TEXT, OUTCOME_TONE, type OutcomeTone } from '../common/invite-outcomes';

export const SUGGEST_TEXT = {
  missingId: '链接不完整，没有指明班次',
  invite: '邀请',
  invited: '已邀请',
  capped: '本周邀请已满',
  unavailable: '无法邀请',
  inviteChosen: (n: number) => (n > 0 ? `邀请所选（${n} 人）` : '邀请所选'),
  confirmTitle: (n: number) => `邀请 ${n} 位志愿者？`,
  confirmContent: '他们会收到邀请消息，点开即可报名这个班次（名额先到先得）。',
  confirmText: '邀请',
} as const;

export interface SuggestRow {
  candidateId: string;
  name: string;
  /** 距离 1.2 km · 技能：急救 · 周六上午有空 */
  reasonsText: string;
  /** 邀请, 已邀请 or 本周邀请已满: the row's button says why it cannot be tapped. */
  buttonText: string;
  canInvite: boolean;
  chosen: boolean;
  outcomeText: string;
  tone: OutcomeTone;
}

export interface SuggestState {
  /** closed: SHIFT_CLOSED, nobody can join the shift any more (its own state, not an error to retry). */
  status: 'loading' | 'error' | 'closed' | 'ready';
  message: string;
  shiftId: string;
  title: string;
  timeText: string;
  placesText: string;
  /** The shift belongs to a series: the page offers 排班助手 for the whole series. */
  seriesId: string;
  rows: SuggestRow[];
  chosenCount: number;
  inviteChosenText: string;
  /** The candidate being invited alone, or 'chosen' for 邀请所选; '' when idle. */
  busy: string;
  /** After 邀请所选: how many were sent. */
  summary: string;
}

export const initialState: SuggestState = {
  status: 'loading',
  message: '',
  shiftId: '',
  title: '',
  timeText: '',
  placesText: '',
  seriesId: '',
  rows: [],
  chosenCount: 0,
  inviteChosenText: SUGGEST_TEXT.inviteChosen(0),
  busy: '',
  summary: '',
};

export function errorState(shiftId: string, message: string): SuggestState {
  return { ...initialState, shiftId, status: 'error', message };
}

export function closedState(shiftId: string, message: string): SuggestState {
  return { ...initialState, shiftId, status: 'closed', message };
}

export function rowOf(s: Suggestion): SuggestRow {
  const invited = s.invitedAt !== undefined;
  const capped = !invited && s.invitesLeft <= 0;
  return {
    candidateId: s.candidateId,
    name: s.nameMasked,
    reasonsText: s.reasons.map((r) => r.text).join(' · '),
    buttonText: invited ? SUGGEST_TEXT.invited : capped ? SUGGEST_TEXT.capped : SUGGEST_TEXT.invite,
    canInvite: !invited && !capped,
    chosen: false,
    outcomeText: '',
    tone: '',
  };
}

function counted(state: SuggestState, rows: SuggestRow[]): SuggestState {
  const chosenCount = rows.filter((r) => r.chosen).length;
  return { ...state, rows, chosenCount, inviteChosenText: SUGGEST_TEXT.inviteChosen(chosenCount) };
}

export function toState(res: SuggestResponse): SuggestState {
  const s = res.shift;
  return counted(
    {
      ...initialState,
      status: 'ready',
      shiftId: s.shiftId,
      title: s.projectTitle,
      timeText: shiftTimeText(s.startsAt, s.endsAt),
      placesText: `剩余 ${s.placesLeft}/${s.places} 个名额`,
      seriesId: s.seriesId ?? '',
    },
    res.suggestions.map(rowOf),
  );
}

/** Choose or unchoose one person for 邀请所选; someone who cannot be invited is never chosen. */
export function toggled(state: SuggestState, candidateId: string): SuggestState {
  return counted(
    state,
    state.rows.map((r) => (r.candidateId === candidateId && r.canInvite ? { ...r, chosen: !r.chosen } : r)),
  );
}

/** The pairs to send: the chosen rows that may still be invited, or the one row asked for. */
export function pairsOf(state: SuggestState, only?: string): InvitationPair[] {
  return state.rows
    .filter((r) => r.canInvite && (only === undefined ? r.chosen : r.candidateId === only))
    .map((r) => ({ shiftId: state.shiftId, candidateId: r.candidateId }));
}

/** Each result on its row: invited and alreadyInvited become 已邀请, weeklyCap 本周邀请已满; nobody answered stays chosen. */
export function withResults(state: SuggestState, results: readonly InviteResult[]): SuggestState {
  const byCandidate = new Map(results.filter((r) => r.shiftId === state.shiftId).map((r) => [r.candidateId, r.outcome]));
  return counted(
    state,
    state.rows.map((r) => {
      const outcome = byCandidate.get(r.candidateId);
      if (!outcome) return r;
      const buttonText = outcome === 'invited' || outcome === 'alreadyInvited' ? SUGGEST_TEXT.invited : outcome === 'weeklyCap' ? SUGGEST_TEXT.capped : SUGGEST_TEXT.unavailable;
      return { ...r, canInvite: false, chosen: false, buttonText, outcomeText: OUTCOME_TEXT[outcome], tone: OUTCOME_TONE[outcome] };
    }),
  );
}
