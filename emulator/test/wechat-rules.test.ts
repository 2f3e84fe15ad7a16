// subscribeMessage.send's per-type value rules, as sendMessage's "订阅消息参数值内容限制说明" states them.
import { paramTypeOf, refuseValue } from '../src/wechat/subscribe-message';

const passes = (key: string, value: unknown) => refuseValue(key, value) === undefined;

test.each([
  ['thing1', '一二三四五六七八九十一二三四五六七八九十', true],
  ['thing1', '一二三四五六七八九十一二三四五六七八九十一', false],
  ['number2', '3.14', true],
  ['number2', 42, true],
  ['number2', '-1', false],
  ['number2', '1'.repeat(33), false],
  ['letter3', 'abcXYZ', true],
  ['letter3', 'abc1', false],
  ['symbol4', '%$#', true],
  ['symbol4', '%%%%%%', false],
  ['character_string5', 'ZY-2026-0001', true],
  ['character_string5', '志愿2026', false],
  ['character_string5', 'a b', false],
  ['time6', '15:01', true],
  ['time6', '2019年10月1日 15:01', true],
  ['time6', '2026-12-05 09:00:00', true],
  ['time6', '2026年12月5日 09:00~11:30', true],
  ['time6', '25:00', false],
  ['time6', '上午九点', false],
  ['date7', '2019年10月1日', true],
  ['date7', '2019年10月1日 15:01', true],
  ['date7', '2026-12-05~2026-12-06', true],
  ['date7', '15:01', false],
  ['amount8', '¥214.00', true],
  ['amount8', '¥12.3元', true],
  ['amount8', '214.00', false],
  ['amount8', '¥12345678901', false],
  ['phone_number9', '+86-0766-66888866', true],
  ['phone_number9', '1380000000000000000', false],
  ['car_number10', '粤A8Z888挂', true],
  ['car_number10', '粤A8Z8888挂', false],
  ['name11', '林晓梅', true],
  ['name11', '一二三四五六七八九十一', false],
  ['name11', 'John Smith', true],
  ['name11', 'Tom2', false],
  ['phrase12', '报名成功', true],
  ['phrase12', '已通过审核了', false],
  ['phrase12', '通过!', false],
  ['const13', '已确认', true],
])('%s = %p passes: %p', (key, value, ok) => {
  expect(passes(key, value)).toBe(ok);
});

test('an empty value is "is empty"; a key naming no type is refused', () => {
  expect(refuseValue('thing1', '')).toBe('data.thing1.value is empty');
  expect(refuseValue('thing1', undefined)).toBe('data.thing1.value is empty');
  expect(refuseValue('thing1', { v: 1 })).toBe('data.thing1.value invalid');
  expect(paramTypeOf('character_string12')).toBe('character_string');
  expect(paramTypeOf('keyword1')).toBeUndefined();
});
