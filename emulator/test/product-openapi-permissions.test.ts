// The product's functions declare every open API they cloud-call: CloudBase refuses an undeclared one with -604101
// (openapi-permissions.test.ts), and a path no test exercises would find out only in production. Read from the
// built bundles (built before the tests), which hold exactly the code each function runs, _shared included.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FUNCTIONS_DIR } from '../src/config';
import { permissionFor } from '../src/wechat';

const functions = fs
  .readdirSync(DEFAULT_FUNCTIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(DEFAULT_FUNCTIONS_DIR, d.name, 'index.js')))
  .map((d) => d.name);

/** The open APIs a bundle calls: `openapi.<namespace>.<method>(` and `getOpenData(` (svrkit, cloudbase.getOpenData). */
function cloudCallsOf(bundle: string): string[] {
  const apis = new Set([...bundle.matchAll(/\bopenapi\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`));
  if (/\.getOpenData\s*\(\s*\{\s*list\b/.test(bundle)) apis.add(permissionFor('ApiGetOpenDataByCloudId'));
  return [...apis].sort();
}

test('the product has built functions to check, and the scan sees the phone-number exchange in volunteer', () => {
  expect(functions).toEqual(expect.arrayContaining(['user', 'volunteer']));
  expect(cloudCallsOf(fs.readFileSync(path.join(DEFAULT_FUNCTIONS_DIR, 'volunteer', 'index.js'), 'utf8'))).toContain('phonenumber.getPhoneNumber');
});

test.each(functions)('%s declares in config.json every open API its bundle calls', (name) => {
  const bundle = fs.readFileSync(path.join(DEFAULT_FUNCTIONS_DIR, name, 'index.js'), 'utf8');
  const config = JSON.parse(fs.readFileSync(path.join(DEFAULT_FUNCTIONS_DIR, name, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } };
  const declared = config.permissions?.openapi ?? [];
  expect(cloudCallsOf(bundle).filter((api) => !declared.includes(api))).toEqual([]);
});

test('the scan finds the calls it looks for', () => {
  expect(cloudCallsOf('await ctx.cloud.openapi.phonenumber.getPhoneNumber({ code })')).toEqual(['phonenumber.getPhoneNumber']);
  expect(cloudCallsOf('cloud.openapi.subscribeMessage.send(x); cloud.getOpenData({ list: ids })')).toEqual(['cloudbase.getOpenData', 'subscribeMessage.send']);
  expect(cloudCallsOf('const openapi = 1; openapi.toFixed')).toEqual([]);
});
