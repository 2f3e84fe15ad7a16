// Unified social credit code (统一社会信用代码), GB 32100 (RULES §2).
import { err, ok, type Result } from './result';
import { compactCode } from './text';
import type { CivilAffairsType } from '../../typings/organization';
import { USCC_MESSAGES } from './messages';

/** The 31 characters of GB 32100, in value order 0–30 (no I, O, Z, S, V). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface Uscc {
  code: string;
  /** 登记管理部门代码, the first character: 1 机构编制, 5 民政, 9 市场监管, or a letter (A, N, Y …). */
  registrationAuthority: string;
  /** 51 社会团体 / 52 社会服务机构（民办非企业单位）/ 53 基金会: 民政 registrations. */
  civilAffairsType?: CivilAffairsType;
  /** Characters 3–8: the registering authority's GB/T 2260 code. */
  regionCode: string;
}
export type UsccErrorCode = 'USCC_LENGTH' | 'USCC_CHARSET' | 'USCC_CHECKSUM';

const CIVIL_AFFAIRS: Record<string, CivilAffairsType> = { '51': 'social_group', '52': 'social_service', '53': 'foundation' };

/**
 * Check character of the first 17 characters: values 0–30, weights W_i = 3^(i−1) mod 31,
 * check = (31 − Σ value_i × W_i mod 31) mod 31. Example 91110000600037341L: Σ = 538 → 20 → L.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar: expects 17 characters');
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError('usccCheckChar: character outside the GB 32100 set');
    sum += value * weight;
    weight = (weight * 3) % 31;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

export function validateUscc(input: string): Result<Uscc, UsccErrorCode> {
  const code = compactCode(input);
  if (code === '') return err('USCC_LENGTH', USCC_MESSAGES.missing);
  const length = Array.from(code).length;
  if (length !== 18) return err('USCC_LENGTH', USCC_MESSAGES.length(length));
  for (const c of code) {
    if (USCC_CHARSET.includes(c)) continue;
    if ('IOZSV'.includes(c)) return err('USCC_CHARSET', USCC_MESSAGES.excludedLetter(c));
    return err('USCC_CHARSET', USCC_MESSAGES.character(c));
  }
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return err('USCC_CHECKSUM', USCC_MESSAGES.checksum);
  const civilAffairsType = CIVIL_AFFAIRS[code.slice(0, 2)];
  return ok({
    code,
    registrationAuthority: code[0],
    ...(civilAffairsType ? { civilAffairsType } : {}),
    regionCode: code.slice(2, 8),
  });
}
