/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  roots: ['<rootDir>/scripts', '<rootDir>/typings', '<rootDir>/cloudfunctions', '<rootDir>/emulator', '<rootDir>/miniprogram'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 30000,
  setupFiles: ['<rootDir>/scripts/jest-setup-env.js'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
};
