// 报名's invitation banner, pure: who invites me to what and when (open), that I accepted, or that it expired.
import type { InvitationView } from '../../../typings/match';
import { invitationBannerOf } from './view-model';

const view = (state: InvitationView['state']): InvitationView => ({
  invitationId: 's1__u1',
  shiftId: 's1',
  projectId: 'p1',
  projectTitle: '社区助老服务',
  orgName: '鼓楼区阳光志愿服务中心',
  startsAt: '2026-12-05T01:00:00.000Z',
  endsAt: '2026-12-05T03:30:00.000Z',
  state,
});

test('each state of an invitation in the volunteer’s words, in Shanghai time', () => {
  expect(invitationBannerOf(view('open'))).toEqual({ state: 'open', text: '「鼓楼区阳光志愿服务中心」邀请你参加「社区助老服务」12月5日 09:00–11:30 的服务，班次已为你选好，点“报名”即可' });
  expect(invitationBannerOf(view('accepted'))).toEqual({ state: 'accepted', text: '你已接受邀请，已报名 12月5日 09:00–11:30 的班次' });
  expect(invitationBannerOf(view('expired'))).toEqual({ state: 'expired', text: '邀请已失效：12月5日 09:00–11:30 的班次已开始、已满员或已取消' });
});
