/**
 * Who may call what: every endpoint of every module, called
 * by each kind of caller. "pass" means the access check let the call through
 * (the response may still be a 4xx about the input); 401 and 403 mean it did not.
 * The target shop is JY01, owned by the demo food owner.
 */
import type { ShopDetail } from '../../shared/contracts/shops';
import { startTestApp, type TestApp } from '../helpers/app';

type Caller = 'anonymous' | 'tourist' | 'owner' | 'otherOwner' | 'admin';
type Outcome = 'pass' | 401 | 403;

const CALLERS: Caller[] = ['anonymous', 'tourist', 'owner', 'otherOwner', 'admin'];
const RANDOM_ID = '00000000-0000-4000-8000-0000000000aa';

let app: TestApp;
let tokens: Record<Caller, string | undefined>;
let shop: ShopDetail;

beforeAll(async () => {
  app = await startTestApp();
  tokens = {
    anonymous: undefined,
    tourist: (await app.loginAs('tourist')).accessToken,
    owner: (await app.loginAs('foodOwner')).accessToken,
    otherOwner: (await app.loginAs('lodgingOwner')).accessToken,
    admin: (await app.loginAs('admin')).accessToken,
  };
  shop = (await app.request<ShopDetail>('GET', '/api/v1/shops/by-code/JY01')).body;
}, 60000);

afterAll(async () => {
  await app?.close();
});

const everyone: Record<Caller, Outcome> = {
  anonymous: 'pass',
  tourist: 'pass',
  owner: 'pass',
  otherOwner: 'pass',
  admin: 'pass',
};
const signedIn: Record<Caller, Outcome> = {
  anonymous: 401,
  tourist: 'pass',
  owner: 'pass',
  otherOwner: 'pass',
  admin: 'pass',
};
const shopManager: Record<Caller, Outcome> = {
  anonymous: 401,
  tourist: 403,
  owner: 'pass',
  otherOwner: 403,
  admin: 'pass',
};
const cronOnly: Record<Caller, Outcome> = { anonymous: 401, tourist: 401, owner: 401, otherOwner: 401, admin: 401 };
const adminOnly: Record<Caller, Outcome> = { anonymous: 401, tourist: 403, owner: 403, otherOwner: 403, admin: 'pass' };

