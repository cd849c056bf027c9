/**
 * Builds the mini-program with the Taro CLI, as `npm run build:h5` and
 * `npm run build:weapp` do, for the suites that need the output.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const MINIAPP_DIR = path.join(__dirname, '..', '..', 'miniapp');

export function buildMiniapp(type: 'h5' | 'weapp', env: Record<string, string> = {}): void {
  const taro = require.resolve('@tarojs/cli/bin/taro');
  const result = spawnSync(process.execPath, [taro, 'build', '--type', type], {
    cwd: MINIAPP_DIR,
    env: { ...process.env, NODE_ENV: 'production', NODE_OPTIONS: '', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `taro build --type ${type} failed with exit code ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
}
