/** Tests run TypeScript through SWC (no type checking); `npm test` runs `tsc --noEmit` first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest'],
  },
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
  // Synthesizing whole landing zones with five cdk-nag packs takes a few seconds per client.
  testTimeout: 120000,
};
