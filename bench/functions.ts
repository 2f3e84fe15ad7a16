// `npm run bench` (functions part): what a database request costs from inside a function next to a bare HTTP echo,
// cold and warm invocations, and the throughput of a burst of first calls at several instance caps.
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../emulator/src/config';
import { startEmulator, type Emulator } from '../emulator/src/server';

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function gateway(emu: Emulator, fn: string, openid: string, body: unknown): Promise<any> {
  return fetch(`${emu.gatewayUrl}/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify(body) }).then((r) => r.json());
}

/** A database read from inside a function, a bare HTTP round trip from the same function, and the database's own work. */
async function roundTrips(): Promise<void> {
  const emu = await startEmulator({
    port: 0,
    dataDir: null,
    strict: false,
    functionsDir: path.join(PROJECT_ROOT, 'bench', 'functions'),
    collections: [{ name: 'bench_docs', indexes: [] }],
  });
  await emu.database.handle('database.insertDocument', { collectionName: 'bench_docs', data: [JSON.stringify({ _id: 'd', n: 1 })] });
  const n = 300;
  const work: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await emu.database.handle('database.getDocument', { collectionName: 'bench_docs', queryType: 'DOC', query: JSON.stringify({ _id: 'd' }), limit: 1 });
    work.push(performance.now() - start);
  }
  work.sort((a, b) => a - b);
  // An instance of a function without the SDK: its cold start is the process alone; warm is the gateway's round trip.
  const [, helloCold] = await time(() => gateway(emu, 'hello', 'bench', {}));
  const helloWarm: number[] = [];
  for (let i = 0; i < 50; i++) helloWarm.push((await time(() => gateway(emu, 'hello', 'bench', {})))[1]);
  helloWarm.sort((a, b) => a - b);
  console.log(`functions: an instance without the SDK: cold ${fmt(helloCold)} · warm median ${fmt(helloWarm[25])} (child process per instance)`);
  const res = await gateway(emu, 'roundtrip', 'bench', { n });
  console.log(
    `functions: inside a function, doc(id).get ${fmt(res.databaseMs)} · bare HTTP echo ${fmt(res.echoMs)} ` +
      `(${fmt(res.echoNewConnectionMs)} on a new connection) · ` +
      `database work ${fmt(work[n >> 1])} · request/echo ${(res.databaseMs / res.echoMs).toFixed(1)}×, ` +
      `request/new-connection echo ${(res.databaseMs / res.echoNewConnectionMs).toFixed(1)}× (medians of ${n})`,
  );
  await emu.stop();
}

/** user.session: one cold call, warm calls, and a burst of first sessions with a given instance cap. */
async function sessions(maxInstancesPerFunction: number | undefined, withColdWarm: boolean): Promise<void> {
  const emu = await startEmulator({ port: 0, dataDir: null, strict: true, maxInstancesPerFunction });
  const label = maxInstancesPerFunction === undefined ? 'default cap' : `cap ${maxInstancesPerFunction}`;
  const post = (openid: string) => gateway(emu, 'user', openid, { action: 'session' });
  if (withColdWarm) {
    const [, coldMs] = await time(() => post('bench-cold'));
    const warm: number[] = [];
    for (let i = 0; i < 30; i++) warm.push((await time(() => post(`bench-warm-${i % 3}`)))[1]);
    warm.sort((a, b) => a - b);
    console.log(`functions: user.session cold ${fmt(coldMs)} · warm median ${fmt(warm[15])} · cold/warm ${(coldMs / warm[15]).toFixed(1)}×`);
  }
  const callers = 200;
  const [, burstMs] = await time(() => Promise.all(Array.from({ length: callers }, (_, i) => post(`bench-burst-${i}`))));
  console.log(`functions: ${callers} concurrent first sessions, ${label}, in ${fmt(burstMs)} (${(callers / (burstMs / 1000)).toFixed(0)} calls/s)`);
  await emu.stop();
}

export async function functionsBench(): Promise<void> {
  await roundTrips();
  await sessions(undefined, true);
  await sessions(2, false);
  await sessions(8, false);
}
