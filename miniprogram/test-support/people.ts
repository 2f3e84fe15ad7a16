// Arranging people for page tests through the product's own actions: a registered volunteer is made by
// volunteer.register, called through the typed client as the chosen WeChat user.
import type { RegisterRequest } from '../../typings/volunteer';
import { gb11643CheckChar } from '../domain/checksum';
import { PRIVACY_TERMS_VERSION } from '../domain/codes';
import { call } from '../services/api';
import type { EmulatorBridge } from './emulator-bridge';

/** A valid, obviously fictional ID number: 17 digits plus their GB 11643 check character. */
export function idNumber(first17: string): string {
  return first17 + gb11643CheckChar(first17);
}

let serial = 0;

/** An adult's registration; each call gets a different ID number and phone. */
export function adultRegistration(name: string): RegisterRequest {
  serial += 1;
  const order = String(100 + serial).padStart(3, '0');
  return {
    name,
    credential: { type: 'CN_ID', number: idNumber(`35010219880101${order}`) },
    phone: { source: 'typed', number: `1380000${String(1000 + serial).slice(-4)}` },
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    skills: [],
    skillTags: [],
    intentions: ['community'],
    availability: [],
    consents: { privacyVersion: PRIVACY_TERMS_VERSION },
  };
}

/** Registers `openid` as a volunteer; throws if the function refuses. */
export async function registerVolunteer(bridge: EmulatorBridge, openid: string, name: string): Promise<void> {
  bridge.actAs(openid);
  const res = await call('volunteer', 'register', adultRegistration(name));
  if (!res.ok) throw new Error(`register ${openid}: ${res.error.code} ${res.error.message}`);
}
