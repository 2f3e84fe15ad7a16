// 我的: session → what the page shows. Pure, so every state is tested without WeChat. One call (user.session) holds
// everything of the first render: the person, their hours and star, the roles behind the sections and 消息's badge.
import type { AdministeredOrganization, SessionResponse } from '../../../typings/index';
import { hoursText, starText } from '../../common/service-hours';
import { unreadBadgeText } from '../../common/unread';

export type MeView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'unregistered'; isPlatformAdmin: boolean }
  | {
      kind: 'registered';
      /** Masked (张*), as every screen others may glance at shows it. */
      nameMasked: string;
      volunteerNoText: string;
      /** '12.5 小时'; '0 小时' until service is confirmed. */
      hoursText: string;
      /** '' until there is a star. */
      starText: string;
      isPlatformAdmin: boolean;
      /** The verified organizations they administer: 求助核实 and 求助派单 under 志愿服务组织. */
      verifiedOrganizations: AdministeredOrganization[];
    };

export const loadingView: MeView = { kind: 'loading' };

type SessionOutcome = { ok: true; data: SessionResponse } | { ok: false; error: { code: string; message: string } };

export function toMeView(outcome: SessionOutcome): MeView {
  if (!outcome.ok) return { kind: 'error', message: outcome.error.message };
  const session = outcome.data;
  const isPlatformAdmin = session.roles.includes('platformAdmin');
  if (session.registered && session.volunteer) {
    return {
      kind: 'registered',
      nameMasked: session.volunteer.nameMasked,
      volunteerNoText: `志愿者编号 ${session.volunteer.volunteerNo}`,
      hoursText: `${hoursText(session.volunteer.confirmedHours)} 小时`,
      starText: starText(session.volunteer.starLevel),
      isPlatformAdmin,
      verifiedOrganizations: session.verifiedOrganizations ?? [],
    };
  }
  return { kind: 'unregistered', isPlatformAdmin };
}

/**
 * The 消息 entry's badge, for everyone who has the entry (someone unregistered hears how their help request went):
 * '' hides it (nothing unread, or the session failed); 99+ above 99.
 */
export function unreadBadge(outcome: SessionOutcome): string {
  return outcome.ok ? unreadBadgeText(outcome.data.unread) : '';
}

/** Entries of 我的 and where they go, in sections: everyday ones first, then organizations, then administration. */
export interface MeEntry {
  id: string;
  label: string;
  route: string;
}

export interface MeSection {
  id: 'everyday' | 'help' | 'organization' | 'admin' | 'dev';
  /** '' for the everyday section, which needs no heading. */
  title: string;
  entries: MeEntry[];
}

type MeRoutes = Record<
  'card' | 'mySignups' | 'myData' | 'orgMine' | 'inbox' | 'orgRegister' | 'adminReview' | 'adminClaims' | 'claim' | 'devIdentity' | 'helpSubmit' | 'helpMine' | 'helpPublic' | 'helpVerify' | 'helpOffers',
  string
>;

/**
 * 求助 (issue 12): anyone, registered or not, submits needs and follows them, and looks at the verified needs nearby.
 * A platform admin verifies needs from 平台管理; an admin of a verified organization verifies its county's needs and
 * answers its offers from 志愿服务组织 (orgHelpEntries) as well as from its 组织主页.
 *
 * Registered-only sections are left out for everyone else; 平台管理 shows for a platform admin whatever else; 本地调试
 * (switch the demo identity) only in local mode, whatever the session answered, so a wrong identity can be left.
 */
export function sectionsOf(view: MeView, routes: MeRoutes, localMode = false): MeSection[] {
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
      helpSection(routes),
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
  sections.find((s) => s.id === 'organization')?.entries.push(...orgHelpEntries(view, routes));
  if (view.kind === 'unregistered') {
    // Someone whose credential another account holds, or who changed WeChat accounts, gets their record back by a
    // claim; an account whose record moved away reads why in 消息. What the account holds (help requests, messages)
    // is exported or deleted in 我的数据 (the 我的资料 page, without a profile).
    sections.push({
      id: 'everyday',
      title: '',
      entries: [
        { id: 'claim', label: '申诉找回志愿者档案', route: routes.claim },
        { id: 'inbox', label: '消息', route: routes.inbox },
        { id: 'my-data', label: '我的数据', route: routes.myData },
      ],
    });
    sections.push(helpSection(routes));
  }
  if ((view.kind === 'registered' || view.kind === 'unregistered') && view.isPlatformAdmin) {
    sections.push({
      id: 'admin',
      title: '平台管理',
      entries: [
        { id: 'admin-review', label: '组织审核', route: routes.adminReview },
        { id: 'admin-claims', label: '申诉审核', route: routes.adminClaims },
        { id: 'help-verify', label: '求助核实', route: routes.helpVerify },
      ],
    });
  }
  if (localMode && view.kind !== 'loading') {
    sections.push({ id: 'dev', title: '本地调试', entries: [{ id: 'dev-identity', label: '切换演示身份', route: routes.devIdentity }] });
  }
  return sections;
}

/** 求助, the same for everyone: verification, not registration, keeps needs truthful (help.submit). */
function helpSection(routes: MeRoutes): MeSection {
  return {
    id: 'help',
    title: '求助',
    entries: [
      { id: 'help-submit', label: '提交求助', route: routes.helpSubmit },
      { id: 'help-mine', label: '我的求助', route: routes.helpMine },
      { id: 'help-public', label: '身边的求助', route: routes.helpPublic },
    ],
  };
}

/**
 * 求助核实 and 求助派单 for an admin of verified organizations, as help.verify decides who verifies (a verified
 * organization's admin, for its county): one 求助核实 (the queue holds every county of theirs and says for which
 * organization each need is verified), unless 平台管理 already has it; 求助派单 per organization, named when several.
 */
function orgHelpEntries(view: MeView, routes: MeRoutes): MeEntry[] {
  if (view.kind !== 'registered' || view.verifiedOrganizations.length === 0) return [];
  const orgs = view.verifiedOrganizations;
  return [
    ...(view.isPlatformAdmin ? [] : [{ id: 'help-verify', label: '求助核实', route: routes.helpVerify }]),
    ...orgs.map((o) => ({
      id: `help-offers-${o.orgId}`,
      label: orgs.length === 1 ? '求助派单' : `求助派单 · ${o.name}`,
      route: `${routes.helpOffers}?orgId=${encodeURIComponent(o.orgId)}`,
    })),
  ];
}