interface Endpoint {
  name: string;
  method: string;
  path: () => string;
  /** A body that passes the access check but changes nothing, where possible. */
  json?: unknown | (() => Promise<unknown>);
  expected: Record<Caller, Outcome>;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'street', method: 'GET', path: () => '/api/v1/shops/streets/JYJ', expected: everyone },
  { name: 'shop by code', method: 'GET', path: () => '/api/v1/shops/by-code/JY01', expected: everyone },
  { name: 'shop by id', method: 'GET', path: () => `/api/v1/shops/${shop.id}`, expected: everyone },
  {
    name: 'record scan',
    method: 'POST',
    path: () => '/api/v1/shops/scans',
    json: { shopCode: 'JY01', visitorId: 'matrix-visitor-1' },
    expected: everyone,
  },
  { name: 'my shops', method: 'GET', path: () => '/api/v1/shops/mine', expected: signedIn },
  {
    name: 'edit shop',
    method: 'PATCH',
    path: () => `/api/v1/shops/${shop.id}`,
    json: { openingHours: '全天', expectedUpdatedAt: 'stale' },
    expected: shopManager,
  },
  {
    name: 'upload photo',
    method: 'POST',
    path: () => `/api/v1/shops/${shop.id}/photos`,
    json: {},
    expected: shopManager,
  },
  {
    name: 'delete photo',
    method: 'DELETE',
    path: () => `/api/v1/shops/${shop.id}/photos/${RANDOM_ID}`,
    expected: shopManager,
  },
  { name: 'shop code', method: 'POST', path: () => `/api/v1/shops/${shop.id}/code`, expected: shopManager },
  {
    name: 'scan stats',
    method: 'GET',
    path: () => `/api/v1/shops/${shop.id}/stats?from=2026-12-01&to=2026-12-03`,
    expected: shopManager,
  },
  { name: 'list owners', method: 'GET', path: () => `/api/v1/shops/${shop.id}/owners`, expected: adminOnly },
  {
    name: 'bind owner',
    method: 'POST',
    path: () => `/api/v1/shops/${shop.id}/owners`,
    json: { userId: RANDOM_ID },
    expected: adminOnly,
  },
  {
    name: 'unbind owner',
    method: 'DELETE',
    path: () => `/api/v1/shops/${shop.id}/owners/${RANDOM_ID}`,
    expected: adminOnly,
  },
  { name: 'who am I', method: 'GET', path: () => '/api/v1/auth/me', expected: signedIn },
  { name: 'search users', method: 'GET', path: () => '/api/v1/auth/users', expected: adminOnly },
  { name: 'demo users', method: 'GET', path: () => '/api/v1/auth/dev-users', expected: everyone },
  {
    name: 'demo login',
    method: 'POST',
    path: () => '/api/v1/auth/dev-login',
    json: { userId: '00000000-0000-4000-8000-000000000004' },
    expected: everyone,
  },
  { name: 'wechat login', method: 'POST', path: () => '/api/v1/auth/wechat', json: { code: '' }, expected: everyone },
  {
    name: 'refresh',
    method: 'POST',
    path: () => '/api/v1/auth/refresh',
    // A made-up token would be rejected with 401 by the service, not by the access check.
    json: async () => ({ refreshToken: (await app.loginAs('tourist')).refreshToken }),
    expected: everyone,
  },
  {
    name: 'logout',
    method: 'POST',
    path: () => '/api/v1/auth/logout',
    json: { refreshToken: 'x'.repeat(43) },
    expected: everyone,
  },
  { name: 'regions', method: 'GET', path: () => '/api/v1/regions', expected: everyone },
  { name: 'inbox', method: 'GET', path: () => '/api/v1/notifications/inbox', expected: signedIn },
  { name: 'unread count', method: 'GET', path: () => '/api/v1/notifications/unread-count', expected: signedIn },
  { name: 'read all', method: 'POST', path: () => '/api/v1/notifications/inbox/read-all', expected: signedIn },
  { name: 'read one', method: 'POST', path: () => `/api/v1/notifications/inbox/${RANDOM_ID}/read`, expected: signedIn },
  {
    name: 'subscribe templates',
    method: 'GET',
    path: () => '/api/v1/notifications/subscribe-templates',
    expected: signedIn,
  },
  {
    name: 'record consents',
    method: 'POST',
    path: () => '/api/v1/notifications/consents',
    json: { results: {} },
    expected: signedIn,
  },
  { name: 'dead letters', method: 'GET', path: () => '/api/v1/notifications/dead-letters', expected: adminOnly },
  {
    name: 'retry dead letters',
    method: 'POST',
    path: () => '/api/v1/notifications/dead-letters/retry',
    json: { ids: [RANDOM_ID] },
    expected: adminOnly,
  },
  // Only Vercel Cron's secret opens the deliverer; no user token does.
  { name: 'cron deliverer', method: 'GET', path: () => '/api/v1/notifications/deliver', expected: cronOnly },
];

const CASES = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.name, caller, endpoint] as const));

test.each(CASES)('%s as %s', async (_name, caller, endpoint) => {
  const json = typeof endpoint.json === 'function' ? await (endpoint.json as () => Promise<unknown>)() : endpoint.json;
  const response = await app.request(endpoint.method, endpoint.path(), { token: tokens[caller], json });
  const expected = endpoint.expected[caller];

  if (expected === 'pass') {
    expect([401, 403]).not.toContain(response.status);
    expect(response.status).toBeLessThan(500);
  } else {
    expect(response.status).toBe(expected);
  }
});

test('every route is in the matrix', async () => {
  const { shopRoutes } = await import('../../functions/_lib/modules/shops/routes');
  const { authRoutes } = await import('../../functions/_lib/modules/auth/routes');
  const { notificationRoutes } = await import('../../functions/_lib/modules/notifications/routes');
  const { regionRoutes } = await import('../../functions/_lib/modules/regions/routes');
  const covered = new Set(
    ENDPOINTS.map(
      (endpoint) =>
        `${endpoint.method} ${endpoint.path().split('?')[0]!.replace(shop.id, ':id').replace(RANDOM_ID, ':other')}`,
    ),
  );
  const routes = [...shopRoutes, ...authRoutes, ...notificationRoutes, ...regionRoutes].map((route) =>
    `${route.method} /api/v1${route.pattern}`
      .replace(':photoId', ':other')
      .replace(':userId', ':other')
      .replace('inbox/:id', 'inbox/:other')
      .replace('streets/:code', 'streets/JYJ')
      .replace('by-code/:code', 'by-code/JY01'),
  );
  expect(routes.filter((route) => !covered.has(route))).toEqual([]);
});
