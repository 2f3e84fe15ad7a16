// Who a developer can be in local mode: the emulator's first-run demo world (emulator/src/seed.ts; identities.test.ts
// keeps the two in step) and the local platform admin. Pure.

export interface DemoIdentity {
  openid: string;
  name: string;
  /** What this identity lets you try. */
  about: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'dev-openid-local', name: '本地开发者', about: '平台管理员（本地默认身份），未注册志愿者' },
  { openid: 'demo-platform-admin', name: '演示平台管理员', about: '审核组织：思明区银龄互助服务队、鼓楼区青春环保公益社待审核' },
  { openid: 'demo-lin', name: '林晓梅', about: '34岁 · 福州市鼓楼区温泉街道志愿服务队（已认证草根团队）管理员' },
  { openid: 'demo-chen', name: '陈志强', about: '52岁 · 福州市鼓楼区应急救援志愿者协会（已认证）管理员' },
  { openid: 'demo-huang', name: '黄思琪', about: '21岁 · 鼓楼区青春环保公益社（待审核）申请人' },
  { openid: 'demo-zheng', name: '郑浩然', about: '16岁未成年人 · 监护人郑国平（父亲）同意注册' },
  { openid: 'demo-wang', name: '王秀英', about: '67岁 · 思明区银龄互助服务队（待审核）申请人' },
  { openid: 'demo-li', name: '李明轩', about: '28岁 · 厦门市思明区蓝天志愿服务中心（已认证）管理员' },
  { openid: 'dev-newcomer', name: '新用户', about: '从未使用过：看注册流程' },
];
