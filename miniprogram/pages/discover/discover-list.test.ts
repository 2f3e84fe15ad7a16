/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 发现's list through the real `project` function: nearest first with distances when located, soonest first
// without a location, filters, and scrolling that loads every project once.
import type { ProjectInput } from '../../../typings/project-actions';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';

interface Publisher {
  admin: { openid: string };
  orgId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name: string): Promise<Publisher>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: { errMsg: string }) => void };

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let org: Publisher;
const HERE = { latitude: 26.08, longitude: 119.3 };

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('pages/discover/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-discover-page');
  org = await fixtures.publisher(emu, '福州海滨志愿服务队');
  // Twelve projects east of HERE, 1 km apart, the nearest starting last.
  for (let i = 0; i < 12; i++) {
    await fixtures.published(
      org,
      support.formStartingIn(new Date(), 14 - i, {
        title: i === 0 ? '海滨清洁行动' : `社区服务第${i}场`,
        category: i === 0 ? 'environment' : 'community',
        place: { address: `鼓楼区第${i}站`, longitude: HERE.longitude + (i + 1) / 99.94, latitude: HERE.latitude, regionCode: '350102', checkinRadiusM: 300 },
      }),
    );
  }
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

function located(yes: boolean) {
  jest.spyOn(wx, 'getSetting').mockImplementation(((o: Callbacks<unknown>) => o.success?.({ authSetting: yes ? { 'scope.userLocation': true } : {} })) as never);
  jest.spyOn(wx, 'getLocation').mockImplementation(((o: Callbacks<typeof HERE>) => o.success?.(HERE)) as never);
}

async function open(): Promise<Rendered> {
  const page = render(pageId);
  await (page.instance as unknown as { onShow(): Promise<void> }).onShow();
  return page;
}

const titles = (page: Rendered) => (page.instance.data as { items: Array<{ title: string }> }).items.map((i) => i.title);

test('located: nearest first with distances; scrolling loads the rest once', async () => {
  located(true);
  const page = await open();
  expect(textOf(page, '#project-0')).toMatch(/海滨清洁行动[\s\S]*1\.0 公里[\s\S]*福州海滨志愿服务队[\s\S]*剩 10 个名额/);
  expect(titles(page)).toHaveLength(10);
  expect(textOf(page, '#list-end')).toBe('上拉加载更多');
  shot(page, 'list');
  await (page.instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
  expect(titles(page)).toHaveLength(12);
  expect(new Set(titles(page)).size).toBe(12);
  expect(textOf(page, '#list-end')).toBe('没有更多了');
  await (page.instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
  expect(titles(page)).toHaveLength(12);
});

test('without a location the list still shows, soonest first', async () => {
  located(false);
  const page = await open();
  expect(page.querySelector('#location-prompt')).toBeTruthy();
  expect(titles(page)[0]).toBe('社区服务第11场');
  expect(textOf(page, '#project-0')).not.toContain('公里');
  shot(page, 'no-location');
});

test('filters: keyword, category; nothing found says so; a tap opens the detail', async () => {
  located(true);
  const page = await open();
  const instance = page.instance as unknown as {
    onKeywordConfirm(e: object): Promise<void>;
    onCategoryChange(e: object): Promise<void>;
    onOpenProject(e: object): Promise<void>;
  };
  await instance.onKeywordConfirm({ detail: { value: '清洁' } });
  expect(titles(page)).toEqual(['海滨清洁行动']);
  await instance.onKeywordConfirm({ detail: { value: '' } });
  await instance.onCategoryChange({ detail: { value: '6' } }); // 环境保护 (全部类别 comes first)
  expect(titles(page)).toEqual(['海滨清洁行动']);
  await instance.onKeywordConfirm({ detail: { value: '不存在的项目' } });
  expect(textOf(page, '#projects-empty')).toBe('没有符合条件的项目，换个条件试试');
  shot(page, 'nothing-found');
  await instance.onKeywordConfirm({ detail: { value: '' } });
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const id = (page.instance.data as { items: Array<{ projectId: string }> }).items[0]!.projectId;
  await instance.onOpenProject({ currentTarget: { dataset: { id } } });
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: `/project/detail/index?projectId=${id}` }));
});
