// The first-run markers of a data folder, at every point a kill -9 can land.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markSeeded, platformAdmins, prepareDataFolder } from '../src/first-run';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'zy-first-run-'));
const write = (dir: string, name: string) => fs.writeFileSync(path.join(dir, name), 'x');

test('an empty folder is marked before anything is written, and marked seeded at the end', () => {
  const dir = folder();
  expect(prepareDataFolder(dir, true)).toEqual({ seedNow: true, demoWorld: true, restarted: false });
  expect(fs.readdirSync(dir)).toEqual(['seeding']);
  write(dir, 'journal');
  markSeeded(dir);
  expect(fs.readdirSync(dir).sort()).toEqual(['journal', 'seeded']);
  expect(prepareDataFolder(dir, true)).toEqual({ seedNow: false, demoWorld: true, restarted: false });
  expect(fs.readdirSync(dir)).toContain('journal');
});

test('an interrupted seeding is cleared and started again', () => {
  const dir = folder();
  prepareDataFolder(dir, true);
  write(dir, 'journal');
  fs.mkdirSync(path.join(dir, 'storage'));
  expect(prepareDataFolder(dir, true)).toEqual({ seedNow: true, demoWorld: true, restarted: true });
  expect(fs.readdirSync(dir)).toEqual(['seeding']);
});

test('killed between the two markers: the world is complete and kept', () => {
  const dir = folder();
  write(dir, 'seeding');
  write(dir, 'seeded');
  write(dir, 'journal');
  expect(prepareDataFolder(dir, true)).toEqual({ seedNow: false, demoWorld: true, restarted: false });
  expect(fs.readdirSync(dir).sort()).toEqual(['journal', 'seeded']);
});

test('a folder with data of its own is never seeded or cleared', () => {
  const dir = folder();
  write(dir, 'journal');
  expect(prepareDataFolder(dir, true)).toEqual({ seedNow: false, demoWorld: false, restarted: false });
  expect(fs.readdirSync(dir)).toEqual(['journal']);
  const unseeded = folder();
  expect(prepareDataFolder(unseeded, false)).toEqual({ seedNow: false, demoWorld: false, restarted: false });
});

test('platform admins: the listed ones only; otherwise the local identity, plus the demo admin with the demo world', () => {
  expect(platformAdmins('a, b', 'dev', true)).toEqual(['a', 'b']);
  expect(platformAdmins(' ', 'dev', true)).toEqual(['dev', 'demo-platform-admin']);
  expect(platformAdmins(undefined, 'dev', false)).toEqual(['dev']);
});
