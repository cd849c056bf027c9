/**
 * A WebSocket-to-TCP proxy so that the production driver, Neon's WebSocket
 * Pool, can talk to a plain local PostgreSQL. CI runs the database suite a
 * second time through it, so the code Vercel runs is the code CI tests.
 *
 * The driver appends `?address=host:port`; only loopback targets are allowed.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData } from 'ws';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface NeonWsProxy {
  /** The value for NEON_WS_PROXY: host:port/path, without a protocol. */
  address: string;
  close(): Promise<void>;
}

function parseTarget(url: string | undefined): { host: string; port: number } | undefined {
  const address = new URL(url ?? '/', 'http://proxy').searchParams.get('address') ?? '';
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(address);
  if (!match) return undefined;

  const host = match[1] as string;
  const port = Number(match[2]);
  if (!LOOPBACK.has(host) || port < 1 || port > 65535) return undefined;
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

export async function startNeonWsProxy(port = 0): Promise<NeonWsProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port, path: '/v1' });

  server.on('connection', (socket, request) => {
    const target = parseTarget(request.url);
    if (!target) {
      socket.close(1008, 'address must be a loopback host:port');
      return;
    }

    const tcp = net.connect(target.port, target.host);
    const pending: Buffer[] = [];
    let connected = false;

    tcp.on('connect', () => {
      connected = true;
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    tcp.on('data', (chunk) => socket.send(chunk));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close(1011, 'database connection failed'));

    socket.on('message', (data: RawData) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (connected) tcp.write(chunk);
      else pending.push(chunk);
    });
    socket.on('close', () => tcp.destroy());
    socket.on('error', () => tcp.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: actualPort } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${actualPort}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
