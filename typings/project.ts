// Shared words of projects and sign-up (issue 8). Rules: shared/docs/RULES.md §3, §10.
// The action contracts live in typings/project-actions.ts (publishing, discovery) and typings/signup.ts (sign-up).

/** Service categories as the national system lists them (RULES §10), codes kept as versioned data in code-lists. */
export type ServiceCategoryCode = string;
/** Service objects (RULES §10). */
export type ServiceObjectCode = string;

/**
 * draft → submitted (platform review, when required) → recruiting → in_progress → finished; cancelled from any
 * state before finished. `rejected` returns a submitted project to its organization with a reason.
 */
export type ProjectStatus = 'draft' | 'submitted' | 'rejected' | 'recruiting' | 'in_progress' | 'finished' | 'cancelled';

/** Who may sign up (RULES §3): open to all / real-name volunteers only / members of a named team / a password. */
export type RecruitmentScope = 'open' | 'real_name' | 'team' | 'password';

/** How a sign-up is approved: at once, by rules (e.g. served this organization before), or by an admin. */
export type ApprovalMode = 'automatic' | 'rules' | 'manual';

/**
 * pending: waiting for an admin's decision; confirmed: holds a place; waitlisted: in line for a place;
 * offered: a freed place is held for them until `offerExpiresAt`; declined / removed: by the organization;
 * withdrawn: by the volunteer (late when after the cut-off); expired: an offer not confirmed in time.
 */
export type SignupStatus = 'pending' | 'confirmed' | 'waitlisted' | 'offered' | 'declined' | 'removed' | 'withdrawn' | 'expired';
