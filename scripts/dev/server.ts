/**
 * The local API server: mounts the same `functions/` entry points Vercel runs,
 * with Vercel's request helpers, and serves uploaded files and the H5 build.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { API_MODULES } from '../../functions/_lib/modules';
import type { VercelHandler } from '../../functions/_lib/http/handler';
import { asVercel, BodyTooLargeError, bufferBody, VercelIncomingMessage, VercelServerResponse } from './vercel-helpers';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface DevServerOptions {
  port: number;
  host?: string;
  /** Folder of uploaded files, served at /files. */
  filesDir?: string;
  /** Folder of the H5 build, served at / with index.html as the fallback. */
  h5Dir?: string;
}

export interface DevServer {
  url: string;
  server: Server<typeof VercelIncomingMessage, typeof VercelServerResponse>;
  close(): Promise<void>;
}

function loadHandlers(): Map<string, VercelHandler> {
  const handlers = new Map<string, VercelHandler>();
  for (const name of API_MODULES) {
    const entry = require(path.join(__dirname, '..', '..', 'functions', `${name}.ts`)) as { default?: VercelHandler };
    if (typeof entry.default !== 'function') throw new Error(`functions/${name}.ts has no default export handler`);
    handlers.set(name, entry.default);
  }
  return handlers;
}

/** Decodes a path, or returns '' for a broken escape so that nothing is served for it. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Serves a file below `root`, or returns false when there is none. */
async function serveFile(res: ServerResponse, root: string, relative: string): Promise<boolean> {
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) return false;

  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const handlers = loadHandlers();

  async function handle(rawReq: VercelIncomingMessage, rawRes: VercelServerResponse): Promise<void> {
    const rawUrl = rawReq.url ?? '/';
    const queryStart = rawUrl.indexOf('?');
    const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const apiMatch = /^\/api\/v1\/([a-z-]+)(?:\/|$)/.exec(pathname);

    if (apiMatch) {
      const handler = handlers.get(apiMatch[1] as string);
      if (!handler) {
        sendJson(rawRes, 404, { error: { code: 'ROUTE_NOT_FOUND', message: '接口不存在' } });
        return;
      }
      try {
        await bufferBody(rawReq);
        const { req, res } = asVercel(rawReq, rawRes);
        await handler(req, res);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          sendJson(rawRes, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: '上传的内容过大' } });
          return;
        }
        throw error;
      }
      return;
    }

    if (pathname.startsWith('/files/') && options.filesDir) {
      if (await serveFile(rawRes, options.filesDir, safeDecode(pathname.slice('/files/'.length)))) return;
    } else if (options.h5Dir) {
      const relative = pathname === '/' ? 'index.html' : safeDecode(pathname.slice(1));
      if (await serveFile(rawRes, options.h5Dir, relative)) return;
      if (await serveFile(rawRes, options.h5Dir, 'index.html')) return;
    }
    sendJson(rawRes, 404, { error: { code: 'NOT_FOUND', message: '请求的内容不存在' } });
  }

  const server = createServer(
    { IncomingMessage: VercelIncomingMessage, ServerResponse: VercelServerResponse },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error('dev server failed to respond', error);
        if (!res.headersSent)
          sendJson(res, 500, { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } });
        else res.end();
      });
    },
  );
  // Benchmarks open many short connections; keep-alive lets clients reuse them.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
