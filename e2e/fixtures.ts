/**
 * Shared test fixture: every page runs offline (requests to anything but the app's own host are aborted and recorded)
 * and collects console errors and uncaught exceptions; each test fails if either list is not empty.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface AppProblems {
	consoleErrors: string[];
	blockedRequests: string[];
	/** Console errors matching one of these are expected by the test (e.g. a deliberately failed download). */
	allowedConsoleErrors: RegExp[];
}

export const test = base.extend<{ problems: AppProblems }>({
	problems: async ({ page }, use) => {
		const problems: AppProblems = { consoleErrors: [], blockedRequests: [], allowedConsoleErrors: [] };
		await page.route(
			(url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
			async (route) => {
				problems.blockedRequests.push(route.request().url());
				await route.abort('internetdisconnected');
			}
		);
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const text = message.text();
			if (!problems.allowedConsoleErrors.some((pattern) => pattern.test(text))) problems.consoleErrors.push(text);
		});
		page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
		await use(problems);
		expect(problems.consoleErrors, 'console errors').toEqual([]);
		expect(problems.blockedRequests, 'requests outside the app').toEqual([]);
	}
});

export { expect };

/** Query that switches every confluence overlay off (S/R zones, structure, divergences, volume profile): the default. */
export const NO_OVERLAYS = '?zones=0&structure=0&div=0&profile=0';
/** Query of the "Confluence" preset: every confluence overlay on (they are off by default). */
export const ALL_OVERLAYS = '?zones=1&structure=1&div=1&profile=1';

/** The screen sizes the screenshot tests are taken at. */
export const SCREEN_SIZES = [
	{ name: 'desktop-1280x800', width: 1280, height: 800 },
	{ name: 'phone-390x844', width: 390, height: 844 }
] as const;

/** The header's last candle ("2025-06-20 14:15 UTC", its open time), ms UTC. */
export async function headerLastTime(page: Page): Promise<number> {
	return Date.parse((await page.getByTestId('header-last-time').innerText()).replace(' UTC', 'Z').replace(' ', 'T'));
}

/**
 * The header's last candle after moving the page's paused clock (`page.clock`) by 1 ms: polled, it lets the timers
 * that are due fire while the clock stays far from the next ones.
 */
export async function headerLastTimeAfterTick(page: Page): Promise<number> {
	await page.clock.runFor(1);
	return headerLastTime(page);
}

/** Opens the app (optionally with a query) and waits until the first analysis is drawn. */
export async function openApp(page: Page, query = ''): Promise<void> {
	await page.goto(`/${query}`);
	await waitForAnalysis(page);
}

/** Holds back the analysis worker's script: no analysis can arrive, however fast the machine, until `release()`. */
export async function holdAnalysisWorker(page: Page): Promise<() => void> {
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/analysis\.worker-[^/]*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

/** Waits until the status line is empty (no loading / computing) and the cluster list is filled. */
export async function waitForAnalysis(page: Page): Promise<void> {
	await expect(page.getByRole('status').filter({ hasText: /Loading|Computing/ })).toHaveCount(0);
	await expect(page.getByTestId('cluster').first()).toBeVisible();
	// The rest of a new result (volume, indicator lines, history image) is applied in slices after the candles: let it
	// land, so a later step (a key, a pixel read) is not undone or missed by a slice still on its way.
	await expect.poll(async () => (await page.getByTestId('chart').getAttribute('data-pending-slices')) ?? '0').toBe('0');
	await nextPaint(page);
}

/**
 * A live source's data is on the page (its age is shown) and analysed: the sample may be analysed and drawn first while
 * the exchanges are asked, so `waitForAnalysis` alone can pass before that. On a loaded machine the exchanges' answer
 * may take a while: waited for up to most of the test's time, not the 15 s of an ordinary expectation.
 */
export async function waitForLiveData(page: Page): Promise<void> {
	await expect(page.getByTestId('data-updated')).toBeVisible({ timeout: 50_000 });
	await waitForAnalysis(page);
}

/**
 * The History check has measured the current data and settings (it starts after the chart's first analysis and runs
 * in its own worker; each cluster row shows its evidence once it is done).
 */
export async function waitForHistoryCheck(page: Page): Promise<void> {
	await expect(page.getByTestId('history-check')).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
}

/** Two animation frames: lightweight-charts paints on the frame after a change. */
export async function nextPaint(page: Page): Promise<void> {
	await page.evaluate(
		() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
	);
}
