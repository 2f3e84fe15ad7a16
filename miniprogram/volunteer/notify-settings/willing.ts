// 消息设置's 紧急求助 section: whether I am told of verified urgent help requests near where I usually am, and within
// how far (help.willing / help.setWilling, issue 12). Pure: what the section shows and what a change sends. The limits
// and the words are the ones the help function checks (domain/help-rules.ts, HELP_RULE_MESSAGES).
import type { SetWillingRequest, WillingView } from '../../../typings/help';
import { HELP_LIMITS } from '../../domain/help-rules';
import { HELP_RULE_MESSAGES } from '../../domain/messages';

export const RADIUS_KM = { min: HELP_LIMITS.willingRadiusKm[0], max: HELP_LIMITS.willingRadiusKm[1], default: 5 } as const;
export const NEEDS_PLACE = HELP_RULE_MESSAGES.willingNeedsPlace;

export interface WillingForm {
  willing: boolean;
  near: { longitude: number; latitude: number } | null;
  /** The place's name as the map gave it, when picked here. */
  nearName: string;
  radiusKm: number;
  error: string;
}

export function willingFormOf(v: WillingView, nearName = ''): WillingForm {
  return { willing: v.willing, near: v.near ?? null, nearName: v.near ? nearName : '', radiusKm: v.radiusKm ?? RADIUS_KM.default, error: '' };
}

export interface WillingSection {
  form: WillingForm;
  nearText: string;
  radiusText: string;
  a11yLabel: string;
}

export function toWillingSection(form: WillingForm): WillingSection {
  return {
    form,
    nearText: form.near ? form.nearName || '已选位置' : '',
    radiusText: `${form.radiusKm} 公里内`,
    a11yLabel: `紧急求助通知，${form.willing ? '已开启' : '已关闭'}`,
  };
}

const clampRadius = (km: number) => Math.min(RADIUS_KM.max, Math.max(RADIUS_KM.min, Math.round(km)));

/** What setWilling is sent for the form, or the message that keeps it from being sent (willing needs a place). */
export function willingRequestOf(form: WillingForm): { ok: true; request: SetWillingRequest } | { ok: false; message: string } {
  if (!form.willing) return { ok: true, request: { willing: false } };
  if (!form.near) return { ok: false, message: NEEDS_PLACE };
  return { ok: true, request: { willing: true, near: form.near, radiusKm: clampRadius(form.radiusKm) } };
}

export type WillingChange = { field: 'willing'; on: boolean } | { field: 'near'; near: { longitude: number; latitude: number }; name: string } | { field: 'radius'; km: number };

export function applyWillingChange(form: WillingForm, change: WillingChange): WillingForm {
  switch (change.field) {
    case 'willing':
      return { ...form, willing: change.on, error: '' };
    case 'near':
      return { ...form, near: change.near, nearName: change.name, error: '' };
    case 'radius':
      return { ...form, radiusKm: clampRadius(change.km), error: '' };
  }
}
