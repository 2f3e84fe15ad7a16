// One code, one Chinese message: every `fail(…)` and `refusedAs(…)` in cloudfunctions/ is read from the source. A
// handler may not write a message of its own (only messages/ holds texts), a fixed-text code is answered through
// its table entry, and no code has two different texts — so a new handler cannot bring a second wording back.
// Messages the rules compose are covered too: a Chinese text anywhere in the message of an `err(…)`, `fail(…)` or
// `refusedAs(…)` — in cloudfunctions/ (rules.ts, _shared/rules, _shared/security …) or in the domain shared with the
// mini-program (miniprogram/domain/) — fails unless it is in messages/ or miniprogram/domain/messages.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';
import { MESSAGES } from './answers';

const FUNCTIONS_DIR = join(__dirname, '..', '..');
const MESSAGES_DIR = __dirname;
const DOMAIN_DIR = join(FUNCTIONS_DIR, '..', 'miniprogram', 'domain');
const DOMAIN_MESSAGES = join(DOMAIN_DIR, 'messages.ts');

interface Use {
  where: string;
  code: string;
  /** The text when the message is written in place (a literal or a template); undefined for an expression. */
  literal?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.type-test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function stringOf(node: ts.Expression | undefined): string | undefined {
  let e = node;
  while (e && (ts.isAsExpression(e) || ts.isParenthesizedExpression(e))) e = e.expression;
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.getText();
  return undefined;
}

/** Every error answer written in `text`: `fail(code, message…)` and `refusedAs(fn, actions, code, message…)`. */
export function errorUsesIn(fileName: string, text: string): Use[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const [codeAt, messageAt] = node.expression.text === 'fail' ? [0, 1] : node.expression.text === 'refusedAs' ? [2, 3] : [-1, -1];
      const code = codeAt >= 0 ? stringOf(node.arguments[codeAt]) : undefined;
      if (code !== undefined) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        uses.push({ where: `${fileName}:${line + 1}`, code, literal: stringOf(node.arguments[messageAt]) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

const CJK = /[\u4e00-\u9fff]/;

/** Error calls whose message holds a Chinese text written in place, anywhere in it (a branch, a template). */
export function composedMessagesIn(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const writesChinese = (node: ts.Node): boolean =>
    ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && CJK.test(node.text)) ||
    (ts.isTemplateExpression(node) && CJK.test([node.head.text, ...node.templateSpans.map((t) => t.literal.text)].join(''))) ||
    ts.forEachChild(node, (child) => writesChinese(child) || undefined) === true;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const at = { err: 1, fail: 1, refusedAs: 3 }[node.expression.text];
      const message = at === undefined ? undefined : node.arguments[at];
      if (message && writesChinese(message)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${fileName}:${line + 1} ${message.getText().replace(/\s+/g, ' ').slice(0, 60)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const inMessages = (path: string) => (path + sep).startsWith(MESSAGES_DIR + sep);
const uses = sourceFiles(FUNCTIONS_DIR).flatMap((path) =>
  errorUsesIn(relative(FUNCTIONS_DIR, path), readFileSync(path, 'utf8')).map((use) => ({ ...use, inMessages: inMessages(path) })),
);

test('the scan reads the answers the functions give', () => {
  expect(uses.length).toBeGreaterThan(15);
  expect(uses.map((u) => u.code)).toEqual(expect.arrayContaining(['FORBIDDEN', 'NOT_VERIFIED', 'INVITE_INVALID', 'BAD_REQUEST', 'USCC_TAKEN']));
});

test('no handler writes a message of its own: texts live in messages/', () => {
  expect(uses.filter((u) => !u.inMessages && u.literal !== undefined).map((u) => `${u.where} ${u.code}: ${u.literal}`)).toEqual([]);
});

test('a fixed-text code is answered only through its table entry (failWith)', () => {
  const fixed = new Set(Object.keys(MESSAGES));
  expect(uses.filter((u) => !u.inMessages && fixed.has(u.code)).map((u) => `${u.where} ${u.code}`)).toEqual([]);
});

test('no code has two different texts', () => {
  const texts = new Map<string, Set<string>>();
  const add = (code: string, text: string) => texts.set(code, (texts.get(code) ?? new Set()).add(text));
  for (const [code, text] of Object.entries(MESSAGES)) add(code, text);
  for (const use of uses) if (use.literal !== undefined) add(use.code, use.literal);
  expect([...texts].filter(([, set]) => set.size > 1).map(([code, set]) => `${code}: ${[...set].join(' | ')}`)).toEqual([]);
  for (const text of Object.values(MESSAGES)) expect(text).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/);
});

test('no rule or domain code composes an error text of its own: texts live in messages/ and domain/messages.ts', () => {
  const files = [...sourceFiles(FUNCTIONS_DIR), ...sourceFiles(DOMAIN_DIR)].filter((path) => !inMessages(path) && path !== DOMAIN_MESSAGES);
  expect(files.length).toBeGreaterThan(40);
  expect(files.flatMap((path) => composedMessagesIn(relative(join(FUNCTIONS_DIR, '..'), path), readFileSync(path, 'utf8')))).toEqual([]);
});

test('the composed-message scan finds Chinese in a literal, a template, a branch, and nowhere else', () => {
  const planted = composedMessagesIn(
    'planted.ts',
    [
      "const a = err('NAME_EMPTY', '请填写姓名');",
      'const b = err(`LENGTH`, `应为${n}位`);',
      "const c = fail('X', ok ? MESSAGES.A : '不对');",
      "const d = refusedAs('v', ['x'], 'BAD_REQUEST', `${label}太长`);",
      "const e = err('NAME_EMPTY', NAME_MESSAGES.missing);",
      'const f = err(`LENGTH`, CREDENTIAL_MESSAGES.numberLength(label, 3));',
      "const g = err('X', 'English only');",
    ].join('\n'),
  );
  expect(planted.map((p) => p.split(' ')[0])).toEqual(['planted.ts:1', 'planted.ts:2', 'planted.ts:3', 'planted.ts:4']);
});

test('the scan catches a second wording and a handler-written message', () => {
  const planted = errorUsesIn(
    'planted.ts',
    "const a = () => fail('NOT_FOUND' as const, '找不到');\nconst b = fail<X>('BUSY', `请 ${n} 秒后再试`);\nconst c = refusedAs('v', ['x'], 'BAD_REQUEST', '不对');\nconst d = fail('CONFLICT', MESSAGES.CONFLICT);",
  );
  expect(planted).toEqual([
    { where: 'planted.ts:1', code: 'NOT_FOUND', literal: '找不到' },
    { where: 'planted.ts:2', code: 'BUSY', literal: '`请 ${n} 秒后再试`' },
    { where: 'planted.ts:3', code: 'BAD_REQUEST', literal: '不对' },
    { where: 'planted.ts:4', code: 'CONFLICT', literal: undefined },
  ]);
});
