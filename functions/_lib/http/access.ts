/**
 * Who may call a route. Roles are scoped: a county admin has the role for
 * the county code, a shop owner for one shop id. A route names its policy;
 * the module handler checks it before the route runs.
 */
import type { Role, RoleGrant } from '../../../shared/contracts/auth';

export const COUNTY_CODE = '150623';

export interface Caller {
  userId: string;
  roles: RoleGrant[];
}

export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'cron' }
  | { kind: 'signed_in' }
  | { kind: 'role'; role: Role; describe: string; scopeOf(params: Record<string, string>): string | string[] };

/** Anyone, signed in or not. */
export const anyone: AccessPolicy = { kind: 'public' };

/** Vercel Cron, which sends CRON_SECRET as a bearer token; checked by the module handler. */
export const cronJob: AccessPolicy = { kind: 'cron' };

/** Any signed-in user. */
export const signedIn: AccessPolicy = { kind: 'signed_in' };

/** County staff of the 大数据中心 (data centre). */
export const countyAdmin: AccessPolicy = {
  kind: 'role',
  role: 'county_admin',
  describe: 'county admin',
  scopeOf: () => COUNTY_CODE,
};

/** The owner of the shop named by the route parameter, or a county admin. */
export function shopManager(param = 'id'): AccessPolicy {
  return {
    kind: 'role',
    role: 'shop_owner',
    describe: `owner of shop :${param} or county admin`,
    scopeOf: (params) => params[param] ?? '',
  };
}

export function hasRole(caller: Caller, role: Role, scopeId: string): boolean {
  return caller.roles.some((grant) => grant.role === role && grant.scopeId === scopeId);
}

export function isCountyAdmin(caller: Caller | null): boolean {
  return caller !== null && hasRole(caller, 'county_admin', COUNTY_CODE);
}

/** Decides a policy for a caller. County admins pass every role check: they run the platform. */
export function isAllowed(policy: AccessPolicy, caller: Caller | null, params: Record<string, string>): boolean {
  if (policy.kind === 'public') return true;
  if (policy.kind === 'cron') return false;
  if (caller === null) return false;
  if (policy.kind === 'signed_in') return true;
  if (isCountyAdmin(caller)) return true;

  const scopes = policy.scopeOf(params);
  const scopeIds = Array.isArray(scopes) ? scopes : [scopes];
  return scopeIds.some((scopeId) => scopeId !== '' && hasRole(caller, policy.role, scopeId));
}
