import {
  applyOrgError,
  buildOrgRequest,
  emptyOrgForm,
  fieldsOf,
  orgErrorField,
  prepareOrgSubmit,
  setKind,
  setOrgRegion,
  setOrgText,
  setParent,
  similarNamesNotice,
  toOrgFormView,
  touchOrg,
  visibleOrgErrors,
  type OrgForm,
} from './form';
import { regionPrefix, toOrgCard } from '../../common/org-labels';
import { usccCheckChar } from '../../domain/uscc';

function filled(overrides: Partial<OrgForm> = {}): OrgForm {
  let f = emptyOrgForm();
  f = setOrgText(f, 'name', '鼓楼区青年志愿者协会');
  f = setOrgText(f, 'uscc', '91110000600037341L');
  f = setOrgText(f, 'authority', '福州市鼓楼区民政局');
  f = setOrgRegion(f, ['350000', '350100', '350102'], ['福建省', '福州市', '鼓楼区']);
  f = setOrgText(f, 'address', '福州市鼓楼区五四路100号');
  f = setOrgText(f, 'personInCharge', '林海');
  f = setOrgText(f, 'contactName', '陈晓');
  f = setOrgText(f, 'contactPhone', '0591-87654321');
  return { ...f, ...overrides };
}

test('kinds decide the USCC and authority fields', () => {
  expect(fieldsOf('registered')).toEqual({ uscc: 'required', authority: 'required' });
  expect(fieldsOf('other')).toEqual({ uscc: 'optional', authority: 'optional' });
  expect(fieldsOf('grassroots')).toEqual({ uscc: 'none', authority: 'none' });
  expect(toOrgFormView(emptyOrgForm()).kindLabels).toEqual(['依法登记的组织', '其他组织', '草根团队']);
});

test('the USCC is checked once it has 18 characters, with the domain’s reason', () => {
  let f = setOrgText(emptyOrgForm(), 'uscc', '9111000060003734');
  expect(visibleOrgErrors(f).uscc).toBeUndefined();
  f = setOrgText(f, 'uscc', '91110000600037341A');
  expect(visibleOrgErrors(f).uscc).toBe('统一社会信用代码校验位不正确，请核对');
  f = setOrgText(f, 'uscc', '9111000060003734IL');
  expect(visibleOrgErrors(f).uscc).toBe('含有不允许的字符 I（代码不使用 I、O、Z、S、V）');
  f = touchOrg(setOrgText(f, 'uscc', '911'), 'uscc');
  expect(visibleOrgErrors(f).uscc).toBe('统一社会信用代码应为18位，当前为3位');
});

test('a registered organization needs a USCC and authority; another organization may leave them out; a team has none', () => {
  const registered = filled({ uscc: '', authority: '' });
  const check = prepareOrgSubmit(registered);
  expect(check.ok).toBe(false);
  if (!check.ok) {
    expect(visibleOrgErrors(check.form)).toEqual({
      uscc: '依法登记的组织请填写统一社会信用代码',
      authority: '请填写登记管理机关（如 福州市鼓楼区民政局）',
    });
  }
  const other = setKind(filled({ uscc: '', authority: '' }), 'other');
  expect(prepareOrgSubmit(other).ok).toBe(true);
  const team = setKind(filled(), 'grassroots');
  const request = buildOrgRequest(team);
  expect(request.uscc).toBeUndefined();
  expect(request.authority).toBeUndefined();
  expect(prepareOrgSubmit(team).ok).toBe(true);
});

test('a letter as first USCC character is accepted; lower case is normalised', () => {
  const code = 'N1350102MA2Y00001' + usccCheckChar('N1350102MA2Y00001');
  const f = touchOrg(filled({ uscc: code.toLowerCase() }), 'uscc');
  expect(visibleOrgErrors(f)).toEqual({});
  expect(buildOrgRequest(f).uscc).toBe(code);
});

test('the request', () => {
  const f = setParent(setOrgText(filled(), 'introduction', '  服务社区  '), { orgId: 'org-parent', name: '福州市志愿者协会' });
  expect(prepareOrgSubmit(f)).toEqual({
    ok: true,
    request: {
      name: '鼓楼区青年志愿者协会',
      kind: 'registered',
      uscc: '91110000600037341L',
      authority: '福州市鼓楼区民政局',
      regionCode: '350102',
      regionNames: ['福建省', '福州市', '鼓楼区'],
      address: '福州市鼓楼区五四路100号',
      personInCharge: '林海',
      contact: { name: '陈晓', phone: '0591-87654321' },
      parentId: 'org-parent',
      introduction: '服务社区',
    },
  });
  expect(toOrgFormView(f).parentName).toBe('福州市志愿者协会');
});

