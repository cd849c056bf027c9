/**
 * The request and response helpers Vercel's Node runtime adds to a function's
 * (req, res): `req.query`, `req.cookies`, a lazily parsed `req.body`,
 * `res.status()`, `res.send()` and `res.json()`. The dev server and the
 * tests mount the real handlers through these, so they see what Vercel gives them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { VercelRequest, VercelResponse } from '@vercel/node';

/** Vercel rejects request bodies over about 4.5 MB before the function runs. */
export const MAX_BODY_BYTES = 4.5 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Lets the handler read the stream again after the body was buffered, as Vercel does. */
function replayBody(req: IncomingMessage, body: Buffer): void {
  const replica = new PassThrough();
  replica.end(body);

  const originalOn = req.on.bind(req);
  req.read = replica.read.bind(replica);
  req.pipe = replica.pipe.bind(replica) as typeof req.pipe;
  req.on = req.addListener = ((event: string, listener: (...args: unknown[]) => void) =>
    event === 'data' || event === 'end'
      ? (replica.on(event, listener), req)
      : originalOn(event, listener)) as typeof req.on;
}

function parseBody(body: Buffer, contentType: string | undefined): unknown {
  const type = (contentType ?? 'text/plain').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const text = body.toString('utf8');
    try {
      return text ? JSON.parse(text) : {};
    } catch {
      throw Object.assign(new Error('Invalid JSON'), { statusCode: 400 });
    }
  }
  if (type === 'application/octet-stream') return body;
  if (type === 'application/x-www-form-urlencoded')
    return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (type === 'text/plain') return body.toString('utf8');
  return undefined;
}

function parseQuery(url: string | undefined): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  new URL(url ?? '/', 'http://localhost').searchParams.forEach((value, key) => {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  });
  return query;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      cookies[name] = part.slice(index + 1).trim();
    }
  }
  return cookies;
}

function lazy<T>(target: object, name: string, compute: () => T): void {
  let cached: { value: T } | undefined;
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: true,
    get: () => {
      cached ??= { value: compute() };
      return cached.value;
    },
    set: (value: T) => {
      cached = { value };
    },
  });
}

/** Buffers the body and adds Vercel's helpers. Throws BodyTooLargeError past the limit. */
export async function addVercelHelpers(
  rawReq: IncomingMessage,
  rawRes: ServerResponse,
): Promise<{ req: VercelRequest; res: VercelResponse }> {
  const req = rawReq as VercelRequest;
  const res = rawRes as VercelResponse;

  const contentType = rawReq.headers['content-type'];
  const hasBody = rawReq.method !== 'GET' && rawReq.method !== 'HEAD';
  const body = hasBody ? await readBody(rawReq, MAX_BODY_BYTES) : Buffer.alloc(0);
  if (hasBody) replayBody(rawReq, body);

  lazy(req, 'query', () => parseQuery(rawReq.url));
  lazy(req, 'cookies', () => parseCookies(rawReq.headers.cookie));
  lazy(req, 'body', () => parseBody(body, contentType));

  res.status = (code: number) => {
    res.statusCode = code;
    return res;
  };
  res.send = (payload: unknown) => {
    if (typeof payload === 'string') {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(payload);
    } else if (Buffer.isBuffer(payload)) {
      if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
      res.end(payload);
    } else if (payload === null || payload === undefined) {
      res.end();
    } else {
      res.json(payload);
    }
    return res;
  };
  res.json = (payload: unknown) => {
    if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(payload));
    return res;
  };
  res.redirect = ((statusOrUrl: number | string, url?: string) => {
    const [code, location] = typeof statusOrUrl === 'number' ? [statusOrUrl, url ?? '/'] : [307, statusOrUrl];
    res.writeHead(code, { Location: location }).end();
    return res;
  }) as VercelResponse['redirect'];

  return { req, res };
}
