// Contract of `project.forYou` (issue 12, 为你推荐): the recruiting projects a registered volunteer can actually join,
// ranked for them, each with the shift chosen for them and the reasons in a few words. Ranking:
// cloudfunctions/_shared/matching/ (eligibility.ts, ranking.ts, reasons.ts).
import type { ProjectCard } from './project-actions';

/** What a reason speaks of: the four fits and the project's need. */
export type MatchReasonKind = 'distance' | 'skill' | 'intention' | 'availability' | 'need';

/** One reason, a few Chinese words a volunteer reads under the card (距离 1.2 km · 技能：急救 · 周六上午有空). */
export interface MatchReason {
  kind: MatchReasonKind;
  text: string;
}

export interface ForYouRequest {
  /** The phone's location (GCJ-02, as wx.getLocation answers): the nearest candidates and the distance decay. */
  near: { longitude: number; latitude: number };
  /** How many projects (1–20, default 10). */
  limit?: number;
}

/** A recommended project: its card, the one shift chosen for this volunteer, and why. */
export interface ForYouItem extends ProjectCard {
  shiftId: string;
  shiftStartsAt: string;
  shiftEndsAt: string;
  /** The best first, at most three. */
  reasons: MatchReason[];
}

export interface ForYouResponse {
  items: ForYouItem[];
}

/** NOT_REGISTERED: only a registered volunteer has the facts a recommendation needs (the page shows the list). */
export type ForYouError = 'NOT_REGISTERED';

export interface ForYouActions {
  forYou: { request: ForYouRequest; response: ForYouResponse; error: ForYouError; mutates: false };
}
