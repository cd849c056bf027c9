/**
 * A local fake of the WeChat server APIs the product calls (api.weixin.qq.com).
 *
 * It uses the request and response shapes, HTTP statuses and errcodes of the real
 * APIs, so production code can point its WeChat base URL at it unchanged. Tests steer
 * it through the returned controls, or over HTTP under /__fake/ for manual dev use.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deriveOpenId, handleJscode2session, handleStableToken, handleToken } from './auth-apis';
import { handleMsgSecCheck, handleSubscribeSend } from './message-apis';
import { TokenStore } from './token-store';
import { handleGetWxacodeUnlimit } from './wxacode-api';
import {
  type ApiRequest,
  type FakeReply,
  type FakeState,
  type ParsedBody,
  type SentSubscribeMessage,
  isPlainObject,
  jsonReply,
} from './wechat-reply';

export { FAKE_RISKY_WORDS, type RiskyWord } from './message-apis';
export { NAMED_CODE_PREFIX } from './auth-apis';
export type { SentSubscribeMessage } from './wechat-reply';

export type WechatFakeApi =
  'jscode2session' | 'token' | 'stable_token' | 'getwxacodeunlimit' | 'subscribe_send' | 'msg_sec_check';

export const WECHAT_FAKE_APIS: readonly WechatFakeApi[] = [
  'jscode2session',
  'token',
  'stable_token',
  'getwxacodeunlimit',
  'subscribe_send',
  'msg_sec_check',
];

/** A planned failure: a WeChat error body, a delay before the normal response, or a bare HTTP error. */
export type WechatFakeFailure = { errcode: number; errmsg: string } | { delayMs: number } | { httpStatus: number };

/** One request the fake received for an API. */
export interface WechatFakeCall {
  method: string;
  query: Record<string, string>;

  // Parsed JSON, the raw text when the body is not JSON, or undefined without a body.
  body: unknown;
  receivedAt: number;
}

/** The logging calls the fake makes, which a pino logger provides. */
export interface FakeLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WechatFakeOptions {
  /** Port to listen on. 0 or absent picks a free one. */
  port?: number;

  /** Address to listen on, 127.0.0.1 by default. */
  host?: string;

  appId: string;
  appSecret: string;

  /** Lifetime of access tokens in seconds, 7200 by default as in production. */
  tokenTtlSeconds?: number;

  /**
   * Seconds a /cgi-bin/token token stays valid after a newer one is fetched, 0 by default.
   * WeChat documents up to 300 s of overlap. The default of 0 makes a client that keeps
   * using a replaced token fail at once in tests, and 300 matches production.
   */
  replacedTokenGraceSeconds?: number;

  /** Pages of the released mini-program, like "pages/index/index". When absent, every page is accepted. */
  pages?: string[];

  /** Subscribe templates by id with the data keys each requires. When absent, any template is accepted. */
  templates?: Record<string, string[]>;

  /** Adds a unionid to login responses, as for an app bound to a WeChat Open Platform account. */
  withUnionId?: boolean;

  /** Clock in milliseconds, Date.now by default. Tests pass their own to expire tokens. */
  now?: () => number;

  /** Logger for one line per request and every error. The fake is silent without it. */
  logger?: FakeLogger;
}

export interface WechatFake {
  /** Base URL to use in place of https://api.weixin.qq.com, without a trailing slash. */
  url: string;

  close(): Promise<void>;

  /** Makes the next `times` calls of `api` fail with `failure`. Several plans for one API run in order. */
  failNext(api: WechatFakeApi, failure: WechatFakeFailure, times?: number): void;

  /** Returns the requests received for `api` since the start or the last reset, oldest first. */
  calls(api: WechatFakeApi): WechatFakeCall[];

  /**
   * Clears recorded calls, planned failures, sent messages and the token fetch count.
   * Issued tokens and used login codes stay, as they would on the real server.
   */
  reset(): void;

  /** Returns how many requests reached /cgi-bin/token and /cgi-bin/stable_token, failed ones included. */
  tokenFetchCount(): number;