test('field checks after blur: address, names, contact phone', () => {
  let f = filled({ address: '五四路', contactPhone: '12345' });
  f = touchOrg(touchOrg(f, 'address'), 'contactPhone');
  expect(visibleOrgErrors(f)).toEqual({
    address: '详细地址应为5–100个字，当前为3个',
    contactPhone: '联系电话应为11位手机号，或带区号的固定电话（如 0591-87654321）',
  });
});

test('server errors land on their field, or as a banner', () => {
  expect(orgErrorField('USCC_TAKEN', '')).toBe('uscc');
  expect(orgErrorField('PERSON_INVALID', '联系人姓名：请填写姓名')).toBe('contactName');
  expect(orgErrorField('PERSON_INVALID', '负责人姓名：请填写姓名')).toBe('personInCharge');
  expect(orgErrorField('PARENT_NOT_FOUND', '')).toBe('parent');
  const taken = applyOrgError(filled(), { code: 'USCC_TAKEN', message: '该统一社会信用代码已注册' });
  expect(visibleOrgErrors(taken)).toEqual({ uscc: '该统一社会信用代码已注册' });
  expect(visibleOrgErrors(setOrgText(taken, 'uscc', '91110000600037341L'))).toEqual({});
  expect(applyOrgError(filled(), { code: 'NOT_REGISTERED', message: '请先完成志愿者实名注册' }).banner).toBe('请先完成志愿者实名注册');
  expect(toOrgFormView(applyOrgError(filled(), { code: 'NOT_REGISTERED', message: '请先完成志愿者实名注册' })).registerVolunteerFirst).toBe(true);
  expect(toOrgFormView(applyOrgError(filled(), { code: 'INTERNAL', message: '网络不稳定' })).registerVolunteerFirst).toBe(false);
});

test('labels and region prefixes', () => {
  expect(regionPrefix('350102')).toBe('350102');
  expect(regionPrefix('350100')).toBe('3501');
  expect(regionPrefix('350000')).toBe('35');
  expect(regionPrefix('')).toBe('');
  expect(
    toOrgCard({ orgId: 'o', name: 'A', kind: 'registered', status: 'pending', regionCode: '350102', regionNames: ['福建省', '福州市'], civilAffairsType: 'social_group' }),
  ).toEqual({ orgId: 'o', name: 'A', kindText: '依法登记的组织·社会团体', statusText: '待审核', status: 'pending', regionText: '福建省 福州市' });
});

describe('what the server said about the USCC and the name', () => {
  test('USCC_TAKEN offers the claim, USCC_MINE the way to the own application; typing again clears both', () => {
    const taken = applyOrgError(emptyOrgForm(), { code: 'USCC_TAKEN', message: '已被其他人的组织使用' });
    expect(taken).toMatchObject({ usccAction: 'claim', serverErrors: { uscc: '已被其他人的组织使用' } });
    const mine = applyOrgError(emptyOrgForm(), { code: 'USCC_MINE', message: '你已提交过', orgId: 'org_1' });
    expect(mine).toMatchObject({ usccAction: 'open', mineOrgId: 'org_1' });
    expect(setOrgText(mine, 'uscc', '5')).toMatchObject({ usccAction: '', mineOrgId: '' });
    expect(applyOrgError(emptyOrgForm(), { code: 'NAME_TAKEN', message: '本地区已有' }).serverErrors).toEqual({ name: '本地区已有' });
  });

  test('alike names become one notice; none, no notice', () => {
    expect(similarNamesNotice([])).toBeNull();
    expect(similarNamesNotice([{ orgId: 'o', name: '阳光志愿服务队', regionNames: ['福建省', '福州市', '鼓楼区'], similarity: 'suffix' }])).toEqual({
      title: '已提交，有名称相似的组织',
      content: '平台上已有：「阳光志愿服务队」（福建省 福州市 鼓楼区，仅后缀不同）。如是同一组织请勿重复注册；审核人员也会看到这条提示。',
    });
  });

  test('a control character in the name is shown as the person types', () => {
    const form = touchOrg(setOrgText(emptyOrgForm(), 'name', '阳光\u202e志愿队'), 'name');
    expect(visibleOrgErrors(form).name).toMatch(/控制字符（U\+202E）/);
  });
});
