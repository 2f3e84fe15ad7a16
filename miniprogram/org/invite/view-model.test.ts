import { codeFromQuery, inviteErrorMessage, validUntilText } from './view-model';

test.each([
  ['NOT_REGISTERED', '请先完成志愿者实名注册，再接受邀请'],
  ['INVITE_INVALID', '邀请无效，请向管理员确认邀请链接'],
  ['INVITE_EXPIRED', '邀请已过期，请联系管理员重新邀请'],
  ['INVITE_USED', '这份邀请已经被使用过了'],
  ['ALREADY_ADMIN', '你已经是该组织的管理员'],
])('%s → %s', (code, text) => {
  expect(inviteErrorMessage(code, 'server text')).toBe(text);
});

test('other errors keep the server’s message', () => {
  expect(inviteErrorMessage('NETWORK', '网络不稳定，请稍后重试')).toBe('网络不稳定，请稍后重试');
});

test('the code from the query', () => {
  expect(codeFromQuery({ code: 'AB%20CD ' })).toBe('AB CD');
  expect(codeFromQuery({ code: '%E0%A4%A' })).toBe('%E0%A4%A');
  expect(codeFromQuery(undefined)).toBe('');
});

test('validity is shown in Beijing time', () => {
  expect(validUntilText('2026-11-30T16:30:00.000Z')).toBe('有效期至 2026-12-01 00:30');
  expect(validUntilText('not a date')).toBe('');
});
