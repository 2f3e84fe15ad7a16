// What the notify function says to people (the dispatch slice's Chinese texts, in one object).
export const DISPATCH_MESSAGES = {
  forbiddenReport: '只有平台管理员可以查看消息投递情况',
  forbiddenRequeue: '只有平台管理员可以重新投递消息',
  kickSource: '该操作只能由云函数调用',
  unknownTemplate: '订阅的消息模板不属于这个订阅时机，请刷新后重试',
  badStart: '免打扰开始时间格式应为“时:分”，如 22:00',
  badEnd: '免打扰结束时间格式应为“时:分”，如 08:00',
  sameStartEnd: '免打扰的开始时间和结束时间不能相同',
  kindNotOff: (label: string) => `「${label}」与你的账号安全有关，不能关闭`,
  unknownKind: '要关闭的消息类型不存在，请刷新后重试',
  kindNotReceived: (label: string, who: string) => `「${label}」只发给${who}，你的账号不会收到，无需设置`,
} as const;
