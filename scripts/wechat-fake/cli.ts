/**
 * Runs the WeChat fake on its own for local development:
 *
 *   npx tsx scripts/wechat-fake/cli.ts
 *
 * WECHAT_FAKE_PORT sets the port (default 8078), WECHAT_APP_ID the appid
 * (default wx0000000000000000) and WECHAT_APP_SECRET the secret (default
 * local-dev-secret). Point the backend's WeChat base URL at the printed URL.
 */
import pino from 'pino';
import { startWechatFake } from './fake';

const DEFAULT_PORT = 8078;

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === '') {
    return DEFAULT_PORT;
  }

  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`WECHAT_FAKE_PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

async function main(): Promise<void> {
  const logger = pino({ name: 'wechat-fake' });

  const fake = await startWechatFake({
    port: readPort(process.env.WECHAT_FAKE_PORT),
    appId: process.env.WECHAT_APP_ID || 'wx0000000000000000',
    appSecret: process.env.WECHAT_APP_SECRET || 'local-dev-secret',
    logger,
  });
  console.log(`WeChat fake listening on ${fake.url}`);

  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'Stopping WeChat fake');
    fake.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'WeChat fake failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('WeChat fake failed to start:', error);
  process.exit(1);
});
