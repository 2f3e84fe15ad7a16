import { needView } from '../../test-support/help';
import type { VerifyQueueItem } from '../../../typings/help';
import { decisionConfirm, draftProblem, emptyDraft, queueItems, resultText, toQueueRow, verifierOf } from './view-model';

const GULOU = { orgId: 'org-gulou', orgName: '鼓楼区志愿者协会' };
const GULOU_2 = { orgId: 'org-gulou-2', orgName: '鼓楼区助老服务队' };
const queued = (over: Partial<VerifyQueueItem> = {}): VerifyQueueItem => ({ ...needView(), verifiableFor: [], asPlatformAdmin: true, ...over });

test('a queued need offers the three methods, the chosen one checked (电话 first)', () => {
  const row = toQueueRow(queued(), emptyDraft(), '');
  expect(row.methodChoices).toEqual([
    { code: 'call', label: '电话', checked: true },
    { code: 'visit', label: '上门', checked: false },
    { code: 'evidence', label: '材料', checked: false },
  ]);
  expect(toQueueRow(queued(), { ...emptyDraft(), method: 'evidence' }, '').methodChoices.filter((m) => m.checked).map((m) => m.code)).toEqual(['evidence']);
  expect(row.contactText).toBe('王芳 138****5678');
});

test('each need is verified in a name the server accepts: the page’s organization if it may, else 平台, else the admin’s organization of the county', () => {
  // From 组织主页 (?orgId=): that organization, when the need is of its county — even for a platform admin.
  expect(verifierOf(queued({ verifiableFor: [GULOU, GULOU_2], asPlatformAdmin: true }), GULOU_2.orgId)).toEqual({ asOrgId: GULOU_2.orgId, text: '以「鼓楼区助老服务队」名义核实' });
  // A need of another county than the page's organization: as 平台 for a platform admin…
  expect(verifierOf(queued({ verifiableFor: [], asPlatformAdmin: true }), GULOU.orgId)).toEqual({ asOrgId: '', text: '以平台名义核实' });
  // …and, from 我的, an admin of several organizations verifies each need for its county's organization.
  expect(verifierOf(queued({ verifiableFor: [GULOU, GULOU_2], asPlatformAdmin: false }), '')).toEqual({ asOrgId: GULOU.orgId, text: '以「鼓楼区志愿者协会」名义核实' });
  expect(verifierOf(queued({ verifiableFor: [GULOU_2], asPlatformAdmin: false }), GULOU.orgId).asOrgId).toBe(GULOU_2.orgId);
  expect(verifierOf(queued({ verifiableFor: [GULOU], asPlatformAdmin: true }), '')).toEqual({ asOrgId: '', text: '以平台名义核实' });
  expect(toQueueRow(queued({ verifiableFor: [GULOU], asPlatformAdmin: false }), emptyDraft(), '').verifierText).toBe('以「鼓楼区志愿者协会」名义核实');
});

test('the note is required: 2–200 characters, in the server’s words', () => {
  expect(draftProblem(emptyDraft())).toBe('请写明核实情况（2–200 字）：联系了谁、看到了什么或证据说明');
  expect(draftProblem({ ...emptyDraft(), note: ' 是 ' })).not.toBe('');
  expect(draftProblem({ ...emptyDraft(), note: '已电话联系本人' })).toBe('');
});

test('the answer in words: offered to N organizations, M volunteers told; none found; rejected', () => {
  expect(resultText('verify', { status: 'dispatched', offeredTo: 1, volunteersTold: 0 })).toBe('已核实，已派给 1 家组织。');
  expect(resultText('verify', { status: 'dispatched', offeredTo: 3, volunteersTold: 7 })).toBe('已核实，已派给 3 家组织，已通知附近 7 位愿意响应的志愿者。');
  expect(resultText('verify', { status: 'unmatched', offeredTo: 0, volunteersTold: 0 })).toBe('已核实，但附近暂时没有接单的组织，求助人会收到通知。');
  expect(resultText('reject', { status: 'rejected', offeredTo: 0, volunteersTold: 0 })).toBe('已标记为未通过核实，求助人会收到你写的说明。');
  expect(decisionConfirm('reject').destructive).toBe(true);
  expect(decisionConfirm('verify').content).toContain('公开（不含联系方式）');
});

test('the queue drops a need once its start has passed (it can no longer be verified), but keeps one decided here with its answer', () => {
  const start = new Date(needView().startsAt);
  const items = [needView({ id: 'waiting' }), needView({ id: 'decided', status: 'dispatched' }), needView({ id: 'gone', status: 'expired' })];
  const before = new Date(start.getTime() - 1);
  expect(queueItems(items, new Set(['decided']), before).map((v) => v.id)).toEqual(['waiting', 'decided']);
  expect(queueItems(items, new Set(['decided']), start).map((v) => v.id)).toEqual(['decided']);
  expect(queueItems(items, new Set(), start).map((v) => v.id)).toEqual([]);
});
