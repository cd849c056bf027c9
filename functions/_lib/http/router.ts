/**
 * A small path router for one module's entry point. Patterns are written
 * relative to /api/v1, e.g. `/shops/:id/photos`; `:name` matches one segment.
 */
import type { VercelRequest, VercelResponse } from '@vercel/node';
import type { Logger } from '../logger';
import type { AccessPolicy, Caller } from './access';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestContext {
  req: VercelRequest;
  res: VercelResponse;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  requestId: string;
  log: Logger;
  /** Signed-in caller, or null for anonymous requests. Resolved before the access check. */
  caller: Caller | null;
  /** The signed-in caller; throws UNAUTHENTICATED for anonymous requests. */
  requireCaller(): Caller;
  /** The JSON body; an empty object when none was sent. */
  body(): unknown;
  /** Client address as Vercel's edge reports it, for rate limits. */
  clientIp: string;
}

/**
 * What a handler returns: a JSON `body` (status 200 unless `status` is set), an
 * already serialised `raw` body, or nothing for 204.
 */
export type RouteResult = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } | void;

export interface Route {
  method: HttpMethod;
  pattern: string;
  /** Who may call this route; checked before the handler runs. */
  access: AccessPolicy;
  handle(context: RequestContext): Promise<RouteResult>;
  segments: string[];
}

/** Declares a route; `access` is required so that every handler states who may call it. */
export function route(method: HttpMethod, pattern: string, access: AccessPolicy, handle: Route['handle']): Route {
  return { method, pattern, access, handle, segments: splitPath(pattern) };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'not_found' };

/** Finds the route for a method and a path below /api/v1. Literal segments win over parameters. */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const segments = splitPath(path);
  const allowed: HttpMethod[] = [];
  let best: { route: Route; params: Record<string, string>; literals: number } | undefined;

  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, segments);
    if (!params) continue;
    if (candidate.method !== method) {
      allowed.push(candidate.method);
      continue;
    }
    const literals = candidate.segments.filter((segment) => !segment.startsWith(':')).length;
    if (!best || literals > best.literals) best = { route: candidate, params, literals };
  }

  if (best) return { kind: 'found', route: best.route, params: best.params };
  if (allowed.length > 0) return { kind: 'method_not_allowed', allowed };
  return { kind: 'not_found' };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;

  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] as string;
    const value = actual[i] as string;
    if (expected.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return undefined;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}
