import { countyAdmin, isAllowed, shopManager, signedIn, anyone } from './access';

const shopId = '11111111-1111-4111-8111-111111111111';
const owner = { userId: 'u1', roles: [{ role: 'shop_owner' as const, scopeId: shopId }] };
const admin = { userId: 'u2', roles: [{ role: 'county_admin' as const, scopeId: '150623' }] };
const tourist = { userId: 'u3', roles: [] };

test.each([
  ['anyone, anonymous', anyone, null, true],
  ['signed in, anonymous', signedIn, null, false],
  ['signed in, tourist', signedIn, tourist, true],
  ['admin route, tourist', countyAdmin, tourist, false],
  ['admin route, owner', countyAdmin, owner, false],
  ['admin route, admin', countyAdmin, admin, true],
  ['shop route, its owner', shopManager(), owner, true],
  ['shop route, admin', shopManager(), admin, true],
  ['shop route, tourist', shopManager(), tourist, false],
])('%s', (_name, policy, caller, allowed) => {
  expect(isAllowed(policy, caller, { id: shopId })).toBe(allowed);
});

test('owner of another shop is refused', () => {
  expect(isAllowed(shopManager(), owner, { id: '22222222-2222-4222-8222-222222222222' })).toBe(false);
});

test('admin of another county is refused', () => {
  expect(isAllowed(countyAdmin, { userId: 'u4', roles: [{ role: 'county_admin', scopeId: '150624' }] }, {})).toBe(
    false,
  );
});
