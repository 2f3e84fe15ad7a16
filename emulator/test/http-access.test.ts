// HTTP access (通过 HTTP 访问云函数) as the emulator routes it: config.json `httpAccess` paths, checked at start; the
// longest route that matches whole path segments wins; the 集成请求 event and the 集成响应 mapping.
import { PassThrough } from 'node:stream';
import type * as http from 'node:http';
import { httpRoutesOf, integrationEvent, readHttpAccess, replyOf, routeOf } from '../src/http-access';
import type { FunctionInfo } from '../src/runtime/runtime';

const fn = (name: string, httpAccess: string[]): FunctionInfo => ({ name, folder: '', entry: '', timeoutSeconds: 3, envVariables: {}, triggers: [], openapi: [], messagePush: [], httpAccess });

test('routes are absolute paths outside the emulator’s own; a malformed or reserved one stops the start', () => {
  expect(readHttpAccess('certificate', [{ path: '/verify/' }, { path: '/.well-known/did.json' }])).toEqual(['/verify', '/.well-known/did.json']);
  expect(readHttpAccess('certificate', undefined)).toEqual([]);
  for (const bad of [{ path: 'verify' }, { path: '/' }, { path: '/a b' }, { path: 5 }, {}]) expect(() => readHttpAccess('certificate', [bad])).toThrow(/httpAccess/);
  expect(() => readHttpAccess('certificate', { path: '/verify' })).toThrow(/array/);
  for (const reserved of ['/admin', '/functions/x', '/storage', '/triggers']) expect(() => readHttpAccess('certificate', [{ path: reserved }])).toThrow(/emulator's own/);
});

test('a path goes to its longest route on whole segments; one path claimed by two functions stops the start', () => {
  const routes = httpRoutesOf([fn('certificate', ['/verify', '/status']), fn('other', ['/verify/deep'])]);
  expect(routeOf(routes, '/verify')?.functionName).toBe('certificate');
  expect(routeOf(routes, '/verify/deep/x')?.functionName).toBe('other');
  expect(routeOf(routes, '/status/350102-2026')?.functionName).toBe('certificate');
  expect(routeOf(routes, '/verifyx')).toBeUndefined();
  expect(routeOf(routes, '/')).toBeUndefined();
  expect(() => httpRoutesOf([fn('a', ['/verify']), fn('b', ['/verify'])])).toThrow(/claimed by both a and b/);
});

function request(method: string, rawHeaders: string[]): http.IncomingMessage {
  const req = new PassThrough() as unknown as http.IncomingMessage;
  Object.assign(req, { method, rawHeaders, headers: Object.fromEntries(rawHeaders.flatMap((v, i) => (i % 2 ? [] : [[v.toLowerCase(), rawHeaders[i + 1]]]))) });
  return req;
}

test('the 集成请求: path, method, lower-case headers (repeats joined and kept), query, text or base64 body', () => {
  const text = integrationEvent(request('POST', ['Content-Type', 'application/x-www-form-urlencoded', 'X-Tag', 'a', 'X-Tag', 'b']), new URL('http://h/verify?no=ZM1&x=2'), Buffer.from('no=ZM1'), 'env-1');
  expect(text).toMatchObject({ path: '/verify', httpMethod: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-tag': 'a,b' }, multiValueHeaders: { 'x-tag': ['a', 'b'] }, queryStringParameters: { no: 'ZM1', x: '2' }, body: 'no=ZM1', isBase64Encoded: false, requestContext: { envId: 'env-1' } });
  expect(text).not.toHaveProperty('userInfo');
  const binary = integrationEvent(request('POST', ['Content-Type', 'multipart/form-data; boundary=x']), new URL('http://h/verify'), Buffer.from([0, 255, 1]), 'env-1');
  expect(binary).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 255, 1]).toString('base64') });
});

test('the 集成响应 becomes the response; a string is text/plain; any other value is JSON; a bad status is a gateway error', () => {
  const html = replyOf({ statusCode: 201, headers: { 'Content-Type': 'text/html' }, body: '<p>好</p>' });
  expect([html.status, html.headers['content-type'], html.body.toString()]).toEqual([201, 'text/html', '<p>好</p>']);
  expect(replyOf({ statusCode: 200, headers: {}, body: Buffer.from('png').toString('base64'), isBase64Encoded: true }).body.toString()).toBe('png');
  expect(replyOf('hello gateway')).toMatchObject({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  expect(JSON.parse(replyOf({ foo: 'bar' }).body.toString())).toEqual({ foo: 'bar' });
  expect(replyOf({ statusCode: 99 }).status).toBe(502);
});
