/**
 * Builds a module's Vercel entry point from its routes: request id, caller,
 * access check, error mapping and logging live here once, so route handlers
 * only parse, call the service and return.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { VercelRequest, VercelResponse } from '@vercel/node';
import { AppError } from '../../../shared/errors';
import { config } from '../config';
import { logger, type Logger } from '../logger';
import { isAllowed, type Caller } from './access';
import { loadCaller } from './caller';
import { errorResponse } from './errors';
import { matchRoute, type RequestContext, type Route } from './router';
import { bearerToken } from './tokens';

const API_PREFIX = '/api/v1';
/** Requests slower than this are logged as warnings with their timing. */
const SLOW_REQUEST_MS = 1000;

export type VercelHandler = (req: VercelRequest, res: VercelResponse) => Promise<void>;

export function createModuleHandler(moduleName: string, routes: Route[]): VercelHandler {
  return async function handle(req, res) {
    const started = process.hrtime.bigint();
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID();
    res.setHeader('x-request-id', requestId);

    // Built on first use: a warm public page that logs nothing should not pay for a child logger.
    let caller: Caller | null = null;
    let log: Logger | undefined;
    const requestLog = (): Logger => {
      log ??= logger.child(
        caller ? { requestId, module: moduleName, userId: caller.userId } : { requestId, module: moduleName },
      );
      return log;
    };

    const rawUrl = req.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const method = requestMethod(req);
    let status = 500;

    try {
      const match = matchRoute(routes, method, path);
      if (match.kind === 'not_found') throw new AppError('ROUTE_NOT_FOUND', undefined, { path: pathname });
      if (match.kind === 'method_not_allowed') {
        res.setHeader('Allow', match.allowed.join(', '));
        throw new AppError('METHOD_NOT_ALLOWED', undefined, { allowed: match.allowed });
      }

      const { route, params } = match;
      if (route.access.kind === 'cron') {
        if (!isCronRequest(req)) throw new AppError('UNAUTHENTICATED', '定时任务凭证无效');
      } else {
        // Most tourists send no token, and skipping the async lookup keeps their warm pages cheap.
        caller = req.headers.authorization ? await resolveCaller(req, route) : null;
      }
      if (route.access.kind !== 'cron' && !isAllowed(route.access, caller, params)) {
        throw caller === null ? new AppError('UNAUTHENTICATED') : new AppError('FORBIDDEN');
      }

      const signedInCaller = caller;
      const context: RequestContext = {
        req,
        res,
        params,
        requestId,
        caller,
        get query() {
          return (req.query ?? {}) as RequestContext['query'];
        },
        get log() {
          return requestLog();
        },
        get clientIp() {
          return clientIp(req);
        },
        requireCaller: () => {
          if (signedInCaller === null) throw new AppError('UNAUTHENTICATED');
          return signedInCaller;
        },
        body: () => readJsonBody(req),
      };
      const result = await route.handle(context);
      if (res.headersSent || res.writableEnded) {
        status = res.statusCode;
        return;
      }

      for (const [name, value] of Object.entries(result?.headers ?? {})) res.setHeader(name, value);
      if (result?.raw !== undefined) {
        status = result.status ?? 200;
        res.status(status).send(result.raw);
      } else if (result === undefined || result.body === undefined) {
        status = result?.status ?? 204;
        res.status(status).end();
      } else {
        status = result.status ?? 200;
        res.status(status).json(result.body);
      }
    } catch (error) {
      const response = errorResponse(error, requestLog());
      status = response.status;
      if (!res.headersSent) res.status(response.status).json(response.body);
    } finally {
      // Vercel already records every request with its status and duration, so a
      // fast success is logged only at debug level. Failures are logged where
      // they are caught, and slow requests here.
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
      if (ms >= SLOW_REQUEST_MS) {
        requestLog().warn({ method, path: pathname, status, ms }, 'slow request');
      } else if (logger.isLevelEnabled('debug')) {
        requestLog().debug({ method, path: pathname, status, ms }, 'request');
      }
    }
  };
}

/**
 * Finds the caller from the bearer token. A bad or expired token fails only routes that
 * need a caller; public routes then run anonymously, so a stale token never hides a shop page.
 */
async function resolveCaller(req: VercelRequest, route: Route): Promise<Caller | null> {
  try {
    return await loadCaller(req.headers.authorization);
  } catch (error) {
    if (route.access.kind === 'public' && error instanceof AppError && error.status === 401) return null;
    throw error;
  }
}

/** Compares the bearer token with CRON_SECRET in constant time. */
function isCronRequest(req: VercelRequest): boolean {
  const token = bearerToken(req.headers.authorization);
  if (!token) return false;

  const expected = Buffer.from(config().cronSecret);
  const received = Buffer.from(token);
  return received.length === expected.length && timingSafeEqual(received, expected);
}

/** Methods a POST may stand in for: wx.request cannot send PATCH, so the mini-program tunnels it. */
const OVERRIDABLE_METHODS = new Set(['PATCH', 'PUT', 'DELETE']);

function requestMethod(req: VercelRequest): string {
  const method = (req.method ?? 'GET').toUpperCase();
  const override = headerValue(req.headers['x-http-method-override'])?.toUpperCase();
  return method === 'POST' && override && OVERRIDABLE_METHODS.has(override) ? override : method;
}

function readJsonBody(req: VercelRequest): unknown {
  const type = headerValue(req.headers['content-type']) ?? '';
  if (type !== '' && !type.toLowerCase().startsWith('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求内容类型应为 application/json', { contentType: type });
  }

  let body: unknown;
  try {
    body = req.body;
  } catch (error) {
    // Vercel's lazy body parser throws on malformed JSON.
    throw new AppError('INVALID_JSON', undefined, undefined, { cause: error });
  }
  // Vercel gives "" for a request without a body.
  return body === undefined || body === null || body === '' ? {} : body;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.trim() !== '' ? first.trim() : undefined;
}

/** Vercel replaces x-forwarded-for with the real client address, so its first entry can be trusted there. */
function clientIp(req: VercelRequest): string {
  const forwarded = headerValue(req.headers['x-forwarded-for']);
  if (forwarded) return forwarded.split(',')[0]?.trim() || 'unknown';
  return req.socket?.remoteAddress ?? 'unknown';
}
