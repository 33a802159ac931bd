/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// The real-n8n and browser suites run through scripts/test.mjs, not here.
	testPathIgnorePatterns: ['/test/n8n/', '/test/browser/'],
	testTimeout: 20000,
	// n8n-core leaves keep-alive handles behind after a workflow run; nothing of ours stays open.
	forceExit: true,
};
