import { ERRORS, isErrorBody, type ErrorCode, type FieldErrors } from '@shared/errors';

/** Failures found on the phone, before or without an error body from the API. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * Codes the client handles. Codes from a newer API that this build does not
 * know are kept as plain strings so their message still reaches the person.
 */
export type ApiErrorCode = ErrorCode | ClientErrorCode | (string & {});

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_RESPONSE_MESSAGE = '服务器返回了无法识别的内容，请稍后再试';
export const UNKNOWN_ERROR_MESSAGE = '出了点问题，请稍后再试';

/** A failed API call: the stable `code`, the Chinese `message` to show, and per-field messages for forms. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly fields: FieldErrors;

  constructor(code: ApiErrorCode, message: string, status = 0, fields: FieldErrors = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

/** Parses a response body that arrived as text, as `uploadFile` delivers it. Other values pass through. */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** The code whose default message fits a status when the body is not an API error body. */
function codeForStatus(status: number): ErrorCode | ClientErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL';
  return 'BAD_RESPONSE';
}

function defaultMessage(code: ErrorCode | ClientErrorCode): string {
  if (code === 'NETWORK_ERROR') return NETWORK_ERROR_MESSAGE;
  if (code === 'BAD_RESPONSE') return BAD_RESPONSE_MESSAGE;
  return ERRORS[code].message;
}

/** Key in `ApiError.fields` for a problem that belongs to no single field, such as "nothing to save". */
export const FORM_ERROR_KEY = 'form';
/** The key older API versions used in place of FORM_ERROR_KEY. */
const LEGACY_FORM_ERROR_KEY = '_';

/**
 * Keeps only string messages, so a malformed `fields` object cannot put
 * objects into the form, and moves a message under the legacy key `_` to
 * FORM_ERROR_KEY unless the body has one there already.
 */
function readFields(details: unknown): FieldErrors {
  if (typeof details !== 'object' || details === null) return {};
  const fields = (details as { fields?: unknown }).fields;
  if (typeof fields !== 'object' || fields === null) return {};

  const result: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    if (typeof message === 'string' && message !== '') result[path] = message;
  }

  const legacyMessage = result[LEGACY_FORM_ERROR_KEY];
  if (legacyMessage !== undefined) {
    delete result[LEGACY_FORM_ERROR_KEY];
    result[FORM_ERROR_KEY] ??= legacyMessage;
  }
  return result;
}

/** Turns a non-2xx response into an ApiError, from the error body when there is one, else from the status. */
export function decodeErrorResponse(status: number, rawBody: unknown): ApiError {
  const body = parseBody(rawBody);
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    const text = message.trim() === '' ? UNKNOWN_ERROR_MESSAGE : message;
    return new ApiError(code, text, status, readFields(details));
  }

  const code = codeForStatus(status);
  return new ApiError(code, defaultMessage(code), status);
}

/** An error for a request that got no response: offline, timed out, refused or aborted. */
export function networkError(): ApiError {
  return new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
}

/** The Chinese text to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return UNKNOWN_ERROR_MESSAGE;
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
