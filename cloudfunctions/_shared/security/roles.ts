// Platform admins are designated by configuration: a comma-separated list of OPENIDs in the function's environment
// variable PLATFORM_ADMIN_OPENIDS (CloudBase console → function → 环境变量, or cloudbaserc.json).
export function platformAdminOpenids(env: NodeJS.ProcessEnv): Set<string> {
  return new Set(
    (env.PLATFORM_ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
