import { searchRequest, toMyOrgs } from './view-model';

test('my organizations with my role or the state of my request', () => {
  const items = toMyOrgs({
    organizations: [
      { orgId: 'a', name: '甲', kind: 'grassroots', status: 'verified', regionCode: '350102', regionNames: ['福建省'], role: 'admin', membership: 'active' },
      { orgId: 'b', name: '乙', kind: 'other', status: 'verified', regionCode: '350102', regionNames: ['福建省'], role: null, membership: 'pending' },
      { orgId: 'c', name: '丙', kind: 'registered', status: 'pending', regionCode: '350102', regionNames: ['福建省'], role: 'member', membership: 'active' },
    ],
  });
  expect(items.map((i) => [i.name, i.relationText, i.statusText])).toEqual([
    ['甲', '管理员', '已认证'],
    ['乙', '申请中', '已认证'],
    ['丙', '成员', '待审核'],
  ]);
});

test('search by region prefix and keyword', () => {
  expect(searchRequest('350100', '')).toEqual({ regionCode: '3501' });
  expect(searchRequest('350102', ' 青年 ')).toEqual({ regionCode: '350102', keyword: '青年' });
  expect(searchRequest('', '协会')).toEqual({ keyword: '协会' });
  expect(searchRequest('', '  ')).toBeUndefined();
});
