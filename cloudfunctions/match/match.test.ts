// The match function through the emulator and the stock SDK: suggestions (masked, eligible only, never the signed
// up), invitations (one per person per shift, the weekly cap, also when invites race), the series proposal sent as
// invitations, and the invited volunteer's view of an invitation through to signing up.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { invitationIdOf } from '../_shared/matching/invitations';
import { shiftFactsOf, shiftWithProject } from './store';

const HOUR = 3600_000;
let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const volunteer = (name = '张三丰'): Promise<Volunteer> => registerVolunteer(emu, `openid-match-${++people}`, name);

/** A verified organization's recruiting project with `count` shifts one day apart, 48 hours from now. */
async function world(options: { count?: number; places?: number; seriesId?: string; project?: Parameters<typeof projectDoc>[1] } = {}) {
  const admin = await volunteer('管理员');
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId, options.project);
  const now = Date.now();
  const shifts = Array.from({ length: options.count ?? 1 }, (_, i) =>
    shiftDoc(project, {
      startsAt: new Date(now + (48 + 24 * i) * HOUR),
      endsAt: new Date(now + (50 + 24 * i) * HOUR),
      places: options.places ?? 5,
      ...(options.seriesId ? { seriesId: options.seriesId } : {}),
    }),
  );
  await publish(emu, project, shifts);
  return { admin, orgId, project, shifts };
}

async function docsOf(collection: string, where: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const res = (await serverSdk(emu).database().collection(collection).where(where).limit(100).get()) as unknown as { data: Array<Record<string, unknown>> };
  return res.data;
}

