/**
 * Suites: unit tests beside the code; integration tests of the real handlers
 * on real PostgreSQL and Redis (embedded ones when none is configured); the
 * weapp build with its size limits; end-to-end tests of the H5 build in
 * headless Chromium; and the WeChat DevTools suite, which skips without DevTools.
 * `npm test` runs them all; `npm run test:unit` (and the like) runs one.
 */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/{functions,shared,scripts}/**/*.test.ts', '<rootDir>/miniapp/src/**/*.test.ts'],
      // The mini-program imports shared code through the alias its Taro config defines.
      moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      displayName: 'build',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/tests/build/**/*.test.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
    },
    {
      displayName: 'automator',
      testEnvironment: 'node',
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/tests/automator/**/*.test.ts'],
    },
  ],
  testTimeout: 30000,
};
