// 证明核验's pure parts: the number a scan or an opening carries, and what each answer shows.
import { numberFromQuery, numberFromScan, toVerifyView } from './view-model';

const NUMBER = 'ZM35010220260000017X';

test('the number from the plain-URL QR, the mini-program code’s path, or the bare number; null otherwise', () => {
  expect(numberFromScan({ result: `https://verify.zhiyuan.example/verify?no=${NUMBER}` })).toBe(NUMBER);
  expect(numberFromScan({ result: '', path: `verify/index?scene=${encodeURIComponent(NUMBER)}` })).toBe(NUMBER);
  expect(numberFromScan({ result: NUMBER.toLowerCase() })).toBe(NUMBER);
  expect(numberFromScan({ result: 'https://example.com/?no=ZM123' })).toBeNull();
  expect(numberFromScan({ result: '%E0%A4%A' })).toBeNull();
  expect(numberFromScan({})).toBeNull();
});

test('an opening’s scene is URL-decoded; ?no= works too; nothing is ""', () => {
  expect(numberFromQuery({ scene: encodeURIComponent(NUMBER) })).toBe(NUMBER);
  expect(numberFromQuery({ no: NUMBER })).toBe(NUMBER);
  expect(numberFromQuery({ scene: '%E0%A4%A' })).toBe('%E0%A4%A');
  expect(numberFromQuery(undefined)).toBe('');
});

test('each answer is shown plainly: a refusal shows the server’s message, not valid its reason, unknown the number', () => {
  expect(toVerifyView({ ok: false, error: { code: 'RATE_LIMITED', message: '操作过于频繁，请 1 分钟后再试' } })).toEqual({ kind: 'refused', message: '操作过于频繁，请 1 分钟后再试' });
  expect(toVerifyView({ ok: true, data: { status: 'not_valid', reason: 'credential_mismatch' } })).toMatchObject({ badge: '无效', note: '电子证明与登记簿中的存档内容不一致，文件可能被改动过', rows: [] });
  expect(toVerifyView({ ok: true, data: { status: 'unknown', number: NUMBER } })).toMatchObject({ badge: '未找到', details: [{ label: '证明编号', value: NUMBER }] });
});
