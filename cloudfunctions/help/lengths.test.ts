// The help function's text limits through the emulator and the stock SDK, counted as a person counts characters and
// as the pages count them (domain/help-rules.ts): an emoji or 𠀀 is one character though it is two UTF-16 units —
// on the schemas' limits (zod) and on the handlers' (a note's, a reason's lower bound). At a limit in astral
// characters the text is taken and stored as typed; one character more is refused and nothing changes.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { HELP_LIMITS } from '../../miniprogram/domain/help-rules';
import { functionEnv } from '../organization/test-support';
import type { HelpRequestDoc } from '../_shared/documents/help';
import { docOf, docsOf, okData, person, platformAdmin, responder, spot, submission, submissionAt } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

/** `n` characters alternating 𠀀 and 😀: 2n UTF-16 units. */
const astral = (n: number): string => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '𠀀' : '😀')).join('');
const refusal = (res: { ok: boolean; error?: { code: string; field?: string } }) => (res.ok ? 'ok' : `${res.error!.code} ${res.error!.field ?? ''}`.trim());
const needDoc = async (id: string) => (await docOf<HelpRequestDoc>(emu, 'helpRequests', id))!;

const [WHAT_MIN, WHAT_MAX] = HELP_LIMITS.whatChars; // 6–300
const NOTE_MAX = HELP_LIMITS.noteChars[1]; // 200, from 2
const { descriptionMaxChars: DESCRIPTION_MAX, addressMaxChars: ADDRESS_MAX, contactNameMaxChars: NAME_MAX } = HELP_LIMITS; // 50, 200, 30
const { completeNoteMaxChars: COMPLETE_MAX, commentMaxChars: COMMENT_MAX } = HELP_LIMITS; // 200, 100

describe('help.submit', () => {
  it('takes a need at every text limit in astral characters and stores it as typed', async () => {
    const requester = await person(emu);
    const base = submission();
    const request = {
      ...base,
      what: astral(WHAT_MAX),
      forWhom: { ...base.forWhom, description: astral(DESCRIPTION_MAX) },
      place: { ...base.place, address: astral(ADDRESS_MAX) },
      contact: { ...base.contact, name: astral(NAME_MAX) },
    };
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', request));
    const stored = await needDoc(helpRequestId);
    expect([stored.what, stored.forWhom.description, stored.place.address]).toEqual([astral(WHAT_MAX), astral(DESCRIPTION_MAX), astral(ADDRESS_MAX)]);
    const mine = okData(await requester.as.call('help', 'mine', {})).items[0]!;
    expect(mine.contact.name).toBe(astral(NAME_MAX));
  });

  it('refuses one character more, and a what as long as the minimum in UTF-16 units but half as many characters, storing nothing', async () => {
    const requester = await person(emu);
    const base = submission();
    const cases: Array<[string, object]> = [
      ['BAD_REQUEST what', { what: astral(WHAT_MAX + 1) }],
      ['BAD_REQUEST what', { what: astral(WHAT_MIN / 2) }],
      ['BAD_REQUEST forWhom.description', { forWhom: { ...base.forWhom, description: astral(DESCRIPTION_MAX + 1) } }],
      ['BAD_REQUEST place.address', { place: { ...base.place, address: astral(ADDRESS_MAX + 1) } }],
      ['BAD_REQUEST contact.name', { contact: { ...base.contact, name: astral(NAME_MAX + 1) } }],
    ];
    const answers = [];
    for (const [, over] of cases) answers.push(refusal(await requester.as.call('help', 'submit', { ...base, ...over })));
    expect(answers).toEqual(cases.map(([expected]) => expected));
    expect(await docsOf(emu, 'helpRequests', { requesterUserId: requester.userId })).toEqual([]);
    expect(await docsOf(emu, 'helpRequesters', { _id: requester.userId })).toEqual([]);
  });
});

describe('verify, decline, complete and rate', () => {
  it('a note or a reason of one astral character is too short; 200 fit; 201 are refused — the need unchanged until it fits', async () => {
    const here = spot();
    const org = await responder(emu, here);
    const requester = await person(emu);
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here)));
    const verify = (note: string) => platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note });
    expect(refusal(await verify('𠀀'))).toBe('HELP_INVALID note');
    expect(refusal(await verify(astral(NOTE_MAX + 1)))).toBe('BAD_REQUEST note');
    expect((await needDoc(helpRequestId)).status).toBe('pending');
    expect(okData(await verify(` ${astral(NOTE_MAX)} `))).toEqual(expect.objectContaining({ status: 'dispatched', offeredTo: 1 }));
    expect((await needDoc(helpRequestId)).verification?.note).toBe(astral(NOTE_MAX));

    const decline = (reason: string) => org.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: org.orgId, decision: 'decline', reason });
    expect(refusal(await decline('😀'))).toBe('REASON_REQUIRED reason');
    expect(refusal(await decline(astral(NOTE_MAX + 1)))).toBe('BAD_REQUEST reason');
    expect((await needDoc(helpRequestId)).declines).toEqual([]);
    expect(okData(await decline(astral(NOTE_MAX)))).toEqual({ helpRequestId, status: 'unmatched' });
    expect((await needDoc(helpRequestId)).declines.map((d) => d.reason)).toEqual([astral(NOTE_MAX)]);
  });

  it('a completion note of 200 and a comment of 100 astral characters are taken, one more refused', async () => {
    const here = spot();
    const org = await responder(emu, here);
    const requester = await person(emu);
    const { helpRequestId } = okData(await requester.as.call('help', 'submit', submissionAt(here)));
    okData(await platformAdmin(emu).call('help', 'verify', { helpRequestId, decision: 'verify', method: 'call', note: '已电话联系王阿姨本人，情况属实' }));
    okData(await org.admin.as.call('help', 'answerOffer', { helpRequestId, orgId: org.orgId, decision: 'accept' }));

    const complete = (note: string) => org.admin.as.call('help', 'complete', { helpRequestId, note });
    expect(refusal(await complete(astral(COMPLETE_MAX + 1)))).toBe('BAD_REQUEST note');
    expect((await needDoc(helpRequestId)).status).toBe('accepted');
    expect(okData(await complete(astral(COMPLETE_MAX)))).toEqual({ helpRequestId, status: 'served' });
    expect((await needDoc(helpRequestId)).servedNote).toBe(astral(COMPLETE_MAX));

    const rate = (comment: string) => requester.as.call('help', 'rate', { helpRequestId, stars: 5, comment });
    expect(refusal(await rate(astral(COMMENT_MAX + 1)))).toBe('BAD_REQUEST comment');
    expect((await needDoc(helpRequestId)).status).toBe('served');
    okData(await rate(astral(COMMENT_MAX)));
    expect((await needDoc(helpRequestId)).rating).toEqual(expect.objectContaining({ stars: 5, comment: astral(COMMENT_MAX) }));
  });
});
