import type { ReviewQueueItem } from '../../../typings/organization';
import { approveConfirmation, rejectConfirmation, rejectReasonError, reviewErrorMessage, toReviewItem } from './view-model';

const item: ReviewQueueItem = {
  orgId: 'o1',
  name: '鼓楼区青年志愿者协会',
  kind: 'registered',
  status: 'pending',
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  uscc: '91110000600037341L',
  address: '五四路100号',
  authority: '福州市鼓楼区民政局',
  personInCharge: '林海',
  contact: { name: '陈晓', phoneMasked: '138****5678' },
  applicant: { name: '林海', volunteerNo: 'ZY3501002026000017' },
  createdAt: '2026-03-01T02:00:00.000Z',
  similarNames: [],
  history: [],
  mine: false,
};

test('each item with its details', () => {
  expect(toReviewItem(item)).toEqual({
    orgId: 'o1',
    name: '鼓楼区青年志愿者协会',
    warnings: [],
    history: [],
    mine: false,
    rows: [
      { label: '类型', value: '依法登记的组织' },
      { label: '统一社会信用代码', value: '91110000600037341L' },
      { label: '登记管理机关', value: '福州市鼓楼区民政局' },
      { label: '所在地区', value: '福建省 福州市 鼓楼区（350102）' },
      { label: '地址', value: '五四路100号' },
      { label: '负责人', value: '林海' },
      { label: '联系人', value: '陈晓 138****5678' },
      { label: '申请人', value: '林海（ZY3501002026000017）' },
      { label: '提交时间', value: '2026-03-01 10:00' },
    ],
  });
});

test('a rejection needs a reason', () => {
  expect(rejectReasonError('  ')).toBe('请填写驳回理由，申请人会看到它');
  expect(rejectReasonError('证照不清晰')).toBe('');
  expect(rejectReasonError('长'.repeat(201))).toBe('驳回理由最多200字');
});

test('errors', () => {
  expect(reviewErrorMessage('FORBIDDEN', 'x')).toBe('仅平台管理员可访问');
  expect(reviewErrorMessage('ALREADY_REVIEWED', 'x')).toBe('该组织已被其他管理员审核');
  expect(reviewErrorMessage('NETWORK', '网络不稳定')).toBe('网络不稳定');
});

test('both decisions are confirmed naming the organization; only a rejection is drawn as destructive', () => {
  expect(approveConfirmation('鼓楼社区互助队')).toMatchObject({ title: '通过审核', confirmText: '通过' });
  expect(approveConfirmation('鼓楼社区互助队').content).toContain('「鼓楼社区互助队」');
  expect(approveConfirmation('x').destructive).toBeUndefined();
  expect(rejectConfirmation('台江环保小队')).toMatchObject({ title: '驳回申请', confirmText: '驳回', destructive: true });
  expect(rejectConfirmation('台江环保小队').content).toContain('「台江环保小队」');
});
