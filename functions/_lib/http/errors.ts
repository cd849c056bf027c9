/**
 * Maps any thrown value to the one error body and its status. Expected
 * failures are AppErrors; anything else is a bug, logged in full and reported
 * as a generic 500 so that no internals reach the client.
 */
import { z } from 'zod';
import { AppError, ERRORS, type ErrorBody } from '../../../shared/errors';
import type { Logger } from '../logger';
import { WechatApiError } from '../wechat/client';
import { fieldErrors } from './validate';

export function errorResponse(error: unknown, log: Logger): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    if (error.status >= 500) log.error({ err: error, code: error.code }, 'request failed');
    else log.info({ code: error.code, status: error.status }, 'request rejected');
    return { status: error.status, body: error.toBody() };
  }

  if (error instanceof z.ZodError) {
    const fields = fieldErrors(error);
    const appError = new AppError('VALIDATION_FAILED', Object.values(fields)[0], { fields });
    log.info({ code: appError.code, fields: Object.keys(fields) }, 'request rejected');
    return { status: appError.status, body: appError.toBody() };
  }

  // A WeChat error no caller translated is still WeChat's failure, not ours.
  if (error instanceof WechatApiError) {
    log.error({ err: error, api: error.api, errcode: error.errcode }, 'wechat api failed');
    const appError = new AppError('WECHAT_UNAVAILABLE', undefined, { errcode: error.errcode });
    return { status: appError.status, body: appError.toBody() };
  }

  log.error({ err: error }, 'unhandled error');
  return { status: 500, body: { error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } } };
}
