// Who receives which kind, and what savePreferences may change for whom: pure, over every kind and every mix of roles.
import fc from 'fast-check';
import type { NotificationKind } from '../../../typings/inbox';
import { AUDIENCE_TEXT, KIND_AUDIENCE, kindApplies, NO_ROLES, type Roles } from './audiences';
import { ALL_KINDS, KIND_INFO } from './kinds';
import { applyPreferences, DEFAULT_PREFERENCES } from './preferences';

const anyone: Roles = { ...NO_ROLES, anyone: true };
const volunteer: Roles = { ...anyone, volunteer: true };
const orgAdmin: Roles = { ...volunteer, orgAdmin: true };
const verifiedOrgAdmin: Roles = { ...orgAdmin, verifier: true };
const platformAdmin: Roles = { ...anyone, verifier: true, platformAdmin: true };
const kindsFor = (roles: Roles) => ALL_KINDS.filter((k) => kindApplies(k, roles));

test('every kind names whom it reaches', () => {
  expect(Object.keys(KIND_AUDIENCE).sort()).toEqual([...ALL_KINDS].sort());
  for (const audience of Object.values(KIND_AUDIENCE)) expect(AUDIENCE_TEXT[audience]).toBeTruthy();
});

// The 组织 kinds addressed to the person acting on an organization rather than to its admins.
const ORGANIZATION_KINDS_FOR_ANYONE: NotificationKind[] = ['org.joinDecided', 'org.applicationExpired', 'org.claimDecided', 'org.adminsReplaced', 'org.handOverOffered', 'org.handOverAccepted', 'org.dissolved'];

test('of the 组织 and 平台 groups a volunteer who holds no other role hears only what is addressed to them', () => {
  const mine = kindsFor(volunteer);
  expect(mine.filter((k) => KIND_INFO[k].group === '组织' || KIND_INFO[k].group === '平台').sort()).toEqual([...ORGANIZATION_KINDS_FOR_ANYONE].sort());
  expect(mine).toEqual(expect.arrayContaining(['signup.confirmed', 'hours.confirmed', 'certificate.issued', 'reminder.shift2h', 'match.invited']));
});

// What reaches whoever asked for help: any account may ask, registered or not (help.submit).
const REQUESTER_KINDS: NotificationKind[] = ['help.verified', 'help.rejected', 'help.accepted', 'help.unmatched', 'help.served', 'help.expired'];

test('an applicant, a claimant, a member offered the admin role or a requester of help can switch what reaches them, registered or not', () => {
  expect(kindsFor(anyone).sort()).toEqual([...ORGANIZATION_KINDS_FOR_ANYONE, ...REQUESTER_KINDS].sort());
  expect(kindsFor(NO_ROLES)).toEqual([]);
});

test('help kinds: the requester’s for anyone, urgent needs for every volunteer, offers and ratings for admins, verification for verifiers', () => {
  const admins: NotificationKind[] = ['help.offered', 'help.offerClosed', 'help.rated'];
  expect(kindsFor(anyone)).not.toContain('help.urgentNearby');
  expect(kindsFor(volunteer)).toEqual(expect.arrayContaining([...REQUESTER_KINDS, 'help.urgentNearby']));
  for (const k of [...admins, 'help.awaitingVerification' as const]) expect(kindsFor(volunteer)).not.toContain(k);
  expect(kindsFor(orgAdmin)).toEqual(expect.arrayContaining(admins));
  // An admin of an organization not yet verified offers help but does not verify needs.
  expect(kindsFor(orgAdmin)).not.toContain('help.awaitingVerification');
  expect(kindsFor(verifiedOrgAdmin)).toContain('help.awaitingVerification');
  expect(kindsFor(platformAdmin)).toContain('help.awaitingVerification');
});

test('platform kinds reach platform admins only; an organization’s kinds reach its admins, a project’s review too', () => {
  expect(kindsFor(verifiedOrgAdmin)).not.toContain('hours.totalsDifference');
  expect(kindsFor(platformAdmin)).toContain('hours.totalsDifference');
  // A platform admin who runs no organization and never registered hears neither the 组织 nor a volunteer's kinds.
  expect(kindsFor(platformAdmin)).not.toContain('org.joinRequested');
  expect(kindsFor(platformAdmin)).not.toContain('signup.confirmed');
  for (const k of ['org.joinRequested', 'digest.orgDaily', 'signup.awaitingApproval', 'project.reviewed', 'project.coverRejected'] as const) expect(kindsFor(orgAdmin)).toContain(k);
});

test('more roles never take a kind away (each role adds its own kinds)', () => {
  const roles = fc.record({ anyone: fc.boolean(), volunteer: fc.boolean(), orgAdmin: fc.boolean(), verifier: fc.boolean(), platformAdmin: fc.boolean() });
  fc.assert(
    fc.property(roles, roles, (a, b) => {
      const union: Roles = { anyone: a.anyone || b.anyone, volunteer: a.volunteer || b.volunteer, orgAdmin: a.orgAdmin || b.orgAdmin, verifier: a.verifier || b.verifier, platformAdmin: a.platformAdmin || b.platformAdmin };
      const all = new Set(kindsFor(union));
      return kindsFor(a).every((k) => all.has(k));
    }),
  );
});

describe('applyPreferences with the kinds that reach the person', () => {
  const asVolunteer = (k: NotificationKind) => kindApplies(k, volunteer);

  test('a kind that never reaches them cannot be turned off, and nothing changes', () => {
    expect(applyPreferences(DEFAULT_PREFERENCES, { off: ['hours.confirmed', 'org.joinRequested'], recommendations: true }, asVolunteer)).toEqual({
      ok: false,
      refusal: { code: 'KIND_NOT_RECEIVED', field: 'off', kind: 'org.joinRequested' },
    });
    expect(applyPreferences(DEFAULT_PREFERENCES, { off: ['hours.confirmed'] }, asVolunteer)).toEqual({ ok: true, value: { ...DEFAULT_PREFERENCES, off: ['hours.confirmed'] } });
  });

  test('a kind turned off while it reached them (a former admin) stays off, whether or not the change repeats it', () => {
    const former = { ...DEFAULT_PREFERENCES, off: ['digest.orgDaily', 'hours.confirmed'] as NotificationKind[] };
    // The page sends what it shows plus what it keeps hidden.
    expect(applyPreferences(former, { off: ['digest.orgDaily'] }, asVolunteer)).toMatchObject({ ok: true, value: { off: ['digest.orgDaily'] } });
    // Another client sends only the kinds it lists: the hidden one is not turned back on.
    expect(applyPreferences(former, { off: [] }, asVolunteer)).toMatchObject({ ok: true, value: { off: ['digest.orgDaily'] } });
    expect(applyPreferences(former, { off: ['signup.confirmed'] }, asVolunteer)).toMatchObject({ ok: true, value: { off: ['signup.confirmed', 'digest.orgDaily'] } });
  });

  test('compulsory kinds are refused as before, whoever asks', () => {
    expect(applyPreferences(DEFAULT_PREFERENCES, { off: ['claim.decided'] }, asVolunteer)).toMatchObject({ ok: false, refusal: { code: 'BAD_REQUEST', kind: 'claim.decided' } });
  });
});
