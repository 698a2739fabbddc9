/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `tsc -b` in the build; here we only transpile.
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json', }],
  },
  moduleNameMapper: { '^@panong/shared$': '<rootDir>/shared/src/index.ts' },
  testTimeout: 30000,
  maxWorkers: 2,
};