function okData<T>(res: { ok: true; data: T } | { ok: false; error: { code: string } }): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}`);
  return res.data;
}

describe('match.suggest', () => {
  it('suggests eligible volunteers with masked names and reasons, never one who signed up, and only to the admins', async () => {
    const { admin, shifts } = await world();
    const [signedUp, candidate] = [await volunteer('李四光'), await volunteer('欧阳娜娜')];
    okData(await signedUp.as.call('signup', 'signup', { shiftId: shifts[0]!._id }));

    const answer = okData(await admin.as.call('match', 'suggest', { shiftId: shifts[0]!._id }));
    const ids = answer.suggestions.map((s) => s.candidateId);
    expect(ids).toContain(candidate.userId);
    expect(ids).not.toContain(signedUp.userId);
    const shown = answer.suggestions.find((s) => s.candidateId === candidate.userId)!;
    expect(shown).toEqual(expect.objectContaining({ nameMasked: '欧***', invitesLeft: 3 }));
    expect(shown.invitedAt).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain('欧阳娜娜');
    expect(answer.shift).toEqual(expect.objectContaining({ shiftId: shifts[0]!._id, places: 5, placesLeft: 4 }));

    const stranger = await volunteer();
    expect(await stranger.as.call('match', 'suggest', { shiftId: shifts[0]!._id })).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(await admin.as.call('match', 'suggest', { shiftId: 'no-such-shift' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'SHIFT_NOT_FOUND' }) });
  });

  it('leaves out whoever could not join: a skill the project asks for is missing', async () => {
    const { admin, shifts } = await world({ project: { conditions: { skills: ['first_aid'] } } });
    const withoutSkill = await volunteer();
    const answer = okData(await admin.as.call('match', 'suggest', { shiftId: shifts[0]!._id }));
    expect(answer.suggestions.map((s) => s.candidateId)).not.toContain(withoutSkill.userId);
    // Every volunteer registerVolunteer makes lacks the skill: nobody at all is suggested.
    expect(answer.suggestions).toEqual([]);
  });

  it('refuses a shift nobody can join any more', async () => {
    const { admin, shifts } = await world({ places: 1 });
    okData(await (await volunteer()).as.call('signup', 'signup', { shiftId: shifts[0]!._id }));
    expect(await admin.as.call('match', 'suggest', { shiftId: shifts[0]!._id })).toEqual({ ok: false, error: expect.objectContaining({ code: 'SHIFT_CLOSED' }) });
  });

  it('refuses bad input', async () => {
    const admin = await volunteer();
    expect(await admin.as.call('match', 'suggest', { shiftId: '' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) });
    const raw = await admin.as.raw('match', { action: 'invite', invitations: [] });
    expect(raw.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) });
  });
});

describe('match.invite', () => {
  it('sends one message with a one-tap sign-up link; inviting again changes nothing', async () => {
    const { admin, project, shifts } = await world();
    const v = await volunteer();
    const pair = { shiftId: shifts[0]!._id, candidateId: v.userId };
    expect(okData(await admin.as.call('match', 'invite', { invitations: [pair] }))).toEqual({ results: [{ ...pair, outcome: 'invited' }], invited: 1 });
    expect(okData(await admin.as.call('match', 'invite', { invitations: [pair] }))).toEqual({ results: [{ ...pair, outcome: 'alreadyInvited' }], invited: 0 });

    const messages = await docsOf('notifications', { recipientUserId: v.userId, kind: 'match.invited' });
    expect(messages).toHaveLength(1);
    const invitationId = invitationIdOf(shifts[0]!._id, v.userId);
    expect(messages[0]!.link).toBe(`/project/signup/index?projectId=${encodeURIComponent(project._id)}&shiftId=${encodeURIComponent(shifts[0]!._id)}&invitationId=${encodeURIComponent(invitationId)}`);
    expect(await docsOf('inviteLedgers', { _id: v.userId })).toEqual([expect.objectContaining({ count: 1 })]);

    // The suggestion now says so.
    const shown = okData(await admin.as.call('match', 'suggest', { shiftId: shifts[0]!._id })).suggestions.find((s) => s.candidateId === v.userId);
    expect(shown).toEqual(expect.objectContaining({ invitesLeft: 2, invitedAt: expect.any(String) }));
  });

  it('holds the weekly cap: the fourth invitation of a week is refused', async () => {
    const { admin, shifts } = await world({ count: 4 });
    const v = await volunteer();
    const answer = okData(await admin.as.call('match', 'invite', { invitations: shifts.map((s) => ({ shiftId: s._id, candidateId: v.userId })) }));
    expect(answer.results.map((r) => r.outcome)).toEqual(['invited', 'invited', 'invited', 'weeklyCap']);
    expect(await docsOf('notifications', { recipientUserId: v.userId, kind: 'match.invited' })).toHaveLength(3);
    // Capped people are not suggested for other shifts this week.
    const other = okData(await admin.as.call('match', 'suggest', { shiftId: shifts[3]!._id }));
    expect(other.suggestions.map((s) => s.candidateId)).not.toContain(v.userId);
  });

  it('holds the cap when admins invite the same person at once', async () => {
    const { admin, shifts } = await world({ count: 6 });
    const v = await volunteer();
    // Two devices of the organization's admins: six invites of one person to six shifts, all at once.
    const devices = [admin.as, caller(emu, admin.openid)];
    const answers = await Promise.all(shifts.map((s, i) => devices[i % 2]!.call('match', 'invite', { invitations: [{ shiftId: s._id, candidateId: v.userId }] })));
    const outcomes = answers.map((a) => okData(a).results[0]!.outcome);
    expect(outcomes.filter((o) => o === 'invited')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'weeklyCap')).toHaveLength(3);
    expect(await docsOf('matchInvitations', { userId: v.userId })).toHaveLength(3);
    expect(await docsOf('notifications', { recipientUserId: v.userId, kind: 'match.invited' })).toHaveLength(3);
    expect(await docsOf('inviteLedgers', { _id: v.userId })).toEqual([expect.objectContaining({ count: 3 })]);
  });

  it('refuses whoever signed up already, and strangers', async () => {
    const { admin, shifts } = await world();
    const v = await volunteer();
    okData(await v.as.call('signup', 'signup', { shiftId: shifts[0]!._id }));
    const pair = { shiftId: shifts[0]!._id, candidateId: v.userId };
    expect(okData(await admin.as.call('match', 'invite', { invitations: [pair] })).results).toEqual([{ ...pair, outcome: 'notEligible' }]);
    expect(await v.as.call('match', 'invite', { invitations: [pair] })).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(await docsOf('matchInvitations', { userId: v.userId })).toEqual([]);
  });
});

describe('an invitation, from the volunteer\'s side', () => {
  it('is open until they sign up through the ordinary sign-up, then accepted; nobody else sees it', async () => {
    const { admin, shifts } = await world();
    const v = await volunteer();
    okData(await admin.as.call('match', 'invite', { invitations: [{ shiftId: shifts[0]!._id, candidateId: v.userId }] }));
    const invitationId = invitationIdOf(shifts[0]!._id, v.userId);
    expect(okData(await v.as.call('match', 'invitation', { invitationId }))).toEqual(expect.objectContaining({ shiftId: shifts[0]!._id, state: 'open' }));
    expect(await admin.as.call('match', 'invitation', { invitationId })).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVITATION_NOT_FOUND' }) });

    expect(okData(await v.as.call('signup', 'signup', { shiftId: shifts[0]!._id }))).toEqual(expect.objectContaining({ status: 'confirmed' }));
    expect(okData(await v.as.call('match', 'invitation', { invitationId })).state).toBe('accepted');
  });

  it('expires when the shift fills', async () => {
    const { admin, shifts } = await world({ places: 1 });
    const [invited, other] = [await volunteer(), await volunteer()];
    okData(await admin.as.call('match', 'invite', { invitations: [{ shiftId: shifts[0]!._id, candidateId: invited.userId }] }));
    okData(await other.as.call('signup', 'signup', { shiftId: shifts[0]!._id }));
    expect(okData(await invited.as.call('match', 'invitation', { invitationId: invitationIdOf(shifts[0]!._id, invited.userId) })).state).toBe('expired');
  });
});

describe('match.seriesProposal', () => {
  it('proposes an assignment that fills the series within everyone\'s cap, and sends it as invitations', async () => {
    const seriesId = `series_${Date.now().toString(36)}`;
    const { admin, shifts } = await world({ count: 3, places: 2, seriesId });
    // Three people invited elsewhere just now, and seven never invited.
    const elsewhere = await world({ count: 1 });
    const recent = [await volunteer(), await volunteer(), await volunteer()];
    okData(await elsewhere.admin.as.call('match', 'invite', { invitations: recent.map((r) => ({ shiftId: elsewhere.shifts[0]!._id, candidateId: r.userId })) }));
    for (let i = 0; i < 7; i++) await volunteer();
    const proposal = okData(await admin.as.call('match', 'seriesProposal', { seriesId }));
    expect(proposal.shifts.map((s) => s.shiftId)).toEqual(shifts.map((s) => s._id));
    expect(proposal).toEqual(expect.objectContaining({ placesLeft: 6, filled: 6, optimal: true }));
    for (const s of proposal.shifts) {
      expect(s.proposed).toHaveLength(2);
      expect(new Set(s.proposed.map((p) => p.candidateId)).size).toBe(2);
      for (const p of s.proposed) expect(p.nameMasked).toMatch(/\*/);
    }
    const pairs = proposal.shifts.flatMap((s) => s.proposed.map((p) => ({ shiftId: s.shiftId, candidateId: p.candidateId })));
    const perPerson = new Map<string, number>();
    for (const p of pairs) perPerson.set(p.candidateId, (perPerson.get(p.candidateId) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(3);
    // Everyone here fits alike and more than six were never invited: the proposal leaves out everyone invited
    // before (their recent invitations cost more), among them the three invited just now.
    const ledgers = (await serverSdk(emu).database().collection('inviteLedgers').orderBy('_id', 'asc').limit(100).get()) as unknown as { data: Array<{ _id: string }> };
    const invitedBefore = new Set(ledgers.data.map((l) => l._id));
    for (const r of recent) expect(invitedBefore.has(r.userId)).toBe(true);
    for (const id of perPerson.keys()) expect(invitedBefore.has(id)).toBe(false);

    const sent = okData(await admin.as.call('match', 'invite', { invitations: pairs }));
    expect(sent.invited).toBe(6);
    // Sent: a second proposal offers none of the same pairs again.
    const again = okData(await admin.as.call('match', 'seriesProposal', { seriesId }));
    const repeated = again.shifts.flatMap((s) => s.proposed.map((p) => `${s.shiftId}/${p.candidateId}`));
    for (const p of pairs) expect(repeated).not.toContain(`${p.shiftId}/${p.candidateId}`);
  });

  it('answers SERIES_NOT_FOUND for an unknown series and FORBIDDEN to strangers', async () => {
    const seriesId = `series_x_${Date.now().toString(36)}`;
    await world({ count: 2, seriesId });
    const stranger = await volunteer();
    expect(await stranger.as.call('match', 'seriesProposal', { seriesId })).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    expect(await stranger.as.call('match', 'seriesProposal', { seriesId: 'nothing-here' })).toEqual({ ok: false, error: expect.objectContaining({ code: 'SERIES_NOT_FOUND' }) });
  });
});

describe('store', () => {
  it('a shift’s facts carry the project’s place as the SDK reads it back (its Point class, not GeoJSON)', async () => {
    const { project, shifts } = await world();
    const db = serverSdk(emu).database();
    const stored = await shiftWithProject(db, shifts[0]!._id);
    expect(Array.isArray((stored!.project.place.location as { coordinates?: unknown }).coordinates)).toBe(false);
    const facts = (await shiftFactsOf(db, stored!.project, [stored!.shift])).get(shifts[0]!._id)!;
    const [longitude, latitude] = project.place.location.coordinates;
    expect(facts.location).toEqual({ longitude, latitude });
  });
});
