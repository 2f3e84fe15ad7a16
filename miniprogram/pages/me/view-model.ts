// 我的: session → what the page shows. Pure, so every state is tested without WeChat.
import type { SessionResponse } from '../../../typings/index';

export type MeView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'unregistered'; isPlatformAdmin: boolean }
  | { kind: 'registered'; name: string; volunteerNoText: string; isPlatformAdmin: boolean };

export const loadingView: MeView = { kind: 'loading' };

type SessionOutcome = { ok: true; data: SessionResponse } | { ok: false; error: { code: string; message: string } };

export function toMeView(outcome: SessionOutcome): MeView {
  if (!outcome.ok) return { kind: 'error', message: outcome.error.message };
  const session = outcome.data;
  const isPlatformAdmin = session.roles.includes('platformAdmin');
  if (session.registered && session.volunteer) {
    return {
      kind: 'registered',
      name: session.volunteer.name,
      volunteerNoText: `志愿者编号 ${session.volunteer.volunteerNo}`,
      isPlatformAdmin,
    };
  }
  return { kind: 'unregistered', isPlatformAdmin };
}

/** The 消息 entry's badge: '' hides it; more than 99 shows 99+. */
export function unreadBadge(outcome: { ok: true; data: { unread: number } } | { ok: false }): string {
  if (!outcome.ok || outcome.data.unread <= 0) return '';
  return outcome.data.unread > 99 ? '99+' : String(outcome.data.unread);
}

/** Entries of 我的 and where they go, in sections: everyday ones first, then organizations, then administration. */
export interface MeEntry {
  id: string;
  label: string;
  route: string;
}

export interface MeSection {
  id: 'everyday' | 'organization' | 'admin';
  /** '' for the everyday section, which needs no heading. */
  title: string;
  entries: MeEntry[];
}

type MeRoutes = Record<'card' | 'mySignups' | 'myData' | 'orgMine' | 'inbox' | 'orgRegister' | 'adminReview', string>;

/** Registered-only sections are left out for everyone else; 平台管理 shows for a platform admin whatever else. */
export function sectionsOf(view: MeView, routes: MeRoutes): MeSection[] {
  const sections: MeSection[] = [];
  if (view.kind === 'registered') {
    sections.push(
      {
        id: 'everyday',
        title: '',
        entries: [
          { id: 'card', label: '电子志愿服务证', route: routes.card },
          { id: 'my-signups', label: '我的报名', route: routes.mySignups },
          { id: 'inbox', label: '消息', route: routes.inbox },
          { id: 'my-data', label: '我的资料', route: routes.myData },
        ],
      },
      {
        id: 'organization',
        title: '志愿服务组织',
        entries: [
          { id: 'org-mine', label: '我的组织', route: routes.orgMine },
          { id: 'org-register', label: '注册组织', route: routes.orgRegister },
        ],
      },
    );
  }
  if ((view.kind === 'registered' || view.kind === 'unregistered') && view.isPlatformAdmin) {
    sections.push({ id: 'admin', title: '平台管理', entries: [{ id: 'admin-review', label: '组织审核', route: routes.adminReview }] });
  }
  return sections;
}
