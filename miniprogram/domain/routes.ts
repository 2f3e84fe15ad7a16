// Every page path, declared once. The mini-program navigates with these and the server builds its message links
// (notifications, invitation share paths) from them, so moving a page changes one line here and app.json;
// miniprogram/layout.test.ts holds the two in step. Pure: no wx, so cloud functions bundle it.
export const routes = {
  // The tab pages, in the main package.
  discover: '/pages/discover/index',
  hours: '/pages/hours/index',
  me: '/pages/me/index',
  // Subpackages by journey (app.json subPackages): a volunteer's own pages, an organization's, the platform admin's.
  register: '/volunteer/register/index',
  card: '/volunteer/card/index',
  myData: '/volunteer/my-data/index',
  inbox: '/volunteer/inbox/index',
  claim: '/volunteer/claim/index',
  mySignups: '/volunteer/signups/index',
  orgRegister: '/org/register/index',
  orgMine: '/org/mine/index',
  orgHome: '/org/home/index',
  orgInvite: '/org/invite/index',
  orgScan: '/org/scan/index',
  orgSignups: '/org/signups/index',
  // A project's pages (issue 8): sign-up for one of its shifts.
  projectSignup: '/project/signup/index',
  adminReview: '/admin/review/index',
  adminClaims: '/admin/claims/index',
  // Local development only (the page does nothing outside local mode): switch the demo identity.
  devIdentity: '/dev/identity/index',
  // Projects (issue 8): a project's detail, opened from 发现, a share card, a poster's code or a message.
  projectDetail: '/project/detail/index',
  orgProjects: '/org/projects/index',
  // 发布项目 / 编辑项目 (?orgId=… for a new one, ?projectId=… to edit or change a published one).
  orgProjectEdit: '/org/project-edit/index',
  // Service hours (issue 9): one record's detail and history (from 我的时长), an organization's confirmation queue.
  hoursRecord: '/volunteer/hours-record/index',
  orgHours: '/org/hours/index',
  // Records made besides on-site sessions (issue 9): a volunteer's declaration, 补录 and hour code; an
  // organization's bulk entry, hour codes and 补录.
  declareHours: '/volunteer/declare/index',
  orgHourEntry: '/org/hour-entry/index',
  // On-site attendance (issue 9): the station an admin shows, the day-of dashboard, the volunteer's check-in.
  orgStation: '/org/station/index',
  orgAttendance: '/org/attendance/index',
  checkin: '/volunteer/checkin/index',
  // The card as an image (issue 10): its mini-program code opens this page with ?scene=<proof>; anyone may open it,
  // registered or not, so it sits in a subpackage of its own.
  verifyCard: '/verify-card/index',
  // Certificates (issue 10): an organization's settings and seal, requests to review, the numbered register.
  orgCertificates: '/org/certificates/index',
  // Certificates (issue 10): one certificate's summary, its PDF to open, save and forward (?certificateId=…).
  certificate: '/pages/certificate/index',
  // Certificates (issue 10): 证明核验, opened by the mini-program code on a certificate (?scene=<number>, the code's
  // page is this path without the leading slash), by ?no=, or typed and scanned.
  verify: '/verify/index',
  // Certificates (issue 10): the organizations I can ask for one and my certificates (证明, from 我的时长).
  certificates: '/volunteer/certificates/index',
  // Notifications (issue 11): 消息设置, from 消息 — kinds, quiet hours, recommendations, the official account.
  notifySettings: '/volunteer/notify-settings/index',
  // Shift reminders (issue 11): the 24-hour reminder opens one sign-up to confirm or release the place (?signupId=).
  placeCheck: '/volunteer/place-check/index',
  // Matching (issue 12): an admin's suggested volunteers for one shift (?shiftId=) and the series assistant (?seriesId=).
  orgSuggest: '/org/suggest/index',
  orgSeries: '/org/series/index',
  // Help requests (issue 12, 求助): submit a need, my needs (?helpRequestId= highlights one), the verifiers' queue
  // (?orgId= verifies for that organization), an organization's offers and 接单设置 (?orgId=), verified needs nearby.
  helpSubmit: '/help/submit/index',
  helpMine: '/help/mine/index',
  helpVerify: '/help/verify/index',
  helpOffers: '/help/offers/index',
  helpPublic: '/help/public/index',
} as const;

export type Route = (typeof routes)[keyof typeof routes];

export const ALL_ROUTES: readonly string[] = Object.values(routes);

/** The tab bar's pages: opened with switchTab, never navigateTo. */
export const TAB_ROUTES: readonly string[] = [routes.discover, routes.hours, routes.me];

/** A page path with its query, values encoded. */
export function withQuery(path: Route, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}

/**
 * A certificate's detail page (issue 10, built by the PDF slice at the agreed path): where 我的证明 and the
 * 证明已开具 message send the volunteer. It joins `routes` when its page does (layout.test.ts holds `routes` to app.json).
 */
export function certificateDetailPath(certificateId: string): string {
  return withQuery(routes.certificate, { certificateId });
}

/** The page a link opens (its query dropped) when it is one of ours; undefined for anything else. */
export function routeOf(link: string): Route | undefined {
  const path = link.split('?')[0]!;
  return ALL_ROUTES.includes(path) ? (path as Route) : undefined;
}
