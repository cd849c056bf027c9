/**
 * Turns zod failures into the one error shape, with a Chinese message per field.
 */
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../../shared/errors';

// zod's own messages for issues a contract did not word itself (unknown keys,
// wrong types deep in arrays) come out in Chinese too.
z.config(z.locales.zhCN());

/** Key for problems that belong to no single field, such as "nothing to save". */
export const FORM_ERROR_KEY = 'form';

/**
 * Maps each failing path (dotted) to its first message. Problems with the
 * request as a whole go under FORM_ERROR_KEY, and zod's generic wording for
 * them is replaced, because it names JavaScript types rather than the fix.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : FORM_ERROR_KEY;
    fields[key] ??= messageFor(issue);
  }
  return fields;
}

function messageFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.path.length === 0) return '请求内容应为 JSON 对象';
  if (issue.code === 'unrecognized_keys') return `不支持的字段：${issue.keys.join('、')}`;
  return issue.message;
}

/** Parses `value` with `schema`, or throws VALIDATION_FAILED whose message is the first field's message. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const fields = fieldErrors(result.error);
  const first = Object.values(fields)[0];
  throw new AppError('VALIDATION_FAILED', first, { fields });
}
