// How deep an event nests, measured without recursion: an event nested thousands deep would overflow the stack of
// anything recursive that reads it (zod, the request fingerprint, JSON.stringify of the answer) and answer V8's
// English "Maximum call stack size exceeded". CloudBase delivers any JSON event up to 6 MB (SCF Invoke: "Maximum
// parameter size is 6 MB") and documents no nesting limit, so the frame itself refuses past MongoDB's 100 levels —
// the same limit the emulator's doors apply (emulator/README.md, "The emulator's doors").

export const MAX_EVENT_NESTING = 100;

/** Whether `value` holds objects/arrays nested deeper than `max` (the value itself is level 1). Iterative. */
export function nestsDeeperThan(value: unknown, max = MAX_EVENT_NESTING): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
