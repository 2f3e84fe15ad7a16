/** @jest-environment jsdom */
import { load, render, shot, textOf } from '../../test-support/simulate';

describe('我的时长 page', () => {
  it('shows 0.0 hours and the empty state', () => {
    const page = render(load('pages/hours/index'));
    expect(textOf(page, '#total-hours')).toBe('0.0');
    expect(textOf(page, '#hours-empty')).toContain('还没有服务时长');
    expect(textOf(page, '#hours-empty')).toContain('即将上线');
    expect(page.dom!.innerHTML).toContain('小时');
    shot(page, 'empty');
  });
});
