import { formatHours, toHoursView } from './view-model';

describe('formatHours', () => {
  it.each([
    [0, '0.0'],
    [5, '0.0'],
    [6, '0.1'],
    [59, '0.9'],
    [60, '1.0'],
    [90, '1.5'],
    [125, '2.0'],
    [6000, '100.0'],
    [-30, '0.0'],
  ])('%i minutes → %s hours', (minutes, text) => {
    expect(formatHours(minutes)).toBe(text);
  });
});

describe('toHoursView', () => {
  it('is empty with no confirmed time', () => {
    expect(toHoursView(0)).toEqual({ totalText: '0.0', isEmpty: true });
  });

  it('shows the total once there is time', () => {
    expect(toHoursView(150)).toEqual({ totalText: '2.5', isEmpty: false });
  });
});
