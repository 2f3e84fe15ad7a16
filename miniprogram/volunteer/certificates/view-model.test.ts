// 证明's view model: how a certificate and an organization read, the period form's bounds, a request's answer.
import type { CertificateSummary, IssuableOrganization } from '../../../typings/certificate-vol';
import { askFormFor, askOutcome, certificateRow, orgRow, scopeOf } from './view-model';

const issued: CertificateSummary = {
  certificateId: 'ct_1',
  status: 'issued',
  number: 'ZM350102202600000017',
  recordsOrgId: 'org_team',
  recordsOrgName: '温泉街道邻里互助队',
  issuerOrgId: 'org_unit',
  issuerName: '鼓楼区志愿者协会',
  scope: { kind: 'all' },
  period: { from: '2026-09-05', to: '2026-11-07' },
  totalMinutes: 450,
  requestedAt: '2026-11-30T02:00:00.000Z',
  issuedAt: '2026-11-30T02:00:00.000Z',
};

const org = (over: Partial<IssuableOrganization> = {}): IssuableOrganization => ({
  orgId: 'org_team',
  orgName: '温泉街道邻里互助队',
  confirmedMinutes: 450,
  confirmedRecords: 3,
  firstDate: '2026-09-05',
  lastDate: '2026-11-07',
  issuer: { canIssue: true, orgId: 'org_unit', name: '鼓楼区志愿者协会', relation: 'attached', settingsReady: true },
  ...over,
});

test('an issued certificate opens its page and names who issued it for whom', () => {
  expect(certificateRow(issued)).toEqual({
    certificateId: 'ct_1',
    status: 'issued',
    statusText: '已开具',
    title: '鼓楼区志愿者协会（代温泉街道邻里互助队开具）',
    numberText: '编号 ZM350102202600000017',
    detailText: '2026-09-05 至 2026-11-07 · 7.5 小时',
    note: '',
    opens: true,
  });
});

test('reviewing, rejected and revoked ones do not open, and say why', () => {
  const reviewing = certificateRow({ ...issued, status: 'reviewing', number: undefined, totalMinutes: undefined, period: undefined, scope: { kind: 'period', from: '2026-10-01', to: '2026-10-31' } });
  expect(reviewing).toMatchObject({ statusText: '审核中', opens: false, detailText: '2026-10-01 至 2026-10-31', numberText: '等待组织审核，审核通过后开具' });
  expect(certificateRow({ ...issued, status: 'rejected', rejectedReason: '记录不全' })).toMatchObject({ opens: false, note: '原因：记录不全' });
  expect(certificateRow({ ...issued, status: 'revoked', revoked: { reason: '记录有误', at: '2026-12-01T08:00:00.000Z' } })).toMatchObject({ opens: false, note: '撤销原因：记录有误（2026-12-01）', numberText: '编号 ZM350102202600000017（已失效）' });
});

test('an organization: hours, who issues, 重新申请 after a revocation, nobody when nobody can', () => {
  expect(orgRow(org())).toMatchObject({ hoursText: '3 条已确认记录 · 7.5 小时', periodText: '2026-09-05 至 2026-11-07', issuerText: '由挂靠单位「鼓楼区志愿者协会」开具', canAsk: true, askLabel: '申请证明', blockedText: '' });
  expect(orgRow(org({ latest: { ...issued, status: 'revoked', revoked: { reason: '记录有误', at: '2026-12-01T08:00:00.000Z' } } })).askLabel).toBe('重新申请');
  expect(orgRow(org({ issuer: { canIssue: false, reason: 'grassroots_without_unit', message: '无人能开具' } }))).toMatchObject({ canAsk: false, blockedText: '无人能开具', issuerText: '' });
  expect(orgRow(org({ issuer: { canIssue: true, orgId: 'o', name: '甲', settingsReady: false } })).blockedText).toBe('该组织还没有设置证明信息，申请后会提醒其管理员');
});

test('the period form starts with all records, its end never after today', () => {
  const form = askFormFor(orgRow(org({ lastDate: '2026-12-31' })), '2026-12-02');
  expect(form).toMatchObject({ scopeIndex: 0, from: '2026-09-05', to: '2026-12-02', start: '2026-09-05', end: '2026-12-02' });
  expect(scopeOf(form)).toEqual({ kind: 'all' });
  expect(scopeOf({ ...form, scopeIndex: 1 })).toEqual({ kind: 'period', from: '2026-09-05', to: '2026-12-02' });
});

test('a request\'s answer: issued with its number, reviewing, or the server\'s reason', () => {
  expect(askOutcome({ ok: true, data: { certificate: issued } })).toEqual({ kind: 'issued', text: '证明已开具，编号 ZM350102202600000017，7.5 小时。', certificateId: 'ct_1' });
  expect(askOutcome({ ok: true, data: { certificate: { ...issued, status: 'reviewing' } } }).kind).toBe('reviewing');
  expect(askOutcome({ ok: false, error: { code: 'NO_CONFIRMED_RECORDS', message: '没有记录' } })).toEqual({ kind: 'refused', text: '没有记录', certificateId: '' });
});
