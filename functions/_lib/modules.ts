/**
 * The API's modules: each has an entry point `functions/<name>.ts` served at
 * /api/v1/<name>/*. vercel.json's rewrites and the dev server both follow this
 * list, and a test fails when they disagree.
 */
export const API_MODULES = ['auth', 'shops', 'regions', 'notifications'] as const;
export type ApiModule = (typeof API_MODULES)[number];
