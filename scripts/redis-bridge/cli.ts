/**
 * Runs the Upstash REST bridge on its own: `npx tsx scripts/redis-bridge/cli.ts`.
 *
 * Environment:
 *   REDIS_BRIDGE_PORT     TCP port to listen on (default 8079, 0 picks a free port)
 *   REDIS_BRIDGE_HOST     interface to bind (default 127.0.0.1)
 *   REDIS_BRIDGE_TOKEN    bearer token clients must send (default local-dev-token)
 *   REDIS_BRIDGE_BACKEND  auto, redis or embedded (default auto)
 *   REDIS_URL             redis-server to use, such as redis://127.0.0.1:6379
 */
import { startRedisBridge, type RedisBridgeOptions } from './bridge';

const DEFAULT_PORT = 8079;
const DEFAULT_TOKEN = 'local-dev-token';
const BACKENDS = ['auto', 'redis', 'embedded'] as const;

function readPort(): number {
  const text = process.env.REDIS_BRIDGE_PORT;
  if (text === undefined || text === '') {
    return DEFAULT_PORT;
  }

  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`REDIS_BRIDGE_PORT=${text} is invalid; set an integer from 0 (random free port) to 65535`);
  }

  return port;
}

function readBackend(): NonNullable<RedisBridgeOptions['backend']> {
  const text = process.env.REDIS_BRIDGE_BACKEND || 'auto';
  const backend = BACKENDS.find((name) => name === text);
  if (backend === undefined) {
    throw new Error(`REDIS_BRIDGE_BACKEND=${text} is invalid; set ${BACKENDS.join(', ')}`);
  }

  return backend;
}

async function main(): Promise<void> {
  const bridge = await startRedisBridge({
    port: readPort(),
    host: process.env.REDIS_BRIDGE_HOST || undefined,
    token: process.env.REDIS_BRIDGE_TOKEN || DEFAULT_TOKEN,
    redisUrl: process.env.REDIS_URL || undefined,
    backend: readBackend(),
  });

  // The output leaves out a token set in REDIS_BRIDGE_TOKEN. Only the documented default is printed.
  console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log(`UPSTASH_REDIS_REST_TOKEN: the value of REDIS_BRIDGE_TOKEN (default ${DEFAULT_TOKEN})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`Received ${signal} again; exiting without waiting for running requests`);
      process.exit(1);
    }

    stopping = true;
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Redis bridge failed to close: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
