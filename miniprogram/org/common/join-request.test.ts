import { joinErrorMessage } from './join-request';

test('join errors in Chinese', () => {
  expect(joinErrorMessage('ALREADY_REQUESTED', 'x')).toBe('你已经申请过，请等待管理员审核');
  expect(joinErrorMessage('NETWORK', '网络不稳定')).toBe('网络不稳定');
});
