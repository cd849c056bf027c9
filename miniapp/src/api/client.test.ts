import {
  buildUrl,
  createApiClient,
  needsTokenRefresh,
  shouldRetryAfterNetworkError,
  type HttpRequest,
  type HttpResponse,
  type SessionHooks,
} from './client';
import { ApiError } from './errors';

/** Creates a transport that replays scripted outcomes and records every request. */
function scriptedTransport(outcomes: Array<HttpResponse | 'offline'>) {
  const requests: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request);
    const next = outcomes.shift();
    if (next === undefined) throw new Error('transport called more often than scripted');
    if (next === 'offline') throw new Error('request:fail');
    return next;
  };
  return { transport, requests };
}

function fakeSession(token: string | null, refreshResult: boolean | 'offline' = true) {
  let current = token;
  const calls = { refresh: 0, clear: 0 };
  const session: SessionHooks = {
    getAccessToken: () => current,
    refresh: async () => {
      calls.refresh += 1;
      if (refreshResult === 'offline') throw new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试');
      if (refreshResult) current = 'renewed-token';
      return refreshResult;
    },
    clear: () => {
      calls.clear += 1;
      current = null;
    },
  };
  return { session, calls };
}

const expired: HttpResponse = {
  status: 401,
  body: { error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } },
};

describe('shouldRetryAfterNetworkError', () => {
  it('retries a GET once', () => {
    expect(shouldRetryAfterNetworkError('GET', 0)).toBe(true);
    expect(shouldRetryAfterNetworkError('GET', 1)).toBe(false);
  });

  it.each(['POST', 'PATCH', 'PUT', 'DELETE'] as const)('never retries %s', (method) => {
    expect(shouldRetryAfterNetworkError(method, 0)).toBe(false);
  });
});

describe('needsTokenRefresh', () => {
  const tokenExpired = new ApiError('TOKEN_EXPIRED', '登录已过期', 401);

  it('refreshes on TOKEN_EXPIRED after sending a token', () => {
    expect(needsTokenRefresh(tokenExpired, true, false)).toBe(true);
  });

  it('refreshes at most once per call', () => {
    expect(needsTokenRefresh(tokenExpired, true, true)).toBe(false);
  });

  it('skips calls sent without a token', () => {
    expect(needsTokenRefresh(tokenExpired, false, false)).toBe(false);
  });

  it('skips other 401 codes', () => {
    expect(needsTokenRefresh(new ApiError('UNAUTHENTICATED', '请先登录', 401), true, false)).toBe(false);
  });
});

describe('buildUrl', () => {
  it('encodes query values and leaves out empty ones', () => {
    const url = buildUrl('http://127.0.0.1:3000/', '/api/v1/auth/users', {
      q: '金 元',
      empty: '',
      none: undefined,
      n: 3,
    });

    expect(url).toBe('http://127.0.0.1:3000/api/v1/auth/users?q=%E9%87%91%20%E5%85%83&n=3');
  });

  it('works with the same-origin base', () => {
    expect(buildUrl('', '/api/v1/shops/mine')).toBe('/api/v1/shops/mine');
  });
});

describe('createApiClient', () => {
  it('sends the bearer token and returns the parsed body', async () => {
    const { transport, requests } = scriptedTransport([{ status: 200, body: { shops: [] } }]);
    const { session } = fakeSession('token-1');
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/shops/mine', { auth: true })).resolves.toEqual({ shops: [] });
    expect(requests[0]?.headers.Authorization).toBe('Bearer token-1');
  });

  it('returns undefined for 204', async () => {
    const { transport } = scriptedTransport([{ status: 204, body: '' }]);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session });

    await expect(client.post('/api/v1/shops/scans', { body: {} })).resolves.toBeUndefined();
  });

  it('rejects auth call when logged out', async () => {
    const { transport, requests } = scriptedTransport([]);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session });

    await expect(client.get('/api/v1/auth/me', { auth: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(requests).toHaveLength(0);
  });

  it('retries a GET once after a network failure', async () => {
    const { transport, requests } = scriptedTransport(['offline', { status: 200, body: { ok: 1 } }]);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session, retryDelayMs: 0 });

    await expect(client.get('/x')).resolves.toEqual({ ok: 1 });
    expect(requests).toHaveLength(2);
  });

  it('gives up on a GET after the second network failure', async () => {
    const { transport, requests } = scriptedTransport(['offline', 'offline']);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session, retryDelayMs: 0 });

    await expect(client.get('/x')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    expect(requests).toHaveLength(2);
  });

  it('does not retry a POST after a network failure', async () => {
    const { transport, requests } = scriptedTransport(['offline']);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session, retryDelayMs: 0 });

    await expect(client.post('/x', { body: {} })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(requests).toHaveLength(1);
  });

  it('does not retry a GET that got an HTTP error', async () => {
    const { transport, requests } = scriptedTransport([{ status: 503, body: null }]);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession(null).session, retryDelayMs: 0 });

    await expect(client.get('/x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(requests).toHaveLength(1);
  });

  it('refreshes an expired token and repeats the call with the new one', async () => {
    const { transport, requests } = scriptedTransport([expired, { status: 200, body: { id: 'u1' } }]);
    const { session, calls } = fakeSession('old-token');
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/auth/me', { auth: true })).resolves.toEqual({ id: 'u1' });
    expect(calls.refresh).toBe(1);
    expect(requests.map((request) => request.headers.Authorization)).toEqual([
      'Bearer old-token',
      'Bearer renewed-token',
    ]);
  });

  it('clears the session when the refresh is rejected', async () => {
    const { transport, requests } = scriptedTransport([expired]);
    const { session, calls } = fakeSession('old-token', false);
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/auth/me', { auth: true })).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(calls.clear).toBe(1);
    expect(requests).toHaveLength(1);
  });

  it('keeps the session when the refresh fails offline', async () => {
    const { transport } = scriptedTransport([expired]);
    const { session, calls } = fakeSession('old-token', 'offline');
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/auth/me', { auth: true })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(calls.clear).toBe(0);
  });

  it('refreshes only once when the renewed token also expires', async () => {
    const { transport, requests } = scriptedTransport([expired, expired]);
    const { session, calls } = fakeSession('old-token');
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/auth/me', { auth: true })).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(calls.refresh).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('clears the session on another 401 after sending a token', async () => {
    const { transport } = scriptedTransport([
      { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } },
    ]);
    const { session, calls } = fakeSession('revoked-token');
    const client = createApiClient({ baseUrl: '', transport, session });

    await expect(client.get('/api/v1/shops/mine', { auth: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls.clear).toBe(1);
    expect(calls.refresh).toBe(0);
  });

  it('passes field messages of a 400 through', async () => {
    const body = {
      error: { code: 'VALIDATION_FAILED', message: '有误', details: { fields: { phone: '联系电话格式不正确' } } },
    };
    const { transport } = scriptedTransport([{ status: 400, body }]);
    const client = createApiClient({ baseUrl: '', transport, session: fakeSession('t').session });

    await expect(client.patch('/api/v1/shops/1', { auth: true, body: {} })).rejects.toMatchObject({
      fields: { phone: '联系电话格式不正确' },
    });
  });
});
