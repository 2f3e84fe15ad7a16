// 排班助手 (one series), pure: the proposal of match.seriesProposal — places it fills of those left, how many willing
// volunteers were considered, each open shift with the people proposed for it — which the admin trims (移除 / 恢复)
// before 发送邀请; then each pair's answer from match.invite on its person. `optimal: false` is said plainly.
import type { InviteOutcome, InviteResult, InvitationPair, SeriesProposalResponse } from '../../../typings/match';
import { shiftTimeText } from '../../common/project-labels';
import { OUTCOME_TEXT, OUTCOME_TONE, sentSummary, type OutcomeTone } from '../common/invite-outcomes';

export const SERIES_TEXT = {
  missingId: '链接不完整，没有指明重复班次',
  notOptimal: '这组班次中有时间前后相连的重叠班次，为了不让一个人同时排到重叠的班次，这个方案可能留下一个手动安排能补上的空缺。',
  confirmTitle: (n: number) => `发送 ${n} 份邀请？`,
  confirmContent: '被邀请的志愿者会收到消息，点开即可报名对应的班次（名额先到先得）。',
  confirmText: '发送',
  nothingToSend: '没有要发送的邀请',
} as const;

export interface ProposedPerson {
  candidateId: string;
  name: string;
  /** Taken out of the proposal by the admin: not sent (恢复 puts them back). */
  removed: boolean;
  outcome: InviteOutcome | '';
  outcomeText: string;
  tone: OutcomeTone;
}

export interface SeriesShiftRow {
  shiftId: string;
  timeText: string;
  placesText: string;
  people: ProposedPerson[];
}

export interface SeriesState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  seriesId: string;
  title: string;
  /** 方案填满 5/6 个空缺名额 */
  filledText: string;
  /** 考虑了 12 位愿意参加的志愿者 */
  candidatesText: string;
  /** '' when the proposal is optimal. */
  optimalNote: string;
  shifts: SeriesShiftRow[];
  /** Pairs 发送邀请 would send now. */
  toSend: number;
  sendText: string;
  busy: boolean;
  /** The proposal was sent: its answers are on the people; 重新生成 reads a new one. */
  sent: boolean;
  summary: string;
}

export const initialState: SeriesState = {
  status: 'loading',
  message: '',
  seriesId: '',
  title: '',
  filledText: '',
  candidatesText: '',
  optimalNote: '',
  shifts: [],
  toSend: 0,
  sendText: '发送邀请',
  busy: false,
  sent: false,
  summary: '',
};

export function errorState(seriesId: string, message: string): SeriesState {
  return { ...initialState, seriesId, status: 'error', message };
}

/** Still to send: in the proposal and not answered yet (a call that failed half-way leaves the rest pending). */
const pending = (p: ProposedPerson): boolean => !p.removed && !p.outcome;

function counted(state: SeriesState, shifts: SeriesShiftRow[]): SeriesState {
  const toSend = state.sent ? 0 : shifts.reduce((n, s) => n + s.people.filter(pending).length, 0);
  return { ...state, shifts, toSend, sendText: toSend > 0 ? `发送邀请（${toSend} 份）` : '发送邀请' };
}

function placesText(placesLeft: number, proposed: number): string {
  return proposed === 0 ? `空缺 ${placesLeft} 个，暂无可邀请的志愿者` : `空缺 ${placesLeft} 个，拟邀请 ${proposed} 人`;
}

export function toState(seriesId: string, p: SeriesProposalResponse): SeriesState {
  return counted(
    {
      ...initialState,
      status: 'ready',
      seriesId,
      title: p.projectTitle,
      filledText: `方案填满 ${p.filled}/${p.placesLeft} 个空缺名额`,
      candidatesText: `考虑了 ${p.candidates} 位愿意参加的志愿者`,
      // A proposal that fills every open place cannot be bettered, whatever the overlaps.
      optimalNote: p.optimal || p.filled >= p.placesLeft ? '' : SERIES_TEXT.notOptimal,
    },
    p.shifts.map((s) => ({
      shiftId: s.shiftId,
      timeText: shiftTimeText(s.startsAt, s.endsAt),
      placesText: placesText(s.placesLeft, s.proposed.length),
      people: s.proposed.map((x) => ({ candidateId: x.candidateId, name: x.nameMasked, removed: false, outcome: '' as const, outcomeText: '', tone: '' as const })),
    })),
  );
}

/** 移除 / 恢复 one person of one shift before sending; someone already answered for, or a sent proposal, stays. */
export function toggledPerson(state: SeriesState, shiftId: string, candidateId: string): SeriesState {
  if (state.sent) return state;
  return counted(
    state,
    state.shifts.map((s) =>
      s.shiftId !== shiftId ? s : { ...s, people: s.people.map((p) => (p.candidateId === candidateId && !p.outcome ? { ...p, removed: !p.removed } : p)) },
    ),
  );
}

/** The pairs still to send, shift by shift (soonest first). */
export function pairsOf(state: SeriesState): InvitationPair[] {
  if (state.sent) return [];
  return state.shifts.flatMap((s) => s.people.filter(pending).map((p) => ({ shiftId: s.shiftId, candidateId: p.candidateId })));
}

/** Every pair was answered (over one or more tries): the proposal is sent; 重新生成方案 reads a new one. */
export function markedSent(state: SeriesState): SeriesState {
  const answered = state.shifts.flatMap((s) => s.people.filter((p) => p.outcome));
  const summary = sentSummary(answered.filter((p) => p.outcome === 'invited').length, answered.length);
  return counted({ ...state, sent: true, busy: false, summary }, state.shifts);
}

/** Each answer on its person. */
export function withResults(state: SeriesState, results: readonly InviteResult[]): SeriesState {
  const outcome = new Map(results.map((r) => [`${r.shiftId}\u0000${r.candidateId}`, r.outcome]));
  return counted(
    state,
    state.shifts.map((s) => ({
      ...s,
      people: s.people.map((p) => {
        const o = outcome.get(`${s.shiftId}\u0000${p.candidateId}`);
        return o ? { ...p, outcome: o, outcomeText: OUTCOME_TEXT[o], tone: OUTCOME_TONE[o] } : p;
      }),
    })),
  );
}
