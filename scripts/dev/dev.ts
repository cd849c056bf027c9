/**
 * `npm run dev`: the whole product on this machine with nothing configured.
 * Embedded PostgreSQL (PGlite) in .data/pglite, the Redis bridge (to a local
 * redis-server when one responds, else in memory), the WeChat fake, the API
 * dev server, and the H5 build of the mini-program in watch mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startServices } from './stack';

const ROOT = path.resolve(__dirname, '..', '..');
const API_PORT = Number(process.env.PORT || 3000);
const HOST = '127.0.0.1';

async function main(): Promise<void> {
  const withH5 = !process.argv.includes('--no-h5');
  const apiUrl = `http://${HOST}:${API_PORT}`;

  // Keys of their own, so a dev stack sharing the machine's redis-server with tests or
  // another checkout never takes over their WeChat token or rate-limit counters.
  process.env.REDIS_KEY_PREFIX ||= `dev:${API_PORT}:`;

  const services = await startServices({
    wechatPort: Number(process.env.WECHAT_FAKE_PORT || 8078),
    redisPort: Number(process.env.REDIS_BRIDGE_PORT || 8079),
    publicBaseUrl: process.env.PUBLIC_BASE_URL || apiUrl,
  });

  // Imported only now: the functions read their configuration once, on first use.
  const { prepareDatabase } = await import('./stack');
  const { localStorageDir } = await import('../../functions/_lib/storage/storage');
  const { config } = await import('../../functions/_lib/config');
  const { startDevServer } = await import('./server');

  const seeded = await prepareDatabase({ demo: true });
  const server = await startDevServer({
    port: API_PORT,
    host: HOST,
    filesDir: localStorageDir(),
    h5Dir: path.join(ROOT, 'miniapp', 'dist', 'h5'),
  });

  let taro: ChildProcess | undefined;
  if (withH5) {
    taro = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], {
      cwd: path.join(ROOT, 'miniapp'),
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'development' },
    });
  }

  // Stands in for Vercel Cron, which calls the deliverer every minute in production (vercel.json).
  const cron = setInterval(() => {
    fetch(`${server.url}/api/v1/notifications/deliver`, { headers: { authorization: `Bearer ${config().cronSecret}` } })
      .then((response) => {
        if (!response.ok) console.error(`notification deliverer responded with ${response.status}`);
      })
      .catch((error: unknown) => console.error('notification deliverer call failed', error));
  }, 60_000);

  const database = config().database;
  console.log(
    [
      '',
      '数字乡村 dev stack is up:',
      `  mini-program (H5)  ${server.url}/#/pages/index/index${withH5 ? '   (the first build takes up to a minute)' : '   (H5 watch off)'}`,
      `  a shop by its code ${server.url}/#/pages/scan/index?scene=s%3DJY01`,
      `  API                ${server.url}/api/v1/shops/streets/JYJ`,
      `  database           ${database.driver === 'pglite' ? `PGlite in ${database.dataDir ?? '.data/pglite'}` : database.driver}` +
        `  (${seeded.regions} division codes${seeded.demoSeeded ? ', demo street seeded' : ''})`,
      `  Redis bridge       ${services.redis.url}  (${services.redis.backend})`,
      `  WeChat fake        ${services.wechat.url}`,
      '  Notifications      delivered after each change, and retried every minute',
      '  Weapp: run `npm run build:weapp`, then open this folder in WeChat DevTools.',
      '',
    ].join('\n'),
  );

  const shutdown = async () => {
    clearInterval(cron);
    taro?.kill('SIGTERM');
    await server.close();
    const { closeDb } = await import('../../functions/_lib/db/client');
    await closeDb();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(
      `A port is already in use (${(error as Error).message}). Stop the other process or set PORT, WECHAT_FAKE_PORT, REDIS_BRIDGE_PORT.`,
    );
  } else {
    console.error('dev stack failed to start:', error);
  }
  process.exit(1);
});
