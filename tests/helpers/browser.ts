/**
 * Headless Chromium for the end-to-end suite, driven by playwright-core.
 * The browser comes from the system (Debian's `chromium` package), because
 * test tools cannot download their own browser on these machines.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to use: CHROMIUM_PATH, else the first system one found, else undefined. */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/**
 * Whether the suite can run here. Without Chromium it is skipped with a message,
 * unless E2E_REQUIRED=1 (set by CI), where a missing browser is a failure.
 */
export function e2eAvailable(): boolean {
  if (findChromium()) return true;
  if (process.env.E2E_REQUIRED === '1') {
    throw new Error("E2E_REQUIRED=1 but no Chromium was found: install Debian's chromium package or set CHROMIUM_PATH");
  }
  console.warn(
    'End-to-end tests skipped: no Chromium found. Install it (Debian: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH.',
  );
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found; call e2eAvailable() first');

  return chromium.launch({
    executablePath,
    headless: true,
    // Background networking would try to reach Google's hosts, which this network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
