// 消息设置: notify.preferences → switches per kind in the server's groups, quiet hours, the recommendation opt-in and
// the official-account line; each change → the one field savePreferences is sent. Pure, so every rule is tested
// without WeChat.
import type { NotificationKind } from '../../../typings/inbox';
import type { ClockTime, NotificationPreferences, PreferencesResponse, SavePreferencesRequest } from '../../../typings/notify';
import { NOTIFY_PAGE_TEXT as TEXT } from '../../domain/messages';

/** WeChat's default quiet hours (typings/notify.ts), offered when the person turns them on again. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '08:00' } as const;

export interface KindSwitch {
  kind: NotificationKind;
  /** The kind as an element id (`signup.confirmed` → `signup-confirmed`: a dot would read as a class in a selector). */
  slug: string;
  label: string;
  on: boolean;
  urgent: boolean;
  /** What a screen reader says: the label and whether it is on. */
  a11yLabel: string;
}

export interface KindGroup {
  name: string;
  kinds: KindSwitch[];
}

export interface QuietHoursView {
  on: boolean;
  /** Kept while the switch is off, so turning it on again brings back the person's times. */
  start: ClockTime;
  end: ClockTime;
  error: string;
}

export interface SettingsView {
  status: 'loading' | 'error' | 'ready';
  message: string;
  groups: KindGroup[];
  quiet: QuietHoursView;
  recommendations: boolean;
  followText: string;
  follows: boolean;
}

export const loadingSettingsView: SettingsView = {
  status: 'loading',
  message: '',
  groups: [],
  quiet: { on: true, ...DEFAULT_QUIET_HOURS, error: '' },
  recommendations: false,
  followText: '',
  follows: false,
};

// The recommendation opt-in has its own switch (preferences.recommendations); a second one for its kind would say the
// same thing twice.
const OWN_SWITCH: readonly NotificationKind[] = ['project.recommended'];

function switchOf(kind: NotificationKind, label: string, urgent: boolean, on: boolean): KindSwitch {
  return { kind, slug: kind.replace(/\./g, '-'), label, on, urgent, a11yLabel: on ? TEXT.kindOn(label) : TEXT.kindOff(label) };
}

/** The server's answer as the page shows it; groups in the order the server lists their first kind. */
export function toSettingsView(answer: PreferencesResponse, previousQuiet?: QuietHoursView): SettingsView {
  const { preferences, kinds, followsOfficialAccount } = answer;
  const groups: KindGroup[] = [];
  for (const k of kinds) {
    if (OWN_SWITCH.includes(k.kind)) continue;
    let group = groups.find((g) => g.name === k.group);
    if (!group) groups.push((group = { name: k.group, kinds: [] }));
    group.kinds.push(switchOf(k.kind, k.label, k.urgent, !preferences.off.includes(k.kind)));
  }
  const quietTimes = preferences.quietHours ?? (previousQuiet ? { start: previousQuiet.start, end: previousQuiet.end } : DEFAULT_QUIET_HOURS);
  return {
    status: 'ready',
    message: '',
    groups,
    quiet: { on: preferences.quietHours !== null, start: quietTimes.start, end: quietTimes.end, error: '' },
    recommendations: preferences.recommendations,
    followText: followsOfficialAccount ? TEXT.follows : TEXT.notFollowing,
    follows: followsOfficialAccount,
  };
}

/** The kinds shown off, in the page's order (what `off` becomes). */
function offKinds(groups: KindGroup[]): NotificationKind[] {
  return groups.flatMap((g) => g.kinds.filter((k) => !k.on).map((k) => k.kind));
}

export type SettingsChange =
  | { field: 'kind'; kind: NotificationKind; on: boolean }
  | { field: 'quietOn'; on: boolean }
  | { field: 'quietStart' | 'quietEnd'; time: ClockTime }
  | { field: 'recommendations'; on: boolean };

/**
 * A change on screen → the view with it applied and the request that saves it, or the view with the field's error and
 * no request (nothing the server would refuse is sent).
 */
export function applyChange(view: SettingsView, change: SettingsChange, hiddenOff: readonly NotificationKind[] = []): { view: SettingsView; save?: SavePreferencesRequest } {
  switch (change.field) {
    case 'kind': {
      const groups = view.groups.map((g) => ({
        ...g,
        kinds: g.kinds.map((k) => (k.kind === change.kind ? switchOf(k.kind, k.label, k.urgent, change.on) : k)),
      }));
      // Kinds off but not on the page (another device, a kind this page does not list) stay off.
      const off = [...new Set([...offKinds(groups), ...hiddenOff])];
      return { view: { ...view, groups }, save: { off } };
    }
    case 'recommendations':
      return { view: { ...view, recommendations: change.on }, save: { recommendations: change.on } };
    case 'quietOn': {
      const quiet = { ...view.quiet, on: change.on, error: '' };
      if (change.on && quiet.start === quiet.end) return { view: { ...view, quiet: { ...quiet, error: TEXT.quietSame } } };
      return { view: { ...view, quiet }, save: { quietHours: change.on ? { start: quiet.start, end: quiet.end } : null } };
    }
    case 'quietStart':
    case 'quietEnd': {
      const quiet = { ...view.quiet, [change.field === 'quietStart' ? 'start' : 'end']: change.time, error: '' };
      if (!isClockTime(change.time)) return { view };
      if (quiet.start === quiet.end) return { view: { ...view, quiet: { ...quiet, error: TEXT.quietSame } } };
      return { view: { ...view, quiet }, save: quiet.on ? { quietHours: { start: quiet.start, end: quiet.end } } : undefined };
    }
  }
}

/** "HH:mm", 00:00–23:59: what the time picker gives and the server takes. */
export function isClockTime(value: string): boolean {
  return /^(?:[01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** Kinds the saved preferences turn off that the page shows no switch for. */
export function hiddenOffKinds(preferences: NotificationPreferences, view: SettingsView): NotificationKind[] {
  const shown = new Set(view.groups.flatMap((g) => g.kinds.map((k) => k.kind)));
  return preferences.off.filter((k) => !shown.has(k));
}

/** The message under quiet hours (the server's, which says which time is wrong), or the toast, when a save is refused. */
export function refusalText(code: string, message: string): { quietError: string } | { toast: string } {
  if (code === 'BAD_QUIET_HOURS') return { quietError: message || TEXT.badQuietHours };
  return { toast: message || TEXT.saveFailed };
}
