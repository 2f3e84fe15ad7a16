import { stateAfterLocationFailure, toDiscoverView } from './view-model';

describe('toDiscoverView', () => {
  it('asks for location when never asked', () => {
    expect(toDiscoverView({ kind: 'unasked' }).prompt).toMatchObject({ actionText: '允许获取位置', action: 'request' });
  });

  it('sends a user who refused to the settings page', () => {
    expect(toDiscoverView({ kind: 'denied' }).prompt).toMatchObject({ actionText: '去设置开启定位', action: 'openSetting' });
  });

  it('offers a retry when the fix failed', () => {
    expect(toDiscoverView({ kind: 'failed' }).prompt).toMatchObject({ actionText: '重新定位', action: 'request' });
  });

  it('shows no prompt once located, with the chosen place if any', () => {
    expect(toDiscoverView({ kind: 'located', placeName: null })).toEqual({ prompt: null, placeText: '已按你的位置查找' });
    expect(toDiscoverView({ kind: 'located', placeName: '鼓楼公园' }).placeText).toBe('当前位置：鼓楼公园');
  });
});

describe('stateAfterLocationFailure', () => {
  it.each([
    ['getLocation:fail auth deny', 'denied'],
    ['getLocation:fail authorize no response', 'denied'],
    ['getLocation:fail privacy permission is not authorized', 'unasked'],
    ['getLocation:fail system permission denied', 'failed'],
    ['getLocation:fail timeout', 'failed'],
  ])('%s → %s', (errMsg, kind) => {
    expect(stateAfterLocationFailure(errMsg).kind).toBe(kind);
  });
});
