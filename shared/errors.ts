/**
 * Error codes shared by the API and the mini-program.
 *
 * `code` is stable English for programs; `message` is the default Chinese text
 * shown to people. The HTTP status belongs to the code so that every module
 * maps the same outcome to the same status.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容有误，请检查后重试' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  TOKEN_EXPIRED: { status: 401, message: '登录已过期，请重新登录' },
  FORBIDDEN: { status: 403, message: '没有权限进行此操作' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方法' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的文件类型' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  SHOP_NOT_FOUND: { status: 404, message: '店铺不存在' },
  STREET_NOT_FOUND: { status: 404, message: '街区不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  PHOTO_NOT_FOUND: { status: 404, message: '照片不存在' },
  PHOTO_LIMIT_REACHED: { status: 409, message: '照片数量已达上限' },
  CONTENT_REJECTED: { status: 422, message: '内容包含不适宜发布的信息，请修改后再提交' },
  SCENE_INVALID: { status: 400, message: '二维码无效' },
  WECHAT_LOGIN_FAILED: { status: 401, message: '微信登录失败，请重试' },
  DEV_LOGIN_DISABLED: { status: 404, message: '演示登录仅在开发环境可用' },
  WECHAT_UNAVAILABLE: { status: 502, message: '微信服务暂时不可用，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** Per-field problems: the field path joined with dots, then its Chinese message. */
export type FieldErrors = Record<string, string>;

/** The one error body every endpoint returns. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: FieldErrors } & Record<string, unknown>;
  };
}

/** An expected failure with a stable code; the server turns it into the error body and status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorBody['error']['details'];

  constructor(
    code: ErrorCode,
    message?: string,
    details?: ErrorBody['error']['details'],
    options?: { cause?: unknown },
  ) {
    super(message ?? ERRORS[code].message, options);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details) body.error.details = this.details;
    return body;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
