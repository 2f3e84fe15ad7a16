// The code each function instance runs in its worker thread. It is a string (run with `eval: true`) so that the
// runtime works the same from TypeScript sources (tests) and from the built emulator.
//
// Like an SCF instance, a worker serves one invocation at a time and keeps the loaded module warm between them.
// Worker threads have their own copy of `process.env`, so setting the WeChat context of one invocation here never
// leaks into another running at the same moment in another worker.
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const PER_INVOCATION_KEYS = workerData.perInvocationKeys;
let mod;
let initError;
// SCF's initialisation phase: the module is loaded once, before the first invocation and outside its timeout.
try {
  mod = require(workerData.entry);
} catch (e) {
  initError = e;
}
parentPort.postMessage({ type: 'ready' });
function load() {
  if (initError) throw initError;
  return mod;
}
parentPort.on('message', async (msg) => {
  if (msg.type === 'describe') {
    try {
      const m = load();
      parentPort.postMessage({ type: 'described', actions: Array.isArray(m.actions) ? m.actions : [] });
    } catch (e) {
      parentPort.postMessage({ type: 'described', actions: [], error: String(e && e.stack || e) });
    }
    return;
  }
  if (msg.type !== 'invoke') return;
  for (const k of PER_INVOCATION_KEYS) delete process.env[k];
  Object.assign(process.env, msg.env);
  try {
    const m = load();
    if (typeof m.main !== 'function') throw new Error('function has no exported main(event, context)');
    const value = await m.main(msg.event, msg.context);
    // CloudBase serialises the return value as JSON; undefined becomes null.
    const json = value === undefined ? 'null' : JSON.stringify(value);
    parentPort.postMessage({ type: 'result', id: msg.id, json });
  } catch (e) {
    const err = e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e && e.errMsg || JSON.stringify(e)) };
    parentPort.postMessage({ type: 'error', id: msg.id, error: err });
  }
});
`;
