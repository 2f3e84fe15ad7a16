// Every field of every request schema has its Chinese label, and a schema refusal names it by that label: the
// schemas are found on disk (each function's schemas.ts), so a new function or field cannot go unlabelled.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { FunctionName } from '../../../typings';
import { MUTATES } from '../../../miniprogram/domain/actions';
import { schemaRefusal } from '../frame/schema-refusal';
import { FIELD_LABELS } from './field-labels';
import { fieldPathsOf } from './schema-paths';

const FUNCTIONS_DIR = join(__dirname, '..', '..');
// Functions of the contract map only: the follower function's schemas read WeChat's pushes, which no person fills in.
const functionNames = readdirSync(FUNCTIONS_DIR).filter(
  (name) => !name.startsWith('_') && name in MUTATES && existsSync(join(FUNCTIONS_DIR, name, 'schemas.ts')),
);

const isSchema = (value: unknown): value is z.ZodType => typeof value === 'object' && value !== null && '_zod' in value;

async function requestPathsOf(fn: string): Promise<string[]> {
  const module = (await import(join(FUNCTIONS_DIR, fn, 'schemas'))) as Record<string, unknown>;
  const schemas = Object.values(module).filter(isSchema);
  expect(schemas.length).toBeGreaterThan(0);
  return [...new Set(schemas.flatMap((schema) => fieldPathsOf(schema)))].sort();
}

test('every function with schemas has a label table', () => {
  // A function that serves no action (the reminder timer) has no schemas and an empty table.
  const serving = Object.keys(FIELD_LABELS).filter((fn) => Object.keys(MUTATES[fn as FunctionName]).length > 0);
  expect(functionNames.sort()).toEqual(serving.sort());
});

test.each(functionNames)('%s: every request field has a Chinese label, and every label a field', async (fn) => {
  const paths = await requestPathsOf(fn);
  const labels = FIELD_LABELS[fn as FunctionName];
  expect(paths.filter((path) => !Object.prototype.hasOwnProperty.call(labels, path))).toEqual([]);
  expect(Object.keys(labels).filter((path) => !paths.includes(path))).toEqual([]);
  for (const label of Object.values(labels)) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
});

test('the walker sees through optional, arrays, unions and nesting', () => {
  const schema = z.strictObject({
    a: z.strictObject({ b: z.array(z.strictObject({ c: z.string() })).optional() }),
    d: z.discriminatedUnion('k', [z.strictObject({ k: z.literal('x'), e: z.string() }), z.strictObject({ k: z.literal('y'), f: z.number() })]),
  });
  expect(fieldPathsOf(schema).sort()).toEqual(['a', 'a.b', 'a.b.c', 'd', 'd.e', 'd.f', 'd.k']);
});

describe('schema refusals name the field in Chinese and keep its path', () => {
  const organizationContact = z.strictObject({ contact: z.strictObject({ name: z.string().max(100), phone: z.string().max(40) }) });
  const refuse = (fn: FunctionName, schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error('expected a refusal');
    return schemaRefusal(fn, parsed.error);
  };

  test('a string too long', () => {
    expect(refuse('organization', organizationContact, { contact: { name: '王五', phone: '1'.repeat(41) } })).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '联系电话太长，最多 40 个字', field: 'contact.phone' },
    });
  });

  test('a wrong type, an array position and an unknown key: Chinese only, never the path or the value', () => {
    const wrongType = refuse('organization', organizationContact, { contact: { name: 7, phone: '139' } });
    expect(wrongType.error).toEqual({ code: 'BAD_REQUEST', message: '联系人姓名填写不正确', field: 'contact.name' });
    const availability = z.strictObject({ availability: z.array(z.strictObject({ weekday: z.number() })) });
    expect(refuse('volunteer', availability, { availability: [{ weekday: 1 }, { weekday: 'x' }] }).error).toEqual({
      code: 'BAD_REQUEST',
      message: '服务时间的星期填写不正确',
      field: 'availability.1.weekday',
    });
    const unknownKey = refuse('organization', organizationContact, { contact: { name: 'a', phone: 'b' }, secret13912345678: 1 });
    expect(unknownKey.error).toEqual({ code: 'BAD_REQUEST', message: '请求内容不正确，请返回后重新操作' });
  });

  test('no message a schema refusal answers holds a Latin letter', () => {
    const answers = [
      refuse('organization', organizationContact, { contact: { name: 'x'.repeat(101), phone: '' } }),
      refuse('organization', organizationContact, {}),
      refuse('organization', organizationContact, { contact: 'nope' }),
    ];
    for (const answer of answers) expect(answer.error.message).not.toMatch(/[A-Za-z]/);
  });
});
