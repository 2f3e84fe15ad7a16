import { listedCode, regionText, toPublicView } from './view-model';

const gulou = { countyCode: '350102', names: ['福建省', '福州市', '鼓楼区'], wholeCity: false };

test('the county, or widened to its whole city', () => {
  expect([listedCode(gulou), regionText(gulou)]).toEqual(['350102', '福建省 福州市 鼓楼区']);
  const city = { ...gulou, wholeCity: true };
  expect([listedCode(city), regionText(city)]).toEqual(['3501', '福建省 福州市（全市）']);
  expect(regionText({ countyCode: '350102', names: [], wholeCity: false })).toBe('地区 350102');
});

test('an empty list names the region', () => {
  expect(toPublicView([], gulou)).toEqual({ status: 'ready', rows: [], emptyText: '福建省 福州市 鼓楼区暂时没有已核实的求助' });
});
