/**
 * The request and response helpers Vercel's Node runtime adds to a function's
 * (req, res): `req.query`, `req.cookies`, a lazily parsed `req.body`,
 * `res.status()`, `res.send()` and `res.json()`. The dev server and the
 * tests mount the real handlers through these, so they see what Vercel gives them.
 * They live on the classes the dev server's http.Server creates per request.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
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

/**
 * The request class the dev server creates for every request, with Vercel's
 * lazy `query`, `cookies` and `body` on its prototype, so a request that reads
 * none of them costs nothing extra.
 */
export class VercelIncomingMessage extends IncomingMessage {
  /** The whole body, read by `bufferBody` before the handler runs; empty for GET and HEAD. */
  bufferedBody: Buffer = Buffer.alloc(0);
  #query: { value: VercelRequest['query'] } | undefined;
  #cookies: { value: VercelRequest['cookies'] } | undefined;
  #body: { value: unknown } | undefined;

  get query(): VercelRequest['query'] {
    this.#query ??= { value: parseQuery(this.url) };
    return this.#query.value;
  }

  set query(value: VercelRequest['query']) {
    this.#query = { value };
  }

  get cookies(): VercelRequest['cookies'] {
    this.#cookies ??= { value: parseCookies(this.headers.cookie) };
    return this.#cookies.value;
  }

  set cookies(value: VercelRequest['cookies']) {
    this.#cookies = { value };
  }

  get body(): unknown {
    this.#body ??= { value: parseBody(this.bufferedBody, this.headers['content-type']) };
    return this.#body.value;
  }

  set body(value: unknown) {
    this.#body = { value };
  }
}

/** The response class with Vercel's `status`, `send`, `json` and `redirect`. */
export class VercelServerResponse extends ServerResponse<VercelIncomingMessage> {
  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  send(payload: unknown): this {
    if (typeof payload === 'string') {
      if (!this.getHeader('content-type')) this.setHeader('content-type', 'text/html; charset=utf-8');
      this.end(payload);
    } else if (Buffer.isBuffer(payload)) {
      if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/octet-stream');
      this.end(payload);
    } else if (payload === null || payload === undefined) {
      this.end();
    } else {
      this.json(payload);
    }
    return this;
  }

  json(payload: unknown): this {
    if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/json; charset=utf-8');
    this.end(JSON.stringify(payload));
    return this;
  }

  redirect(statusOrUrl: number | string, url?: string): this {
    const [code, location] = typeof statusOrUrl === 'number' ? [statusOrUrl, url ?? '/'] : [307, statusOrUrl];
    this.writeHead(code, { Location: location }).end();
    return this;
  }
}

/**
 * Reads the body of a request that may have one, as Vercel does before the
 * function runs, and lets the handler read the stream again. Throws
 * BodyTooLargeError past the limit.
 */
export async function bufferBody(req: VercelIncomingMessage): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return;

  req.bufferedBody = await readBody(req, MAX_BODY_BYTES);
  replayBody(req, req.bufferedBody);
}

/** The helpers' view of a request and response, as the handlers' types expect them. */
export function asVercel(
  req: VercelIncomingMessage,
  res: VercelServerResponse,
): { req: VercelRequest; res: VercelResponse } {
  return { req: req as unknown as VercelRequest, res: res as unknown as VercelResponse };
}
