import { anyone } from './access';
import { matchRoute, route } from './router';

const noop = async () => undefined;
const routes = [
  route('GET', '/shops/mine', anyone, noop),
  route('GET', '/shops/:id', anyone, noop),
  route('PATCH', '/shops/:id', anyone, noop),
  route('DELETE', '/shops/:id/photos/:photoId', anyone, noop),
];

test('literal segment wins over a parameter', () => {
  expect(matchRoute(routes, 'GET', '/shops/mine')).toMatchObject({ kind: 'found', route: { pattern: '/shops/mine' } });
});

test('parameters are decoded', () => {
  expect(matchRoute(routes, 'DELETE', '/shops/a%20b/photos/p1')).toMatchObject({
    params: { id: 'a b', photoId: 'p1' },
  });
});

test('other method lists the allowed ones', () => {
  expect(matchRoute(routes, 'POST', '/shops/x')).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'PATCH'] });
});

test('broken escape does not match', () => {
  expect(matchRoute(routes, 'GET', '/shops/%E4%').kind).toBe('not_found');
});

test('trailing slash matches', () => {
  expect(matchRoute(routes, 'GET', '/shops/abc/').kind).toBe('found');
});
