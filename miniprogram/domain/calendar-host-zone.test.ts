// The Shanghai calendar must not depend on the zone the host is set to: a phone abroad, or a server in a zone with
// daylight saving. A jest worker cannot change its own zone, so this bundles calendar.ts (with dayjs) and runs it in
// child processes under zones with daylight saving, comparing with Intl's Asia/Shanghai on every 7 h 13 min from
// 2020 to 2031 (so every daylight-saving change of those zones falls between two samples less than a day apart).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

let dir: string;
let bundle: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'calendar-zone-'));
  bundle = join(dir, 'calendar.js');
  buildSync({ entryPoints: [join(__dirname, 'calendar.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Runs in the child: counts disagreements with Intl, and checks the wall clock converts back to the same instant.
const CHECK = `
const c = require(process.argv[1]);
const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const wrong = [];
let samples = 0;
for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2031, 0, 1); t += (7 * 60 + 13) * 60000) {
  samples++;
  const expected = intl.format(t).replace(', ', ' ');
  const shown = c.shanghaiDateTime(new Date(t).toISOString());
  const back = c.shanghaiInstant(c.shanghaiClock(t)).getTime();
  const date = c.formatDate(c.shanghaiDate(new Date(t)));
  if (shown !== expected || back !== t || date !== expected.slice(0, 10)) wrong.push(new Date(t).toISOString());
}
const midnight = c.shanghaiInstant(c.shanghaiWallClock({ year: 2027, month: 1, day: 1 })).toISOString();
console.log(JSON.stringify({ zone: new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset(), samples, wrong: wrong.slice(0, 5), midnight }));
`;

test.each(['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'UTC'])('under TZ=%s the Shanghai calendar is the same', (zone) => {
  const run = spawnSync(process.execPath, ['-e', CHECK, bundle], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as { zone: number; samples: number; wrong: string[]; midnight: string };
  if (zone !== 'UTC') expect(result.zone).not.toBe(0); // the child really runs in that zone
  expect(result.samples).toBeGreaterThan(13_000);
  expect(result.wrong).toEqual([]);
  expect(result.midnight).toBe('2026-12-31T16:00:00.000Z');
});
