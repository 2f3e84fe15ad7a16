// Help-request views as the help function answers them, for the help pages' view-model tests.
import type { HelpRequestView } from '../../typings/help';

export const needView = (over: Partial<HelpRequestView> = {}): HelpRequestView => ({
  id: 'h1',
  status: 'pending',
  statusLabel: '待核实',
  what: '陪独居老人去社区医院复诊',
  category: 'special_groups',
  forWhom: { object: 'elderly', description: '独居老人王阿姨' },
  place: { address: '五四路100号', name: '五四路社区', regionNames: ['福建省', '福州市', '鼓楼区'], longitude: 119.3, latitude: 26.08 },
  startsAt: '2026-12-05T01:00:00.000Z',
  endsAt: '2026-12-05T03:00:00.000Z',
  volunteersWanted: 2,
  urgent: false,
  contact: { name: '王芳', phoneMasked: '138****5678' },
  submittedAt: '2026-12-02T02:30:00.000Z',
  declines: [],
  contactViews: [],
  contactViewsTotal: 0,
  ...over,
});
