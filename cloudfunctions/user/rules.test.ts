import { rolesOf } from './rules';

test('roles: stored known roles, platformAdmin from configuration, volunteer while a profile is active; sorted, once each', () => {
  expect(rolesOf([], false, false)).toEqual([]);
  expect(rolesOf([], true, true)).toEqual(['platformAdmin', 'volunteer']);
  expect(rolesOf(['volunteer', 'platformAdmin'], false, true)).toEqual(['platformAdmin', 'volunteer']);
  // A role name the contract does not know is never answered.
  expect(rolesOf(['superuser'], false, false)).toEqual([]);
});
