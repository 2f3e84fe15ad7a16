// What the function log may say about a failure: its class and its error code, nothing else. An SDK error's message
// echoes the query or document it failed on (a search keyword, a phone number), so message text — the SDK's or the
// payload's — never reaches the log.

/** An identifier-like token, so an error's name or code cannot smuggle free text into the log. */
const TOKEN = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$|^-?\d{1,12}$/;

function tokenOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && TOKEN.test(value) ? value : undefined;
}

/** `Error`, `TypeError`, the SDK's class…; `non-error <type>` for a thrown non-object. */
function classOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return `non-error ${typeof e}`;
  const name = tokenOf((e as { constructor?: { name?: unknown } }).constructor?.name) ?? tokenOf((e as { name?: unknown }).name);
  return name ?? 'object';
}

/** The fixed shape logged for a failure of action `action`: `[action] failed: <class> errCode=<code> code=<code>`. */
export function failureLogLine(action: string, e: unknown): string {
  const parts = [`[${tokenOf(action) ?? 'action'}] failed: ${classOf(e)}`];
  if (typeof e === 'object' && e !== null) {
    const errCode = tokenOf((e as { errCode?: unknown }).errCode);
    const code = tokenOf((e as { code?: unknown }).code);
    if (errCode !== undefined) parts.push(`errCode=${errCode}`);
    if (code !== undefined) parts.push(`code=${code}`);
  }
  return parts.join(' ');
}

/** Log a failure in the fixed shape. */
export function logFailure(action: string, e: unknown): void {
  console.error(failureLogLine(action, e));
}
