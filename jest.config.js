/** @type {import('jest').Config} */
const project = {
  testEnvironment: 'node',
  transform: {
    // Type checking is done once by `tsc -p tests` in `npm test`; here we only transpile.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  moduleNameMapper: { '^@panong/shared$': '<rootDir>/shared/src/index.ts' },
};

/**
 * Three projects: every test on the embedded store, the store-facing integration tests again on
 * the official Cloud Firestore emulator (started once by globalSetup, stopped by globalTeardown), and
 * the deploy shape under the Firebase emulators.
 */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  globalSetup: '<rootDir>/tests/helpers/globalSetup.js',
  globalTeardown: '<rootDir>/tests/helpers/globalTeardown.js',
  projects: [
    {
      ...project,
      displayName: 'embedded',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/tests/deploy/'],
    },
    {
      ...project,
      displayName: 'firestore',
      roots: ['<rootDir>/tests/integration'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/helpers/onFirestore.js'],
      testPathIgnorePatterns: ['/durability\\.test\\.ts$'], // about the embedded store's files and processes
    },
    // The deploy shape (npm install of the upload, firebase-tools' emulators, Java): run on its own after
    // the others (`npm test` runs it second), so it does not starve the national-size tests of the 2 cores.
    { ...project, displayName: 'deploy', roots: ['<rootDir>/tests/deploy'], testMatch: ['**/*.test.ts'] },
  ],
};
