/**
 * The one place that reads process.env. Parsed once into a typed object; empty
 * strings count as missing so that `FOO=` in a .env file does not pass as set.
 *
 * Local development and tests run on embedded defaults. In production
 * (NODE_ENV=production) every secret must be set; the error names the variable.
 */
import { z } from 'zod';

const LOCAL_TOKEN_SECRET = 'local-dev-only-token-secret-change-me-0123456789';

const emptyAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsMissing, z.string().optional());
const optionalUrl = z.preprocess(emptyAsMissing, z.string().url().optional());

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsMissing, z.enum(['development', 'test', 'production']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyAsMissing,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),

  DATABASE_URL: optionalString,
  /** `neon` (WebSocket Pool, production), `pg` (node-postgres) or `pglite` (embedded). */
  DATABASE_DRIVER: z.preprocess(emptyAsMissing, z.enum(['neon', 'pg', 'pglite']).optional()),
  /** WebSocket-to-TCP proxy for the Neon driver against a plain PostgreSQL, as `host:port/path` (CI only). */
  NEON_WS_PROXY: optionalString,
  PGLITE_DATA_DIR: optionalString,

  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  /** Prepended to every Redis key, so that test runs sharing one server never see each other's keys. */
  REDIS_KEY_PREFIX: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^[0-9A-Za-z_:-]*$/)
      .default(''),
  ),

  WECHAT_API_BASE: optionalUrl,
  WECHAT_APP_ID: optionalString,
  WECHAT_APP_SECRET: optionalString,
  /** `release`, `trial` or `develop`: which version of the mini-program a 小程序码 opens. */
  WECHAT_ENV_VERSION: z.preprocess(emptyAsMissing, z.enum(['release', 'trial', 'develop']).default('release')),

  AUTH_TOKEN_SECRET: optionalString,

  BLOB_READ_WRITE_TOKEN: optionalString,
  LOCAL_STORAGE_DIR: optionalString,
  PUBLIC_BASE_URL: optionalUrl,

  /** Shared secret Vercel Cron sends as a bearer token to the delivery function. */
  CRON_SECRET: optionalString,
  /** Subscribe-message template ids by template key, as JSON: {"shopOwnerBound":"<id from mp.weixin.qq.com>"}. */
  WECHAT_SUBSCRIBE_TEMPLATES: optionalString,

  /** Seconds a warm instance keeps a shop page in memory before reading it again. */
  SHOP_CACHE_SECONDS: z.preprocess(emptyAsMissing, z.coerce.number().int().min(0).max(3600).default(30)),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  isProduction: boolean;
  logLevel: string;
  database:
    | { driver: 'neon'; url: string; wsProxy?: string }
    | { driver: 'pg'; url: string }
    | { driver: 'pglite'; dataDir?: string };
  redis: { url: string; token: string; keyPrefix: string };
  wechat: { apiBase: string; appId: string; appSecret: string; envVersion: 'release' | 'trial' | 'develop' };
  auth: { tokenSecret: string; accessTokenSeconds: number; refreshTokenDays: number; devLoginEnabled: boolean };
  storage: { kind: 'blob'; token: string } | { kind: 'local'; dir: string; publicBaseUrl: string };
  shopCacheSeconds: number;
  cronSecret: string;
  /** Template id per subscribe template key; a key without an id is not sent. */
  subscribeTemplates: Record<string, string>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function required(name: string, value: string | undefined, hint: string): string {
  if (value === undefined) throw new ConfigError(`${name} is missing: ${hint}`);
  return value;
}

