import type { HelpStatus, PublicHelpView } from '../../../typings/help';
import { HELP_STATUSES } from '../../../cloudfunctions/help/state';
import { starsText, toNeedRow, toneOf, toPublicRow } from './labels';
import { needView } from '../../test-support/help';


test('a need in words: category, for whom, place, Shanghai time, contact masked as the server gave it', () => {
  const row = toNeedRow(needView());
  expect(row).toMatchObject({
    categoryText: '关爱特殊群体',
    forWhomText: '老年人 · 独居老人王阿姨',
    placeText: '福建省福州市鼓楼区 五四路社区（五四路100号）',
    timeText: '12月5日 周六 09:00–11:00',
    volunteersText: '需要 2 名志愿者',
    contactText: '王芳 138****5678',
    submittedText: '2026-12-02 10:30 提交',
    verificationText: '',
    acceptedText: '',
    ratingStars: '',
  });
});

test('the verification, the declines with their reasons, the accepting organization and the rating', () => {
  const row = toNeedRow(
    needView({
      status: 'rated',
      verification: { method: 'call', note: '已电话联系王阿姨本人', by: '鼓楼区志愿者协会', at: '2026-12-02T03:00:00.000Z', decision: 'verify' },
      declines: [{ orgName: '阳光服务队', reason: '当天人手不足', at: '2026-12-02T04:00:00.000Z' }],
      acceptedBy: { orgId: 'o2', orgName: '鼓楼社区互助队', projectId: 'p9' },
      rating: { stars: 4, comment: '很准时' },
    }),
  );
  expect(row.verificationText).toBe('电话核实通过：已电话联系王阿姨本人（鼓楼区志愿者协会，2026-12-02 11:00）');
  expect(row.verificationRejected).toBe(false);
  expect(row.declines.map((d) => d.text)).toEqual(['阳光服务队 婉拒：当天人手不足']);
  expect(row.acceptedText).toBe('鼓楼社区互助队 已接单');
  expect([row.acceptedOrgId, row.projectId]).toEqual(['o2', 'p9']);
  expect([row.ratingStars, row.ratingComment]).toEqual(['★★★★☆', '很准时']);
  const rejected = toNeedRow(needView({ status: 'rejected', verification: { method: 'visit', note: '地址无此人', by: '平台', at: '2026-12-02T03:00:00.000Z', decision: 'reject' } }));
  expect(rejected.verificationText).toMatch(/^上门核实未通过：地址无此人/);
  expect(rejected.verificationRejected).toBe(true);
  // An address that already names the county is not prefixed with it again.
  const mapAddress = toNeedRow(needView({ place: { address: '福建省福州市鼓楼区五四路100号', regionNames: ['福建省', '福州市', '鼓楼区'], longitude: 119.3, latitude: 26.08 } }));
  expect(mapAddress.placeText).toBe('福建省福州市鼓楼区五四路100号');
});

test('every status has a tone; stars are 0–5', () => {
  const tones = Object.fromEntries(HELP_STATUSES.map((s: HelpStatus) => [s, toneOf(s)]));
  expect(tones).toEqual({ pending: 'waiting', rejected: 'closed', withdrawn: 'closed', dispatched: 'active', unmatched: 'waiting', accepted: 'active', served: 'done', rated: 'done', expired: 'closed' });
  expect([starsText(0), starsText(5), starsText(2.6), starsText(9)]).toEqual(['☆☆☆☆☆', '★★★★★', '★★★☆☆', '★★★★★']);
});

test('a public need carries no contact and no street', () => {
  const v: PublicHelpView = {
    id: 'h1',
    status: 'accepted',
    statusLabel: '已接单',
    what: '陪独居老人去社区医院复诊',
    category: 'special_groups',
    forWhomObject: 'elderly',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    startsAt: '2026-12-05T01:00:00.000Z',
    endsAt: '2026-12-05T03:00:00.000Z',
    urgent: true,
    acceptedByName: '鼓楼社区互助队',
  };
  const row = toPublicRow(v);
  expect(row).toEqual({
    id: 'h1',
    statusLabel: '已接单',
    tone: 'active',
    what: '陪独居老人去社区医院复诊',
    urgent: true,
    categoryText: '关爱特殊群体',
    forWhomText: '老年人',
    regionText: '福建省福州市鼓楼区',
    timeText: '12月5日 周六 09:00–11:00',
    acceptedText: '鼓楼社区互助队 已接单',
  });
});