  /** Returns the subscribe messages WeChat accepted, oldest first. */
  sentMessages(): SentSubscribeMessage[];
}

interface Route {
  api: WechatFakeApi;
  method: 'GET' | 'POST';
  handle: (state: FakeState, request: ApiRequest) => Promise<FakeReply>;
}

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/sns/jscode2session', { api: 'jscode2session', method: 'GET', handle: handleJscode2session }],
  ['/cgi-bin/token', { api: 'token', method: 'GET', handle: handleToken }],
  ['/cgi-bin/stable_token', { api: 'stable_token', method: 'POST', handle: handleStableToken }],
  ['/wxa/getwxacodeunlimit', { api: 'getwxacodeunlimit', method: 'POST', handle: handleGetWxacodeUnlimit }],
  ['/cgi-bin/message/subscribe/send', { api: 'subscribe_send', method: 'POST', handle: handleSubscribeSend }],
  ['/wxa/msg_sec_check', { api: 'msg_sec_check', method: 'POST', handle: handleMsgSecCheck }],
]);

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_TOKEN_TTL_SECONDS = 7200;

/** Returns the openid the fake gives every `fake-code:<name>:…` login code of `name`. */
export function fakeOpenIdForName(appId: string, name: string): string {
  return deriveOpenId(appId, name);
}

/** Starts the fake and resolves once it listens. */
export async function startWechatFake(options: WechatFakeOptions): Promise<WechatFake> {
  const fake = new FakeServer(options);
  return fake.start();
}

interface PlannedFailure {
  failure: WechatFakeFailure;
  remaining: number;
}

class FakeServer {
  private readonly state: FakeState;
  private readonly logger?: FakeLogger;
  private readonly callLog = new Map<WechatFakeApi, WechatFakeCall[]>();
  private readonly plannedFailures = new Map<WechatFakeApi, PlannedFailure[]>();
  private readonly pendingDelays = new Set<() => void>();
  private readonly server = createServer((req, res) => {
    void this.serve(req, res);
  });
  private tokenFetches = 0;
  private closed = false;
  private url = '';

  constructor(private readonly options: WechatFakeOptions) {
    if (!options.appId || !options.appSecret) {
      throw new TypeError('startWechatFake needs a non-empty appId and appSecret');
    }

    const now = options.now ?? Date.now;
    const ttlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!(ttlSeconds > 0)) {
      throw new TypeError(`tokenTtlSeconds must be a positive number, got ${ttlSeconds}`);
    }

