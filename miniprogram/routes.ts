// Page paths in one place, so a moved page breaks one line.
export const routes = {
  discover: '/pages/discover/index',
  hours: '/pages/hours/index',
  me: '/pages/me/index',
  register: '/pages/register/index',
  card: '/pages/card/index',
  myData: '/pages/my-data/index',
  inbox: '/pages/inbox/index',
  orgRegister: '/pages/org/register/index',
  orgMine: '/pages/org/mine/index',
  orgHome: '/pages/org/home/index',
  orgInvite: '/pages/org/invite/index',
  adminReview: '/pages/admin/review/index',
} as const;

/** The tab bar's pages: opened with switchTab, never navigateTo. */
export const TAB_ROUTES: readonly string[] = [routes.discover, routes.hours, routes.me];

/** A page path with its query, values encoded. */
export function withQuery(path: string, query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
}
