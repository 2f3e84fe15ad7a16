// Page tests of on-site attendance: the attendance function's own fixture (a shift happening now with confirmed
// volunteers and its station opened, cloudfunctions/attendance/test-support.ts), reached with require() so the
// mini-program's test compile does not take in server code. Tests only.
import type { OpenStationResponse } from '../../typings/attendance';
import type { LocalCloud } from './emulator';

export interface SitePerson {
  openid: string;
  userId: string;
  volunteerId: string;
  name: string;
  volunteerNo: string;
}

export interface Site {
  admin: SitePerson;
  orgId: string;
  project: { _id: string; title: string };
  shift: { _id: string; startsAt: Date; endsAt: Date };
  volunteers: SitePerson[];
  station: OpenStationResponse;
}

interface Support {
  onSiteShift(emu: LocalCloud, options?: { startMinutes?: number; durationMinutes?: number; signedUp?: number; openStation?: boolean }): Promise<Site>;
  tokenAt(station: OpenStationResponse, at?: Date): string;
}

const support = (): Support => require('../../cloudfunctions/attendance/test-support') as Support;

export const onSiteShift = (emu: LocalCloud, options?: Parameters<Support['onSiteShift']>[1]) => support().onSiteShift(emu, options);
export const stationTokenAt = (station: OpenStationResponse, at?: Date) => support().tokenAt(station, at);
/** Where the fixture project is (inside its check-in radius). */
export const AT_THE_PLACE = { latitude: 26.08, longitude: 119.3 };

/** The card QR a volunteer's 志愿服务证 shows now, signed with the emulator's key. */
export function livecardPayload(emu: LocalCloud, volunteerId: string): string {
  const { cardKeyFrom, issueCardCode } = require('../../cloudfunctions/_shared/security/card-code') as {
    cardKeyFrom(ring: unknown): unknown;
    issueCardCode(volunteerId: string, at: Date, key: unknown): { payload: string };
  };
  const { keyRingFromEnv } = require('../../cloudfunctions/_shared/security/crypto') as { keyRingFromEnv(env: NodeJS.ProcessEnv): unknown };
  return issueCardCode(volunteerId, new Date(), cardKeyFrom(keyRingFromEnv((emu as unknown as { functionEnv: NodeJS.ProcessEnv }).functionEnv))).payload;
}

/** The functions' environment the fixture needs (its platform admin approves the organization). */
export const siteFunctionEnv = (): Record<string, string> =>
  (require('../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> }).functionEnv;

/** wx storage as a phone keeps it (the simulator's does not keep values): a fresh map for each test. */
export function phoneStorage(): Map<string, string> {
  const storage = new Map<string, string>();
  jest.spyOn(wx, 'getStorageSync').mockImplementation(((key: string) => storage.get(key) ?? '') as never);
  jest.spyOn(wx, 'setStorageSync').mockImplementation(((key: string, value: string) => void storage.set(key, value)) as never);
  return storage;
}
