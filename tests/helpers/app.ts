/**
 * Starts the whole API for one test file: WeChat fake, Redis bridge, a fresh
 * database (migrated, seeded with the demo street), and the dev server that
 * mounts the real `functions/` handlers with Vercel's helpers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SessionTokens } from '../../shared/contracts/auth';
import type { WechatFake } from '../../scripts/wechat-fake/fake';
import { createTestDatabase } from './database';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  rawBody?: string | Buffer;
}

export interface TestApp {
  url: string;
  wechat: WechatFake;
  filesDir: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Signs in as a seeded demo user through the dev-login route. */
  loginAs(user: keyof typeof import('../../functions/_lib/seed/demo').DEMO_USERS): Promise<SessionTokens>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

export async function startTestApp(options: { env?: Record<string, string>; h5Dir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'szxc-files-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOCAL_STORAGE_DIR: filesDir,
    REDIS_KEY_PREFIX: `test:${path.basename(filesDir)}:`,
    PUBLIC_BASE_URL: url,
    ...database.env,
  });

  const { startServices, prepareDatabase } = await import('../../scripts/dev/stack');
  const services = await startServices({ publicBaseUrl: url });
  // Applied after the services set theirs, so a test can point a client at a dead address.
  Object.assign(process.env, options.env);
  await prepareDatabase({ demo: true });

  const { startDevServer } = await import('../../scripts/dev/server');
  const server = await startDevServer({ port, filesDir, h5Dir: options.h5Dir });
  const { DEMO_USERS } = await import('../../functions/_lib/seed/demo');

  async function request<T>(
    method: string,
    pathname: string,
    requestOptions: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...requestOptions.headers };
    if (requestOptions.token) headers.authorization = `Bearer ${requestOptions.token}`;

    let body: BodyInit | undefined;
    if (requestOptions.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(requestOptions.json);
    } else if (requestOptions.form) {
      body = requestOptions.form;
    } else if (requestOptions.rawBody !== undefined) {
      body = requestOptions.rawBody as BodyInit;
    }

    const response = await fetch(`${url}${pathname}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the test gets the text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    url,
    wechat: services.wechat,
    filesDir,
    request,
    async loginAs(user) {
      const response = await request<SessionTokens>('POST', '/api/v1/auth/dev-login', {
        json: { userId: DEMO_USERS[user].id },
      });
      if (response.status !== 200)
        throw new Error(`dev-login as ${user} failed with ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async close() {
      await server.close();
      const { closeDb } = await import('../../functions/_lib/db/client');
      await closeDb();
      await services.close();
      await database.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}
