// GB/T 2260 administrative division codes: 2 digits province + 2 digits city + 2 digits county.
// Only the structure is checked, never membership in today's list: codes are abolished and renamed while old ID
// numbers and old records keep them (RULES §1).
import { err, ok, type Result } from './result';
import { toHalfWidth } from './text';
import { REGION_MESSAGES } from './messages';

/** Province-level codes of GB/T 2260, with 71 台湾省, 81 香港特别行政区 and 82 澳门特别行政区. */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
};

export function isProvinceCode(twoDigits: string): boolean {
  return Object.prototype.hasOwnProperty.call(PROVINCE_NAMES, twoDigits);
}

export type RegionLevel = 'province' | 'city' | 'county';
export interface RegionCode {
  code: string;
  level: RegionLevel;
  provinceCode: string;
}
export type RegionErrorCode = 'REGION_FORMAT' | 'REGION_PROVINCE' | 'REGION_INCONSISTENT';

/**
 * '350000' is a province, '350100' a city, '350102' a county. A county part without a city part ('350002') is
 * inconsistent. Cities numbered 90 (省直辖县级行政区划, e.g. 429004 仙桃市) are ordinary codes here.
 */
export function validateRegionCode(input: string): Result<RegionCode, RegionErrorCode> {
  const code = toHalfWidth(input).trim();
  if (!/^\d{6}$/.test(code)) {
    return err('REGION_FORMAT', REGION_MESSAGES.format(code));
  }
  const province = code.slice(0, 2);
  if (!isProvinceCode(province)) {
    return err('REGION_PROVINCE', REGION_MESSAGES.province(province));
  }
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (city === '00' && county !== '00') {
    return err('REGION_INCONSISTENT', REGION_MESSAGES.inconsistent);
  }
  const level: RegionLevel = city === '00' ? 'province' : county === '00' ? 'city' : 'county';
  return ok({ code, level, provinceCode: province });
}

/**
 * The prefixes a code belongs to, for statistics by province / city / county:
 * '350102' → ['35', '3501', '350102']; '350100' → ['35', '3501']; '350000' → ['35'].
 * Throws on a code that does not validate (a bug: codes are validated on the way in).
 */
export function regionPrefixes(code: string): string[] {
  const checked = validateRegionCode(code);
  if (!checked.ok) throw new RangeError(`regionPrefixes: ${checked.message}`);
  const c = checked.value.code;
  const prefixes = [c.slice(0, 2)];
  if (checked.value.level !== 'province') prefixes.push(c.slice(0, 4));
  if (checked.value.level === 'county') prefixes.push(c);
  return prefixes;
}

const LEVEL_DEPTH: Readonly<Record<RegionLevel, number>> = { province: 1, city: 2, county: 3 };

/**
 * The names sent with a code, as WeChat's region picker gives them (["福建省", "福州市", "鼓楼区"], a municipality's
 * city named again: ["北京市", "北京市", "东城区"]), must belong to it: one name per level of the code, the first the
 * province's own name from the code list. Names below the province are not in the list (RULES §1: codes change),
 * so they are held to being present and free of control characters only.
 */
export function checkRegionNames(code: RegionCode, names: readonly string[]): Result<string[], 'REGION_NAMES'> {
  const cleaned = names.map((n) => n.normalize('NFKC').replace(/\s+/g, ' ').trim());
  const depth = LEVEL_DEPTH[code.level];
  if (cleaned.length !== depth || cleaned.some((n) => n === '' || /[\p{Cc}\p{Cf}]/u.test(n))) {
    return err('REGION_NAMES', REGION_MESSAGES.namesMismatch);
  }
  const province = PROVINCE_NAMES[code.provinceCode]!;
  if (cleaned[0] !== province) {
    return err('REGION_NAMES', REGION_MESSAGES.provinceMismatch(code.code, province, cleaned[0]!));
  }
  return ok(cleaned);
}
