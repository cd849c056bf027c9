import { ApiError, decodeErrorResponse, networkError, parseBody } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** A JSON-serialisable value; transports send it as application/json. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

/**
 * Sends one request. Resolves for every HTTP status, and rejects only when no
 * response arrived (offline, DNS, timeout, refused connection).
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** What the client needs from the session: the current token, and a way to renew or drop it. */
export interface SessionHooks {
  getAccessToken(): string | null;
  /**
   * Renews the tokens. Resolves true on success and false when the API
   * rejected the refresh token; rejects with a network ApiError when offline.
   */
  refresh(): Promise<boolean>;
  /** Forgets the stored session, after the API rejected it. */
  clear(): void;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Sends the bearer token, and fails with UNAUTHENTICATED without a request when there is none. */
  auth?: boolean;
}

export interface ApiClientOptions {
  baseUrl: string;
  transport: Transport;
  session: SessionHooks;
  /** Wait before the one retry of a GET, in milliseconds. */
  retryDelayMs?: number;
}

/**
 * Decides whether a request that got no response is sent again.
 *
 * Only GETs are retried, and only once: repeating a POST or PATCH could apply
 * a change twice when the first attempt reached the server but the response was lost.
 */
export function shouldRetryAfterNetworkError(method: HttpMethod, attempt: number): boolean {
  return method === 'GET' && attempt === 0;
}

/** Decides whether a failed call renews the access token and is sent once more. */
export function needsTokenRefresh(error: ApiError, sentToken: boolean, alreadyRefreshed: boolean): boolean {
  return sentToken && !alreadyRefreshed && error.status === 401 && error.code === 'TOKEN_EXPIRED';
}

/** Joins the base URL, a path starting with '/', and URL-encoded query parameters. Empty values are left out. */
export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length === 0 ? `${base}${path}` : `${base}${path}?${pairs.join('&')}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * Creates the JSON API client: base URL, bearer token, error decoding into
 * ApiError, one retry of GETs without a response, and one token refresh on
 * TOKEN_EXPIRED.
 */
export function createApiClient({ baseUrl, transport, session, retryDelayMs = 500 }: ApiClientOptions) {
  async function sendWithRetry(request: HttpRequest, send: Transport): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(request);
      } catch {
        if (!shouldRetryAfterNetworkError(request.method, attempt)) throw networkError();
        await delay(retryDelayMs);
      }
    }
  }

  /**
   * Runs a request through authentication and error handling. `send` defaults
   * to the JSON transport; uploads pass their own.
   */
  async function execute<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
    send: Transport = transport,
  ): Promise<T> {
    const url = buildUrl(baseUrl, path, options.query);
    let refreshed = false;

    for (;;) {
      const token = options.auth ? session.getAccessToken() : null;
      if (options.auth && !token) {
        throw decodeErrorResponse(401, null);
      }

      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;

      const response = await sendWithRetry({ method, url, headers, body: options.body }, send);
      if (response.status >= 200 && response.status < 300) {
        return (response.status === 204 ? undefined : parseBody(response.body)) as T;
      }

      const error = decodeErrorResponse(response.status, response.body);
      if (needsTokenRefresh(error, token !== null, refreshed)) {
        refreshed = true;
        if (await session.refresh()) continue;
        session.clear();
        throw error;
      }

      // A token the API no longer accepts for another reason (revoked, user
      // removed) is useless; dropping it lets the 我的 page offer login again.
      if (token !== null && error.status === 401) session.clear();
      throw error;
    }
  }

  return {
    execute,
    get: <T>(path: string, options?: RequestOptions) => execute<T>('GET', path, options),
    post: <T>(path: string, options?: RequestOptions) => execute<T>('POST', path, options),
    patch: <T>(path: string, options?: RequestOptions) => execute<T>('PATCH', path, options),
    delete: <T>(path: string, options?: RequestOptions) => execute<T>('DELETE', path, options),
  };
}
