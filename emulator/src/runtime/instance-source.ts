// The code each function instance runs: a child process of its own (`node -e`), so that the instance has its own
// process environment and clock, as an SCF instance has — `TZ` from the function's variables moves `new Date()`'s
// local time, which worker threads sharing one process's ICU could not do. It is a string so that the runtime works
// the same from TypeScript sources (tests) and from the built emulator.
//
// Like an SCF instance it loads the function once (the initialisation phase), then serves one invocation at a time
// and stays warm between them. Every invocation runs inside an AsyncLocalStorage context, so an error thrown by a
// timer or a promise that a finished invocation left behind is told apart from one of the invocation now running:
// the first is only logged, the second fails the invocation it belongs to, and neither ends the instance.
export const INSTANCE_SOURCE = String.raw`
const { AsyncLocalStorage } = require('node:async_hooks');
const als = new AsyncLocalStorage();
const entry = process.env.__EMULATOR_ENTRY;
const perInvocationKeys = (process.env.__EMULATOR_PER_INVOCATION_KEYS || '').split(',');
delete process.env.__EMULATOR_ENTRY;
delete process.env.__EMULATOR_PER_INVOCATION_KEYS;

let current = null; // { id, settled }
function describeError(e) {
  if (e instanceof Error) return { message: e.message, stack: e.stack };
  return { message: String((e && e.errMsg) || (() => { try { return JSON.stringify(e); } catch { return String(e); } })()) };
}
function settle(id, message) {
  if (!current || current.id !== id || current.settled) return false;
  current.settled = true;
  process.send(message);
  return true;
}
// What SCF's Node.js runtime does with an error no code caught: it is written to the function's log, the invocation
// it came from fails, and the instance lives on.
function strayError(kind, e) {
  const store = als.getStore();
  const err = describeError(e);
  console.error(kind + ':', err.stack || err.message);
  if (store) settle(store.id, { type: 'error', id: store.id, error: err, kind });
}
process.on('uncaughtException', (e) => strayError('Uncaught Exception', e));
// The emulator went away (even by kill -9): an instance never outlives it.
process.on('disconnect', () => process.exit(0));
process.on('unhandledRejection', (e) => strayError('Unhandled Promise Rejection', e));

let mod;
let initError;
try {
  mod = require(entry);
} catch (e) {
  initError = e;
}
process.send({ type: 'ready' });
function load() {
  if (initError) throw initError;
  return mod;
}

process.on('message', (msg) => {
  if (msg.type === 'describe') {
    let actions = [];
    try {
      const m = load();
      if (Array.isArray(m.actions)) actions = m.actions;
    } catch {}
    process.send({ type: 'described', actions });
    return;
  }
  if (msg.type !== 'invoke') return;
  for (const k of perInvocationKeys) delete process.env[k];
  Object.assign(process.env, msg.env);
  current = { id: msg.id, settled: false };
  als.run({ id: msg.id }, async () => {
    try {
      const m = load();
      if (typeof m.main !== 'function') throw new Error('function has no exported main(event, context)');
      const value = await m.main(msg.event, msg.context);
      // CloudBase serialises the return value as JSON; undefined becomes null.
      const json = value === undefined ? 'null' : JSON.stringify(value);
      settle(msg.id, { type: 'result', id: msg.id, json });
    } catch (e) {
      settle(msg.id, { type: 'error', id: msg.id, error: describeError(e) });
    }
  });
});
`;
