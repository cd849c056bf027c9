import type { SessionUser } from '@shared/domain/auth';
import { isCountyAdmin, ownedShopIds, canManageShops } from './roles';
import { parseStoredSession, sessionFromTokens } from './stored';

const owner: SessionUser = {
  id: 'u1',
  nickname: '店主甲',
  avatarUrl: null,
  roles: [
    { role: 'shop_owner', scopeId: 'shop-1' },
    { role: 'shop_owner', scopeId: 'shop-2' },
  ],
  isDemo: true,
};

describe('sessionFromTokens', () => {
  it('turns expiresIn seconds into an expiry time', () => {
    const session = sessionFromTokens({ accessToken: 'a', refreshToken: 'r', expiresIn: 900, user: owner }, 1_000);

    expect(session.accessExpiresAt).toBe(901_000);
  });
});

describe('parseStoredSession', () => {
  const valid = { accessToken: 'a', refreshToken: 'r', accessExpiresAt: 5, user: owner };

  it('accepts a complete session', () => {
    expect(parseStoredSession(valid)).toEqual(valid);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'session'],
    ['an empty token', { ...valid, accessToken: '' }],
    ['a missing refresh token', { ...valid, refreshToken: undefined }],
    ['a text expiry', { ...valid, accessExpiresAt: '5' }],
    ['a user without roles', { ...valid, user: { id: 'u1', nickname: 'x' } }],
  ])('rejects %s', (_label, value) => {
    expect(parseStoredSession(value)).toBeNull();
  });
});

describe('roles', () => {
  const admin: SessionUser = { ...owner, roles: [{ role: 'county_admin', scopeId: '150623' }] };

  it('lists owned shop ids', () => {
    expect(ownedShopIds(owner)).toEqual(['shop-1', 'shop-2']);
  });

  it('recognises a county admin', () => {
    expect(isCountyAdmin(admin)).toBe(true);
    expect(isCountyAdmin(owner)).toBe(false);
  });

  it('lets owners and admins manage shops', () => {
    expect(canManageShops(owner)).toBe(true);
    expect(canManageShops(admin)).toBe(true);
    expect(canManageShops({ ...owner, roles: [] })).toBe(false);
    expect(canManageShops(null)).toBe(false);
  });
});
