import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/build-cli.setup.ts', 'tests/storage/postgres.setup.ts'],
		testTimeout: 60_000
	}
});
