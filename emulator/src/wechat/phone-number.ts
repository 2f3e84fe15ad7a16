// phonenumber.getPhoneNumber: the phone button's code is exchanged once, within 5 minutes of the tap
// (OpenApiDoc user-info/phone-number/getPhoneNumber: "每个code只能使用一次，code的有效期为5min").
import { ok, wxError, type ApiAnswer } from './answer';

export const PHONE_CODE_TTL_MS = 5 * 60_000;

export interface PhoneCodeOptions {
  /** WeChat documents countryCode as a string ("86") and shows the number 86 in its example; products must take both. */
  countryCode?: string | number;
  /** When set, a request that names another openid is refused, as WeChat checks the code's binding. */
  openid?: string;
}

interface IssuedCode extends PhoneCodeOptions {
  phone: string;
  issuedAt: number;
}

export class PhoneNumbers {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly spentFakes = new Set<string>();

  constructor(private readonly now: () => number, private readonly appid: () => string) {}

  issue(code: string, phone: string, options: PhoneCodeOptions = {}): void {
    this.codes.set(code, { phone, issuedAt: this.now(), ...options });
  }

  exchange(data: Record<string, unknown>): ApiAnswer {
    const code = typeof data.code === 'string' ? data.code : '';
    if (!code) return wxError(47001, 'data format error');
    // `fake:<11 digits>` works without set-up, for DevTools sessions against the emulator; it too is single-use.
    const fromFake = /^fake:(1\d{10})$/.exec(code)?.[1];
    const issued = this.codes.get(code) ?? (fromFake && !this.spentFakes.has(code) ? { phone: fromFake, issuedAt: this.now() } : undefined);
    if (!issued) return wxError(40029, 'invalid code');
    this.codes.delete(code);
    if (fromFake) this.spentFakes.add(code);
    // Once looked at, an expired or mis-bound code is as spent as a used one.
    if (this.now() - issued.issuedAt > PHONE_CODE_TTL_MS) return wxError(40029, 'invalid code');
    if (issued.openid && typeof data.openid === 'string' && data.openid !== issued.openid) return wxError(40029, 'invalid code');
    const countryCode = issued.countryCode ?? '86';
    const national = String(countryCode) === '86';
    return ok({
      phone_info: {
        phoneNumber: national ? issued.phone : `+${countryCode}${issued.phone}`,
        purePhoneNumber: issued.phone,
        countryCode,
        watermark: { timestamp: Math.floor(issued.issuedAt / 1000), appid: this.appid() },
      },
    });
  }
}