    this.logger = options.logger;
    this.state = {
      appId: options.appId,
      appSecret: options.appSecret,
      pages: options.pages ? new Set(options.pages) : undefined,
      templates: options.templates ? new Map(Object.entries(options.templates)) : undefined,
      withUnionId: options.withUnionId ?? false,
      now,
      tokens: new TokenStore({
        now,
        ttlSeconds,
        replacedTokenGraceSeconds: options.replacedTokenGraceSeconds ?? 0,
      }),
      usedCodes: new Set(),
      sentMessages: [],
    };
  }

  async start(): Promise<WechatFake> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });

    const { port } = this.server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const url = `http://${urlHost}:${port}`;
    this.url = url;
    this.logger?.info({ url, appId: this.state.appId }, 'WeChat fake started');

    return {
      url,
      close: () => this.close(),
      failNext: (api, failure, times = 1) => this.planFailure(api, failure, times),
      calls: (api) => [...(this.callLog.get(api) ?? [])],
      reset: () => this.reset(),
      tokenFetchCount: () => this.tokenFetches,
      sentMessages: () => [...this.state.sentMessages],
    };
  }

  private async close(): Promise<void> {
    // Closing twice is harmless, so a test's cleanup may close a fake the test already closed.
    if (this.closed) {
      return;
    }
    this.closed = true;

    for (const cancel of this.pendingDelays) {
      cancel();
    }

    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
    this.logger?.info({ url: this.url }, 'WeChat fake stopped');
  }

  private reset(): void {
    this.callLog.clear();
    this.plannedFailures.clear();
    this.state.sentMessages.length = 0;
    this.tokenFetches = 0;
  }

  private planFailure(api: unknown, failure: unknown, times: unknown): void {
    if (!WECHAT_FAKE_APIS.includes(api as WechatFakeApi)) {
      throw new TypeError(`Unknown api "${String(api)}". Expected one of ${WECHAT_FAKE_APIS.join(', ')}`);
    }
    if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) {
      throw new TypeError(`times must be a positive integer, got ${String(times)}`);
    }
    if (!isFailure(failure)) {
      throw new TypeError(
        'failure must be {errcode: number, errmsg: string}, {delayMs: number >= 0} or {httpStatus: 400-599}',
      );
    }

    const queue = this.plannedFailures.get(api as WechatFakeApi) ?? [];
    queue.push({ failure, remaining: times });
    this.plannedFailures.set(api as WechatFakeApi, queue);
  }

  /** Removes and returns the failure planned for the next call of `api`. */
  private takeFailure(api: WechatFakeApi): WechatFakeFailure | undefined {
    const planned = this.plannedFailures.get(api)?.[0];
    if (!planned) {
      return undefined;
    }

    planned.remaining -= 1;
    if (planned.remaining === 0) {
      this.plannedFailures.get(api)?.shift();
    }
    return planned.failure;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';

    try {
      const raw = await readBody(req);
      if (raw === 'too_large') {
        sendReply(res, jsonReply({ errcode: -1, errmsg: `request body exceeds ${MAX_BODY_BYTES} bytes` }), 413);
        return;
      }

      if (url.pathname.startsWith('/__fake/')) {
        sendReply(res, this.serveControl(method, url, parseBody(raw)));
        return;
      }

      const route = ROUTES.get(url.pathname);
      if (!route) {
        this.logger?.info({ method, path: url.pathname }, 'WeChat fake has no such API');
        sendReply(res, jsonReply({ errcode: -1, errmsg: 'unknown api' }), 404);
        return;
      }

      const reply = await this.serveApi(route, method, url, parseBody(raw));
      if (reply === undefined) {
        return;
      }
      sendReply(res, reply);
      this.logger?.info(
        {
          api: route.api,
          method,
          status: reply.status,
          errcode: readErrcode(reply),
          durationMs: Date.now() - startedAt,
        },
        'WeChat fake answered',
      );
    } catch (error) {
      // Only a bug in the fake gets here, so it responds like WeChat's "system error".
      this.logger?.error({ err: error, path: url.pathname, method }, 'WeChat fake failed to answer');
      sendReply(res, jsonReply({ errcode: -1, errmsg: 'system error' }), 500);
    }
  }

  /** Builds the response to one API call, or returns undefined when the fake closed during a planned delay. */
  private async serveApi(route: Route, method: string, url: URL, body: ParsedBody): Promise<FakeReply | undefined> {
    const query = firstValues(url.searchParams);
    const request: ApiRequest = { method, query, body };

    this.record(route.api, request);
    if (route.api === 'token' || route.api === 'stable_token') {
      this.tokenFetches += 1;
    }

    const failure = this.takeFailure(route.api);
    if (failure && 'errcode' in failure) {
      return jsonReply({ errcode: failure.errcode, errmsg: failure.errmsg });
    }
    if (failure && 'httpStatus' in failure) {
      const text = `${failure.httpStatus} ${STATUS_CODES[failure.httpStatus] ?? 'Error'}`;
      return { status: failure.httpStatus, contentType: 'text/plain; charset=utf-8', body: text };
    }
    if (failure && 'delayMs' in failure) {
      const elapsed = await this.sleep(failure.delayMs);
      if (!elapsed) {
        return undefined;
      }
    }

    // GET APIs take any method and read only the query. That is why WeChat rejects a
    // POST to jscode2session that carries the parameters in the body as "appid missing".
    if (route.method === 'POST' && method !== 'POST') {
      return jsonReply({ errcode: 43002, errmsg: 'require POST method' });
    }
    return route.handle(this.state, request);
  }

  private record(api: WechatFakeApi, request: ApiRequest): void {
    const calls = this.callLog.get(api) ?? [];
    calls.push({
      method: request.method,
      query: request.query,
      body: recordedBody(request.body),
      receivedAt: this.state.now(),
    });
    this.callLog.set(api, calls);
  }

  /** Waits `ms`, resolving false instead when the fake closes first. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const cancel = (): void => {
        clearTimeout(timer);
        this.pendingDelays.delete(cancel);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.pendingDelays.delete(cancel);
        resolve(true);
      }, ms);
      this.pendingDelays.add(cancel);
    });
  }

  /** Serves the test controls under /__fake/, which return 400 with {error} for bad input. */
  private serveControl(method: string, url: URL, body: ParsedBody): FakeReply {
    const endpoint = `${method} ${url.pathname}`;

    if (endpoint === 'POST /__fake/fail') {
      const input = body.kind === 'json' && isPlainObject(body.value) ? body.value : undefined;
      if (!input) {
        return controlError(400, 'Body must be a JSON object {api, failure, times?}');
      }
      try {
        this.planFailure(input.api, input.failure, input.times ?? 1);
      } catch (error) {
        return controlError(400, (error as Error).message);
      }
      return jsonReply({ ok: true });
    }

    if (endpoint === 'GET /__fake/calls') {
      const api = url.searchParams.get('api');
      if (!WECHAT_FAKE_APIS.includes(api as WechatFakeApi)) {
        return controlError(400, `Query parameter api must be one of ${WECHAT_FAKE_APIS.join(', ')}`);
      }
      return jsonReply({ calls: this.callLog.get(api as WechatFakeApi) ?? [] });
    }

    if (endpoint === 'GET /__fake/messages') {
      return jsonReply({ messages: this.state.sentMessages });
    }

    if (endpoint === 'POST /__fake/reset') {
      this.reset();
      return jsonReply({ ok: true });
    }

    return controlError(
      404,
      `No control at ${endpoint}. Use POST /__fake/fail, GET /__fake/calls?api=, GET /__fake/messages or POST /__fake/reset`,
    );
  }
}

