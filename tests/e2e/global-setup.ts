/**
 * Builds the H5 mini-program once before the end-to-end suite, unless
 * E2E_SKIP_BUILD=1 and a build exists, or no browser is there to use it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '../helpers/browser';
import { buildMiniapp, MINIAPP_DIR } from '../helpers/build';

export default async function globalSetup(): Promise<void> {
  if (!findChromium() && process.env.E2E_REQUIRED !== '1') return;

  const built = existsSync(path.join(MINIAPP_DIR, 'dist', 'h5', 'index.html'));
  if (built && process.env.E2E_SKIP_BUILD === '1') return;

  const started = Date.now();
  buildMiniapp('h5');
  console.log(`\nH5 build for end-to-end tests took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
