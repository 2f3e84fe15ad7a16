import { approveJoinConfirmation, declineJoinConfirmation } from './join-request';

test('同意 names the applicant and says what follows', () => {
  const c = approveJoinConfirmation('陈晓');
  expect(c).toEqual({ title: '同意加入', content: expect.stringContaining('同意陈晓加入本组织'), confirmText: '同意' });
  expect(c.destructive).toBeUndefined();
});

test('拒绝 is drawn as destructive and says whether the reason is passed on', () => {
  expect(declineJoinConfirmation('陈晓', '')).toMatchObject({ confirmText: '拒绝', destructive: true, content: '拒绝陈晓的加入申请？对方会收到通知。' });
  expect(declineJoinConfirmation('陈晓', '人数已满').content).toContain('你填写的理由');
});

test('confirm labels fit WeChat’s 4-character button', () => {
  for (const c of [approveJoinConfirmation('a'), declineJoinConfirmation('a', '')]) expect([...c.confirmText].length).toBeLessThanOrEqual(4);
});
