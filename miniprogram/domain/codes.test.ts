import {
  CODE_LIST_VERSION,
  PRIVACY_TERMS_VERSION,
  SERVICE_CATEGORIES,
  SERVICE_OBJECTS,
  SKILLS,
  isServiceCategory,
  isServiceObject,
  isSkill,
  labelOf,
} from './codes';

describe('code lists', () => {
  test('service categories: RULES §10, in order', () => {
    expect(SERVICE_CATEGORIES.map((c) => c.label).join('、')).toBe(
      '社区服务、扶贫减贫、支教助学、卫生健康、法律服务、环境保护、科技科普、文化艺术、平安综治、文明风尚、交通引导、志愿消防、应急救援、禁毒宣传、体育健身、旅游服务、关爱特殊群体、大型活动、海外志愿服务、税收服务、疫情防控、其他',
    );
  });

  test('service objects: RULES §10, in order', () => {
    expect(SERVICE_OBJECTS.map((c) => c.label).join('、')).toBe(
      '儿童、青少年、妇女、老年人、残障人士、优抚对象、困难家庭、病患者、农村居民、城镇居民、社会公众、其他',
    );
  });

  test('skills: 20 entries ending with 其他', () => {
    expect(SKILLS).toHaveLength(20);
    expect(SKILLS[SKILLS.length - 1]).toEqual({ code: 'other', label: '其他' });
  });

  test.each([
    ['SERVICE_CATEGORIES', SERVICE_CATEGORIES],
    ['SERVICE_OBJECTS', SERVICE_OBJECTS],
    ['SKILLS', SKILLS],
  ] as const)('%s: stable ASCII codes, unique codes and labels', (_name, list) => {
    const codes = list.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(list.map((c) => c.label)).size).toBe(list.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z_]*$/);
  });

  test('versions', () => {
    expect(CODE_LIST_VERSION).toBe('2026.1');
    expect(PRIVACY_TERMS_VERSION).toBe('2026-11-01');
  });

  test('membership and labels', () => {
    expect(isServiceCategory('community')).toBe(true);
    expect(isServiceCategory('社区服务')).toBe(false);
    expect(isServiceCategory(undefined)).toBe(false);
    expect(isServiceObject('elderly')).toBe(true);
    expect(isSkill('sign_language')).toBe(true);
    expect(isSkill('community')).toBe(false);
    expect(labelOf(SERVICE_CATEGORIES, 'fire')).toBe('志愿消防');
    expect(labelOf(SKILLS, 'first_aid')).toBe('急救（持证）');
    expect(labelOf(SKILLS, 'retired_code')).toBeUndefined();
  });
});
