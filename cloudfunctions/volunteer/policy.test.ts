import { DEFAULT_AGE_POLICY } from '../../miniprogram/domain/age';
import { agePolicyFromEnv } from './policy';

test('ZY_MIN_AGE: empty or absent is the default; a region may lower the minimum', () => {
  expect(agePolicyFromEnv({})).toEqual(DEFAULT_AGE_POLICY);
  expect(agePolicyFromEnv({ ZY_MIN_AGE: ' ' })).toEqual(DEFAULT_AGE_POLICY);
  expect(agePolicyFromEnv({ ZY_MIN_AGE: '10' })).toEqual({ minimumAge: 10, guardianConsentUnder: 18 });
});

test.each(['abc', '3', '19', '12.5', '-14'])('a malformed ZY_MIN_AGE (%s) is a deployment error', (value) => {
  expect(() => agePolicyFromEnv({ ZY_MIN_AGE: value })).toThrow(/ZY_MIN_AGE/);
});

test('ZY_GUARDIAN_CONSENT_UNDER: the consent band is configuration, never below 14', () => {
  expect(agePolicyFromEnv({ ZY_GUARDIAN_CONSENT_UNDER: '16' })).toEqual({ minimumAge: 14, guardianConsentUnder: 16 });
  expect(() => agePolicyFromEnv({ ZY_GUARDIAN_CONSENT_UNDER: '12' })).toThrow(/ZY_GUARDIAN_CONSENT_UNDER/);
});
