// Test fixtures of the project function: a complete publish form, shifts relative to a given instant. Tests only.
import type { ProjectInput } from '../../typings/project-actions';

/** A form RULES §3 accepts, with one shift on 5 December 2026 (09:00–11:30 in Shanghai). */
export function validInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    title: '社区助老陪伴',
    category: 'community',
    serviceObjects: ['elderly'],
    content: '陪伴社区独居老人聊天、读报',
    conditions: { skills: [], scope: 'open', minorsAllowed: false },
    place: { address: '福州市鼓楼区五四路100号', longitude: 119.3, latitude: 26.08, regionCode: '350102', checkinRadiusM: 300 },
    risk: { disclosure: '无明显风险，注意交通安全', risky: false },
    contact: { name: '王五', phone: '13900001111' },
    approvalMode: 'automatic',
    shifts: [{ startsAt: '2026-12-05T01:00:00Z', endsAt: '2026-12-05T03:30:00Z', places: 10 }],
    ...overrides,
  };
}


/** A form whose one shift starts `daysAhead` days from `now` at 09:00 Shanghai (01:00 UTC) and lasts 2.5 h. */
export function formStartingIn(now: Date, daysAhead: number, overrides: Partial<ProjectInput> = {}): ProjectInput {
  // 09:00 Shanghai on the Shanghai calendar day `daysAhead` from now (the day discovery's date filters count in): from
  // 16:00 UTC the UTC date is a day behind Shanghai's.
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const day = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + daysAhead, 1, 0));
  const end = new Date(day.getTime() + 150 * 60_000);
  return validInput({ shifts: [{ startsAt: day.toISOString(), endsAt: end.toISOString(), places: 10 }], ...overrides });
}

/** The shift document id of a project's n-th shift (in start order), as the project function writes it. */
export const shiftOf = (projectId: string, n: number): string => `${projectId}-${n}`;
