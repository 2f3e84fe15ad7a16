import type { PreferencesResponse } from '../../../typings/notify';
import { applyChange, DEFAULT_QUIET_HOURS, hiddenOffKinds, isClockTime, refusalText, toSettingsView } from './view-model';

const answer = (over: Partial<PreferencesResponse['preferences']> = {}, follows = false): PreferencesResponse => ({
  preferences: { off: ['signup.waitlisted'], quietHours: { start: '22:00', end: '08:00' }, recommendations: false, ...over },
  kinds: [
    { kind: 'signup.confirmed', label: '报名成功', group: '报名', urgent: false },
    { kind: 'reminder.shift2h', label: '服务前两小时提醒', group: '提醒', urgent: true },
    { kind: 'signup.waitlisted', label: '进入候补', group: '报名', urgent: false },
    { kind: 'project.recommended', label: '新项目推荐', group: '项目', urgent: false },
  ],
  followsOfficialAccount: follows,
});

test('kinds in the server’s groups, in the order it lists them; urgent ones marked; recommendations on their own switch', () => {
  const view = toSettingsView(answer());
  expect(view.groups.map((g) => [g.name, g.kinds.map((k) => [k.slug, k.on, k.urgent])])).toEqual([
    ['报名', [['signup-confirmed', true, false], ['signup-waitlisted', false, false]]],
    ['提醒', [['reminder-shift2h', true, true]]],
  ]);
  expect(view.groups[0]!.kinds[1]!.a11yLabel).toBe('进入候补，已关闭');
  expect(view.quiet).toEqual({ on: true, start: '22:00', end: '08:00', error: '' });
  expect(view.followText).toContain('还没有关注');
  expect(toSettingsView(answer({}, true)).followText).toContain('已关注');
});

test('quiet hours off keep the times shown before, or the default', () => {
  expect(toSettingsView(answer({ quietHours: null })).quiet).toEqual({ on: false, ...DEFAULT_QUIET_HOURS, error: '' });
  const before = { on: true, start: '23:00', end: '07:00', error: '' };
  expect(toSettingsView(answer({ quietHours: null }), before).quiet).toMatchObject({ on: false, start: '23:00', end: '07:00' });
});

test('a switch sends the whole off list, kinds off elsewhere kept', () => {
  const view = toSettingsView(answer({ off: ['signup.waitlisted', 'org.reviewed'] }));
  const hidden = hiddenOffKinds({ off: ['signup.waitlisted', 'org.reviewed'], quietHours: null, recommendations: false }, view);
  expect(hidden).toEqual(['org.reviewed']);
  const off = applyChange(view, { field: 'kind', kind: 'signup.confirmed', on: false }, hidden);
  expect(off.save).toEqual({ off: ['signup.confirmed', 'signup.waitlisted', 'org.reviewed'] });
  expect(off.view.groups[0]!.kinds[0]).toMatchObject({ on: false, a11yLabel: '报名成功，已关闭' });
  const on = applyChange(view, { field: 'kind', kind: 'signup.waitlisted', on: true }, hidden);
  expect(on.save).toEqual({ off: ['org.reviewed'] });
  expect(applyChange(view, { field: 'recommendations', on: true }).save).toEqual({ recommendations: true });
});

test('quiet hours: the switch and the pickers send both times; the same time twice or a malformed one is never sent', () => {
  const view = toSettingsView(answer());
  expect(applyChange(view, { field: 'quietOn', on: false }, []).save).toEqual({ quietHours: null });
  const later = applyChange(view, { field: 'quietStart', time: '23:30' }, []);
  expect(later.save).toEqual({ quietHours: { start: '23:30', end: '08:00' } });
  const same = applyChange(view, { field: 'quietEnd', time: '22:00' }, []);
  expect(same.save).toBeUndefined();
  expect(same.view.quiet.error).toBe('免打扰的开始时间和结束时间不能相同');
  expect(applyChange(view, { field: 'quietEnd', time: '25:00' }, [])).toEqual({ view });
  // With quiet hours off, a picked time is kept on screen for later and not sent.
  const off = toSettingsView(answer({ quietHours: null }));
  const picked = applyChange(off, { field: 'quietStart', time: '21:00' }, []);
  expect(picked.save).toBeUndefined();
  expect(picked.view.quiet.start).toBe('21:00');
  const turnedOn = applyChange(picked.view, { field: 'quietOn', on: true }, []);
  expect(turnedOn.save).toEqual({ quietHours: { start: '21:00', end: '08:00' } });
});

test('clock times and refusals', () => {
  expect(['00:00', '08:00', '23:59'].every(isClockTime)).toBe(true);
  expect(['24:00', '8:00', '08:60', '', '08:00:00'].some(isClockTime)).toBe(false);
  expect(refusalText('BAD_QUIET_HOURS', '免打扰的开始时间和结束时间不能相同')).toEqual({ quietError: '免打扰的开始时间和结束时间不能相同' });
  expect(refusalText('BAD_QUIET_HOURS', '')).toEqual({ quietError: expect.stringContaining('免打扰时段不正确') });
  expect(refusalText('NETWORK', '网络不稳定，请稍后重试')).toEqual({ toast: '网络不稳定，请稍后重试' });
  expect(refusalText('INTERNAL', '')).toEqual({ toast: '设置没能保存，已恢复原来的选择' });
});