function controlError(status: number, message: string): FakeReply {
  return { ...jsonReply({ error: message }, 'application/json; charset=utf-8'), status };
}

function isFailure(value: unknown): value is WechatFakeFailure {
  if (!isPlainObject(value)) {
    return false;
  }
  if ('errcode' in value) {
    return Number.isInteger(value.errcode) && typeof value.errmsg === 'string';
  }
  if ('delayMs' in value) {
    return typeof value.delayMs === 'number' && Number.isFinite(value.delayMs) && value.delayMs >= 0;
  }
  if ('httpStatus' in value) {
    return (
      Number.isInteger(value.httpStatus) && (value.httpStatus as number) >= 400 && (value.httpStatus as number) <= 599
    );
  }
  return false;
}

/** Reads a request body, draining but dropping anything past 1 MB so the client still gets the 413. */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(buffer);
    }
  }
  return size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks);
}

function parseBody(raw: Buffer): ParsedBody {
  if (raw.length === 0) {
    return { kind: 'none' };
  }

  const text = raw.toString('utf8');
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid', text };
  }
}

function recordedBody(body: ParsedBody): unknown {
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'invalid':
      return body.text;
    case 'none':
      return undefined;
  }
}

/** Keeps the first value of each query parameter. */
function firstValues(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(key in query)) {
      query[key] = value;
    }
  }
  return query;
}

function readErrcode(reply: FakeReply): number | undefined {
  if (typeof reply.body !== 'string') {
    return undefined;
  }
  const match = /"errcode":(-?\d+)/.exec(reply.body);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function sendReply(res: ServerResponse, reply: FakeReply, status: number = reply.status): void {
  if (res.destroyed || res.writableEnded) {
    return;
  }

  res.writeHead(status, {
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.body),
  });
  res.end(reply.body);
}