/** Parses an environment into a Config. Exported for tests; the app uses `config()`. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';

  let database: Config['database'];
  let driver = e.DATABASE_DRIVER;
  if (driver === undefined && e.DATABASE_URL === undefined) driver = 'pglite';
  else if (driver === undefined) driver = isProduction ? 'neon' : 'pg';

  if (driver === 'pglite') {
    if (isProduction) throw new ConfigError('DATABASE_URL is missing: set it to the Neon connection string');
    database = { driver, dataDir: e.PGLITE_DATA_DIR };
  } else {
    const url = required('DATABASE_URL', e.DATABASE_URL, `set it to a postgres:// URL for the ${driver} driver`);
    database = driver === 'neon' ? { driver, url, wsProxy: e.NEON_WS_PROXY } : { driver, url };
  }

  const redis = isProduction
    ? {
        url: required('UPSTASH_REDIS_REST_URL', e.UPSTASH_REDIS_REST_URL, 'set it to the Upstash REST URL'),
        token: required('UPSTASH_REDIS_REST_TOKEN', e.UPSTASH_REDIS_REST_TOKEN, 'set it to the Upstash REST token'),
        keyPrefix: e.REDIS_KEY_PREFIX,
      }
    : {
        url: e.UPSTASH_REDIS_REST_URL ?? 'http://127.0.0.1:8079',
        token: e.UPSTASH_REDIS_REST_TOKEN ?? 'local-dev-token',
        keyPrefix: e.REDIS_KEY_PREFIX,
      };

  const wechat = {
    apiBase: e.WECHAT_API_BASE ?? (isProduction ? 'https://api.weixin.qq.com' : 'http://127.0.0.1:8078'),
    appId: isProduction
      ? required('WECHAT_APP_ID', e.WECHAT_APP_ID, 'set it to the mini-program AppID from mp.weixin.qq.com')
      : (e.WECHAT_APP_ID ?? 'wx0000000000000000'),
    appSecret: isProduction
      ? required('WECHAT_APP_SECRET', e.WECHAT_APP_SECRET, 'set it to the mini-program AppSecret')
      : (e.WECHAT_APP_SECRET ?? 'local-dev-secret'),
    envVersion: e.WECHAT_ENV_VERSION,
  };

  const tokenSecret = isProduction
    ? required('AUTH_TOKEN_SECRET', e.AUTH_TOKEN_SECRET, 'set it to a random string of at least 32 characters')
    : (e.AUTH_TOKEN_SECRET ?? LOCAL_TOKEN_SECRET);
  if (tokenSecret.length < 32) {
    throw new ConfigError('AUTH_TOKEN_SECRET is too short: use at least 32 random characters');
  }

  let storage: Config['storage'];
  if (e.BLOB_READ_WRITE_TOKEN) {
    storage = { kind: 'blob', token: e.BLOB_READ_WRITE_TOKEN };
  } else if (isProduction) {
    throw new ConfigError('BLOB_READ_WRITE_TOKEN is missing: connect a Vercel Blob store to the project');
  } else {
    storage = {
      kind: 'local',
      dir: e.LOCAL_STORAGE_DIR ?? '.data/files',
      publicBaseUrl: e.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000',
    };
  }

  const cronSecret = isProduction
    ? required('CRON_SECRET', e.CRON_SECRET, 'set it to a random string; Vercel Cron sends it as a bearer token')
    : (e.CRON_SECRET ?? 'local-dev-cron-secret');

  return {
    env: e.NODE_ENV,
    isProduction,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    database,
    redis,
    wechat,
    auth: { tokenSecret, accessTokenSeconds: 15 * 60, refreshTokenDays: 30, devLoginEnabled: !isProduction },
    storage,
    shopCacheSeconds: e.SHOP_CACHE_SECONDS,
    cronSecret,
    subscribeTemplates: parseTemplateIds(e.WECHAT_SUBSCRIBE_TEMPLATES, isProduction),
  };
}

/** Template ids used with the local WeChat fake, which accepts any id. */
const LOCAL_TEMPLATE_IDS: Record<string, string> = {
  shopOwnerBound: 'local-template-shop-owner-bound',
};

function parseTemplateIds(json: string | undefined, isProduction: boolean): Record<string, string> {
  if (json === undefined) return isProduction ? {} : LOCAL_TEMPLATE_IDS;

  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(
      'WECHAT_SUBSCRIBE_TEMPLATES is not valid JSON: set it like {"shopOwnerBound":"<template id>"}',
    );
  }
  const result = z.record(z.string(), z.string().min(1)).safeParse(parsed);
  if (!result.success) {
    throw new ConfigError('WECHAT_SUBSCRIBE_TEMPLATES must map template keys to non-empty template id strings');
  }
  return result.data;
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration so the next call reads process.env again. Tests only. */
export function resetConfigForTests(): void {
  cached = undefined;
}
