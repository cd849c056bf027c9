/**
 * Field builders whose messages name the field in Chinese, so that a rejected
 * form tells the person which box to fix.
 */
import { z } from 'zod';
import { isCalendarDay } from '../time';

/** The message for a missing value, or for a value of the wrong type, which is a different mistake. */
export function typeError(missing: string, wrongType: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? missing : wrongType);
}

interface TextOptions {
  min?: number;
  max: number;
}

/** A required trimmed string; `label` is the field's Chinese name. */
export function text(label: string, { min = 1, max }: TextOptions) {
  return z
    .string({ error: typeError(`请填写${label}`, `${label}应为文字`) })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`);
}

/** A whole number within bounds. Accepts numeric strings, as query strings carry them. */
export function integer(label: string, { min, max }: { min: number; max: number }) {
  return z.coerce
    .number({ error: `${label}必须是数字` })
    .int(`${label}必须是整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);
}

/** A mainland mobile or landline number: 11-digit mobile, or area code plus number. */
export function phone(label: string) {
  return z
    .string({ error: typeError(`请填写${label}`, `${label}应为文字`) })
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, `${label}格式不正确，请填写手机号或带区号的固定电话`);
}

export function uuid(label: string) {
  return z.string({ error: typeError(`缺少${label}`, `${label}格式不正确`) }).uuid(`${label}格式不正确`);
}

/** A YYYY-MM-DD calendar day between 2000 and 2099; impossible dates like 02-30 are rejected. */
export function day(label: string) {
  return z
    .string({ error: typeError(`请选择${label}`, `${label}格式应为 YYYY-MM-DD`) })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为 YYYY-MM-DD`)
    .refine(isCalendarDay, `${label}不是有效日期，请选择 2000 至 2099 年之间的日期`);
}
