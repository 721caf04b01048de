/** Tests run TypeScript through SWC (no type checking); `npm test` runs `tsc --noEmit` first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest'],
    // D3 (the report's charts) ships ES modules only; SWC turns them into CommonJS for Jest.
    '^.+\\.m?js$': ['@swc/jest'],
  },
  transformIgnorePatterns: ['/node_modules/(?!(d3-[a-z-]+|internmap)/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['aws-cdk-lib/testhelpers/jest-autoclean'],
  // Both cores of the CI machine (Jest's default leaves one for itself).
  maxWorkers: 2,
  // No wall-clock limit that a busy machine could break: Jest always arms a timer, so this is the
  // longest delay a Node.js timer takes (about 24 days; anything larger would fire at once).
  testTimeout: 2 ** 31 - 1,
};
