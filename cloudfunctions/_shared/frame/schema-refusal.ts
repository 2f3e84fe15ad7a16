// A request that does not match its action's schema, answered in Chinese: a check that stands for a domain rule
// (`refusedAs`) answers the domain's code and message; any other mismatch is BAD_REQUEST naming the field by its
// Chinese label (messages/field-labels.ts), with its machine path in `field` for forms. Nothing of the zod message
// (English) or of the value sent reaches the answer.
import type * as z from 'zod';
import type { CommonErrorCode, FunctionName } from '../../../typings';
import { fieldLabel } from '../messages/field-labels';
import { fail } from './envelope';
import { BAD_REQUEST_MESSAGES } from '../messages/answers';

type Issue = z.core.$ZodIssue;

function complaint(issue: Issue, label: string): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return BAD_REQUEST_MESSAGES.tooLong(label, Number(issue.maximum));
  if (issue.code === 'too_big' && issue.origin === 'array') return BAD_REQUEST_MESSAGES.tooMany(label, Number(issue.maximum));
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1) return BAD_REQUEST_MESSAGES.missing(label);
  return BAD_REQUEST_MESSAGES.invalid(label);
}

export function schemaRefusal(fn: FunctionName, error: z.ZodError): { ok: false; error: { code: string; message: string; field?: string } } {
  const issue = error.issues[0];
  const params = issue && issue.code === 'custom' ? (issue.params as { code?: unknown; field?: unknown } | undefined) : undefined;
  if (params && typeof params.code === 'string') {
    return fail(params.code, issue.message, typeof params.field === 'string' ? params.field : undefined);
  }
  const field = issue?.path.length ? issue.path.map(String).join('.') : undefined;
  const label = issue && field !== undefined ? fieldLabel(fn, issue.path) : undefined;
  if (!issue || !label) return fail<CommonErrorCode>('BAD_REQUEST', BAD_REQUEST_MESSAGES.unreadable, field);
  return fail<CommonErrorCode>('BAD_REQUEST', complaint(issue, label), field);
}
