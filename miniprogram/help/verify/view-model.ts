// 求助核实: the needs waiting for verification that the caller may verify (a platform admin: all; an admin of a
// verified organization: its county), each with the contact's name and masked phone; the verifier picks how they
// verified (电话 / 上门 / 材料), writes what they found (required) and verifies or rejects. The answer stays on the
// card: offered to N organizations, M volunteers told. Pure.
import type { HelpRequestView, VerificationMethod, VerifyHelpResponse, VerifyQueueItem } from '../../../typings/help';
import { noteOk } from '../../domain/help-rules';
import { HELP_RULE_MESSAGES } from '../../domain/messages';
import { timeIsOver, VERIFICATION_METHODS, toNeedRow, type NeedRow } from '../common/labels';

export interface VerifyDraft {
  method: VerificationMethod;
  note: string;
  error: string;
  /** The answer, once decided: the card stays with it. */
  result: string;
}

export const emptyDraft = (): VerifyDraft => ({ method: 'call', note: '', error: '', result: '' });

export interface QueueRow extends NeedRow {
  methodChoices: Array<{ code: VerificationMethod; label: string; checked: boolean }>;
  /** In whose name it is verified: 以「鼓楼区志愿者协会」名义核实, or 以平台名义核实. */
  verifierText: string;
}

export function toQueueRow(v: VerifyQueueItem, draft: VerifyDraft, preferredOrgId: string): QueueRow {
  return {
    ...toNeedRow(v),
    methodChoices: VERIFICATION_METHODS.map((m) => ({ code: m.code, label: m.label, checked: m.code === draft.method })),
    verifierText: verifierOf(v, preferredOrgId).text,
  };
}

/**
 * Whom the caller verifies a need as (help.verify `asOrgId`; '' as a platform admin): the organization the page was
 * opened for (组织主页's ?orgId=) when it may verify this need, else as a platform admin when they are one, else the
 * first of their organizations of the need's county — so an admin of several organizations verifies each need from
 * 我的 without choosing, in the name the server accepts.
 */
export function verifierOf(v: VerifyQueueItem, preferredOrgId: string): { asOrgId: string; text: string } {
  const org = v.verifiableFor.find((o) => o.orgId === preferredOrgId) ?? (v.asPlatformAdmin ? undefined : v.verifiableFor[0]);
  return org ? { asOrgId: org.orgId, text: `以「${org.orgName}」名义核实` } : { asOrgId: '', text: '以平台名义核实' };
}

/**
 * What the queue shows: the needs decided here stay with their answer; the others only while their time is not
 * over (labels.ts timeIsOver: a need whose start has passed can no longer be verified).
 */
export function queueItems<V extends HelpRequestView>(items: readonly V[], decided: ReadonlySet<string>, now: Date): V[] {
  return items.filter((v) => decided.has(v.id) || !timeIsOver(v, now));
}

/** '' when the decision may be sent. */
export function draftProblem(draft: VerifyDraft): string {
  return noteOk(draft.note) ? '' : HELP_RULE_MESSAGES.noteRequired;
}

/** What the verifier reads once the function answered. */
export function resultText(decision: 'verify' | 'reject', answer: Pick<VerifyHelpResponse, 'status' | 'offeredTo' | 'volunteersTold'>): string {
  if (decision === 'reject') return '已标记为未通过核实，求助人会收到你写的说明。';
  if (answer.status === 'unmatched') return '已核实，但附近暂时没有接单的组织，求助人会收到通知。';
  const told = answer.volunteersTold > 0 ? `，已通知附近 ${answer.volunteersTold} 位愿意响应的志愿者` : '';
  return `已核实，已派给 ${answer.offeredTo} 家组织${told}。`;
}

export function decisionConfirm(decision: 'verify' | 'reject'): { title: string; content: string; confirmText: string; destructive: boolean } {
  return decision === 'verify'
    ? { title: '确认核实通过？', content: '通过后求助会公开（不含联系方式），并派给附近的志愿服务组织。', confirmText: '通过', destructive: false }
    : { title: '确认不通过？', content: '求助人会收到你写的核实说明，这条求助不会公开。', confirmText: '不通过', destructive: true };
}
