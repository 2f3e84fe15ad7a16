// Measures, from inside a function, what a database request costs next to a bare HTTP round trip to the same server.
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

const agent = new http.Agent({ keepAlive: true });
const adminUrl = new URL(JSON.parse(process.env.TCB_CONTEXT_CNFG).URL);

// Inside SCF the SDK sets no keep-alive agent of its own, so Node's global agent decides: it keeps connections alive
// from Node 19 on (this machine), not on Node 16. The echo is measured both ways.
function echo(keepAlive = true) {
  return new Promise((resolve, reject) => {
    const options = { host: adminUrl.hostname, port: adminUrl.port, path: '/', method: 'GET', agent: keepAlive ? agent : false };
    const req = http.request(options, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

exports.main = async (event) => {
  const n = event.n || 200;
  const doc = cloud.database().collection('bench_docs').doc('d');
  await doc.get();
  await echo();
  return {
    databaseMs: await timed(n, () => doc.get()),
    echoMs: await timed(n, () => echo(true)),
    echoNewConnectionMs: await timed(n, () => echo(false)),
  };
};
