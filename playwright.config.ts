import { defineConfig, devices } from '@playwright/test';

/**
 * E2E tests against the BUILT app (`npm run build` first; `npm run test:e2e` does both), offline: the browser is
 * Debian's Chromium (or CHROMIUM_PATH), and every request that is not to localhost is aborted by the tests' fixture.
 */
// E2E_PORT lets two checkouts (or engineers) run the suite at once.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'e2e',
	outputDir: 'test-results',
	fullyParallel: true,
	workers: 2,
	// One retry on CI: a shared 2-core machine can stall a timing-sensitive live-refresh test; locally, none.
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: [['list']],
	webServer: {
		// The built app, with loopback Binance/Bybit/OKX servers on 127.0.0.1 behind its live sources (faults on demand).
		command: 'npx tsx e2e/loopback-server.ts',
		port: PORT,
		env: { PORT: String(PORT), HOST: '127.0.0.1', E2E_CONTROL_PORT: String(PORT + 1) },
		reuseExistingServer: false,
		timeout: 60_000
	},
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		viewport: { width: 1280, height: 800 },
		colorScheme: 'dark',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }]
});
