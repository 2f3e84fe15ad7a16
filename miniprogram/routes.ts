// Page paths in one place, so a moved page breaks one line.
export const routes = {
  discover: '/pages/discover/index',
  hours: '/pages/hours/index',
  me: '/pages/me/index',
  // Built in later issues.
  register: '/pages/register/index',
  platformAdmin: '/pages/admin/index',
} as const;
