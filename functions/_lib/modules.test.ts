/**
 * Every module must be reachable in production: an entry point in functions/
 * and a rewrite in vercel.json. A module added without one fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { API_MODULES } from './modules';

const ROOT = path.join(__dirname, '..', '..');
const vercel = JSON.parse(readFileSync(path.join(ROOT, 'vercel.json'), 'utf8')) as {
  builds: { src: string; use: string }[];
  rewrites: { source: string; destination: string }[];
};

test('every entry point is a listed module', () => {
  const entries = readdirSync(path.join(ROOT, 'functions'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''));
  expect(entries.sort()).toEqual([...API_MODULES].sort());
});

// `:path*` matches zero or more segments, so one rewrite also covers /api/v1/<name> itself.
test.each(API_MODULES.map((name) => [name]))('%s has a rewrite', (name) => {
  const destinations = vercel.rewrites
    .filter((rewrite) => rewrite.source === `/api/v1/${name}/:path*`)
    .map((rewrite) => rewrite.destination);
  expect(destinations).toEqual([`/functions/${name}.ts`]);
});

test('no rewrite points at a missing entry point', () => {
  for (const rewrite of vercel.rewrites) {
    expect(API_MODULES.map((name) => `/functions/${name}.ts`)).toContain(rewrite.destination);
  }
});

test('functions are built by @vercel/node', () => {
  expect(vercel.builds).toEqual([{ src: 'functions/*.ts', use: '@vercel/node' }]);
});
