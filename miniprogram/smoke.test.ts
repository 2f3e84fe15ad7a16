/** @jest-environment jsdom */
// Every page of this issue compiles with the official WXML compiler and renders each of its states without a
// server (the pages' journeys through the emulator are tested beside each page).
import type { MyProfile } from '../typings/volunteer';
import { consentRows, editStateOf, profileRows } from './volunteer/my-data/view-model';
import { toHomeView, toInviteView } from './org/home/view-model';
import { emptyForm, toRegisterView } from './volunteer/common/registration-form';
import { load, render, shot, textOf } from './test-support/simulate';

type Settable = { setData(data: Record<string, unknown>): void };
const set = (page: ReturnType<typeof render>, data: Record<string, unknown>) => (page.instance as unknown as Settable).setData(data);

const profile: MyProfile = {
  volunteerId: 'v1',
  volunteerNo: 'ZY3501002026000017',
  name: '张三',
  credential: { type: 'CN_ID', masked: '3****************1' },
  gender: 'male',
  birthDate: '1990-03-07',
  ageBand: 'adult',
  phone: { masked: '138****5678', verified: false },
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  skills: [],
  skillTags: [],
  intentions: ['community'],
  availability: [],
  consents: [{ kind: 'privacy', version: '2026-11-01', grantedAt: '2026-03-01T02:00:00.000Z' }],
  registeredAt: '2026-03-01T02:00:00.000Z',
  organizations: [],
};

test('我的资料: view, edit, identity and delete modes', () => {
  const page = render(load('volunteer/my-data/index'));
  set(page, { status: 'ready', mode: 'view', rows: profileRows(profile), consents: consentRows(profile), extraConsent: false });
  expect(textOf(page, '#profile')).toContain('138****5678');
  expect(textOf(page, '#consents')).toContain('2026-11-01 版');
  expect(page.querySelector('#consents-empty')).toBeFalsy();
  shot(page, 'view');
  set(page, { mode: 'edit', edit: toRegisterView(editStateOf(profile).form, new Date(), { minimumAge: 14, guardianConsentUnder: 18 }) });
  expect(textOf(page, '#edit-form')).toContain('社区服务');
  shot(page, 'edit');
  set(page, { mode: 'identity', identity: toRegisterView(emptyForm(), new Date(), { minimumAge: 14, guardianConsentUnder: 18 }) });
  expect(textOf(page, '#identity-form')).toContain('重新核验');
  shot(page, 'identity');
  set(page, { mode: 'delete' });
  expect(textOf(page, '#delete-form')).toContain('请输入“注销”以确认');
  shot(page, 'delete');
});

test('我的组织 and 组织主页 render their states', () => {
  const mine = render(load('org/mine/index'));
  set(mine, { status: 'ready', mine: [], searched: true, results: [] });
  expect(textOf(mine, '#mine-empty')).toContain('还没有加入任何组织');
  expect(textOf(mine, '#search-empty')).toContain('没有找到');
  shot(mine, 'none-found');

  const home = render(load('org/home/index'));
  const org = toHomeView({
    orgId: 'o1',
    name: '鼓楼社区互助队',
    kind: 'grassroots',
    status: 'verified',
    regionCode: '350102',
    regionNames: ['福建省'],
    address: '五四路100号',
    personInCharge: '林海',
    createdAt: '2026-03-01T02:00:00.000Z',
    myRole: 'admin',
    myMembership: 'active',
    admin: { contact: { name: '陈晓', phoneMasked: '138****5678' }, members: [], joinRequests: [] },
  });
  set(home, { status: 'ready', org, invite: toInviteView({ code: 'ABCD1234', validUntil: '2026-03-08T02:00:00.000Z', sharePath: '/org/invite/index?code=ABCD1234' }) });
  expect(textOf(home, '#org-name')).toBe('鼓楼社区互助队');
  expect(textOf(home, '#invite-code')).toBe('ABCD1234');
  expect(textOf(home, '#scan-open')).toBe('扫码核验'); // a verified organization's admin checks cards here
  expect(textOf(home, '#invite-expiry')).toContain('前有效');
  shot(home, 'admin-with-invite');
});
