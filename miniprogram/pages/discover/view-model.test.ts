import type { ForYouItem } from '../../../typings/project-foryou';
import { FOR_YOU_INVITE_TEXT, FOR_YOU_SHOWN, forYouSectionOf, stateAfterLocationFailure, toDiscoverView, toForYouCardView } from './view-model';

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

function item(overrides: Partial<ForYouItem> = {}): ForYouItem {
  return {
    projectId: 'p1',
    orgName: '福州海滨志愿服务队',
    title: '海边助老',
    category: 'community',
    address: '鼓楼区第1站',
    regionCode: '350102',
    startsAt: '2026-12-05T01:00:00.000Z',
    endsAt: '2026-12-12T03:30:00.000Z',
    status: 'recruiting',
    placesLeft: 3,
    distanceM: 1200,
    shiftId: 'p1_s2',
    // 12月12日 周六 09:00–11:30 in Asia/Shanghai.
    shiftStartsAt: '2026-12-12T01:00:00.000Z',
    shiftEndsAt: '2026-12-12T03:30:00.000Z',
    reasons: [
      { kind: 'distance', text: '距离 1.2 km' },
      { kind: 'skill', text: '技能：急救' },
      { kind: 'availability', text: '周六上午有空' },
    ],
    ...overrides,
  };
}

describe('toForYouCardView', () => {
  it('shows the chosen shift, not the project’s first, and joins the reasons with a middle dot', () => {
    expect(toForYouCardView(item())).toEqual({
      projectId: 'p1',
      shiftId: 'p1_s2',
      title: '海边助老',
      orgName: '福州海滨志愿服务队',
      timeText: '12月12日 周六 09:00–11:30',
      reasonsText: '距离 1.2 km · 技能：急救 · 周六上午有空',
      placesText: '剩 3 个名额',
    });
  });

  it('one reason stands alone; no places left says so', () => {
    const view = toForYouCardView(item({ reasons: [{ kind: 'need', text: '还缺 3 人' }], placesLeft: 0 }));
    expect(view.reasonsText).toBe('还缺 3 人');
    expect(view.placesText).toBe('名额已满');
  });
});

describe('forYouSectionOf', () => {
  it('shows at most a few cards, in the order the server ranked them', () => {
    const items = Array.from({ length: 8 }, (_, i) => item({ projectId: `p${i}`, shiftId: `p${i}_s0` }));
    const section = forYouSectionOf({ ok: true, data: { items } });
    expect(section.kind).toBe('cards');
    expect(section.kind === 'cards' && section.cards.map((c) => c.projectId)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4'].slice(0, FOR_YOU_SHOWN));
  });

  it('no section for an empty answer or a failure; one line inviting registration for who is not registered', () => {
    expect(forYouSectionOf({ ok: true, data: { items: [] } })).toEqual({ kind: 'none' });
    expect(forYouSectionOf({ ok: false, error: { code: 'NETWORK' } })).toEqual({ kind: 'none' });
    expect(forYouSectionOf({ ok: false, error: { code: 'INTERNAL' } })).toEqual({ kind: 'none' });
    expect(forYouSectionOf({ ok: false, error: { code: 'NOT_REGISTERED' } })).toEqual({ kind: 'invite', text: FOR_YOU_INVITE_TEXT });
  });
});
