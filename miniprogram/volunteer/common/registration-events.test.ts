import { credentialTypePicked, genderPicked, intentionToggled, left, relationPicked, slotToggled, typed } from './registration-events';
import { emptyForm } from './registration-form';

const tap = (dataset: Record<string, string | undefined>) => ({ currentTarget: { dataset } });

test('an event that carries a usable value becomes a change of the form', () => {
  const form = emptyForm();
  expect(typed({ ...tap({ field: 'name' }), detail: { value: '张三' } })!(form).name).toBe('张三');
  expect(left({ ...tap({ field: 'name' }), detail: { value: '' } })!(form)).not.toBe(form);
  expect(credentialTypePicked({ detail: { value: 4 } })!(form).credentialType).toBe('PASSPORT');
  expect(genderPicked({ detail: { value: '1' } })!(form).gender).toBe('female');
  expect(relationPicked({ detail: { value: 0 } })!(form).guardianRelation).toBe('father');
  expect(intentionToggled(tap({ code: 'community' }))!(form).intentions).toEqual(['community']);
  expect(slotToggled(tap({ weekday: '6', time: 'morning' }))!(form).availability).toEqual([{ weekday: 6, times: ['morning'] }]);
});

test('an event that carries nothing usable changes nothing', () => {
  expect(typed({ ...tap({ field: 'notAField' }), detail: { value: 'x' } })).toBeUndefined();
  expect(credentialTypePicked({ detail: { value: 99 } })).toBeUndefined();
  expect(genderPicked({ detail: { value: -1 } })).toBeUndefined();
  expect(intentionToggled(tap({}))).toBeUndefined();
  expect(slotToggled(tap({ weekday: '8', time: 'morning' }))).toBeUndefined();
  expect(slotToggled(tap({ weekday: '1', time: 'midnight' }))).toBeUndefined();
});
