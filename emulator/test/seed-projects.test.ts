// The demo world's projects, seeded through the product's own actions: 福州 and 厦门, several categories, a weekly
// series, one whose sign-ups are approved by hand, one full with a waitlist; discovery finds them by distance.
import { seedDemoWorld } from '../src/seed';
import type { Emulator } from '../src/server';
import { caller, startTestEmulator } from './support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: 'demo-platform-admin' } });
});
afterAll(async () => emu.stop());

test('projects around the demo organizations, one full with a waitlist', async () => {
  const summary = await seedDemoWorld(emu.runtime!, { reviewer: 'demo-platform-admin' });
  expect(summary.projects).toBe(8);
  const visitor = caller(emu, 'openid-demo-visitor');
  const near = await visitor.call('project', 'discover', { near: { longitude: 119.3012, latitude: 26.0827 }, sort: 'distance', limit: 20 });
  if (!near.ok) throw new Error(near.error.code);
  expect(near.data.items).toHaveLength(8);
  const titles = near.data.items.map((i) => i.title);
  // The 福州 ones first, nearest first; 厦门's about 200 km away.
  expect(titles.slice(0, 5).sort()).toEqual(['温泉街道独居老人周末陪伴', '西湖公园垃圾分类宣传', '社区义诊引导员', '应急救护培训助教', '马拉松赛道医疗志愿者'].sort());
  expect(near.data.items[0]).toMatchObject({ title: '社区义诊引导员', placesLeft: 0 });
  expect(near.data.items.at(-1)!.distanceM).toBeGreaterThan(150_000);
  expect(new Set(near.data.items.map((i) => i.category)).size).toBeGreaterThanOrEqual(6);

  const full = await visitor.call('project', 'get', { projectId: near.data.items[0]!.projectId });
  expect(full.ok && full.data.shifts[0]).toMatchObject({ places: 2, placesLeft: 0, waitlisted: 2 });
  expect(full.ok && full.data.going).toEqual({ names: expect.arrayContaining([expect.stringMatching(/\*$/)]), count: 2 });

  const series = near.data.items.find((i) => i.title === '温泉街道独居老人周末陪伴')!;
  const detail = await visitor.call('project', 'get', { projectId: series.projectId });
  expect(detail.ok && detail.data.shifts.filter((s) => s.seriesId)).toHaveLength(8);
  const manual = near.data.items.find((i) => i.title === '应急救护培训助教')!;
  const manualDetail = await visitor.call('project', 'get', { projectId: manual.projectId });
  expect(manualDetail.ok && manualDetail.data).toMatchObject({ approvalMode: 'manual', risk: { risky: true, insured: true } });
});
