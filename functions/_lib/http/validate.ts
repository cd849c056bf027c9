/**
 * Turns zod failures into the one error shape, with a Chinese message per field.
 */
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../../shared/errors';

// zod's own messages for issues a contract did not word itself (unknown keys,
// wrong types deep in arrays) come out in Chinese too.
z.config(z.locales.zhCN());

/** Maps each failing path (dotted) to its first message. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Parses `value` with `schema`, or throws VALIDATION_FAILED whose message is the first field's message. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const fields = fieldErrors(result.error);
  const first = Object.values(fields)[0];
  throw new AppError('VALIDATION_FAILED', first, { fields });
}
