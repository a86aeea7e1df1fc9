/**
 * Live sources against the loopback exchanges (`loopback-server.ts`): switching source, the model and the data's age,
 * the forming candle updated in place without losing the user's scroll, a failing exchange (banner naming it,
 * fallback, Retry), and the agreement labels of "All exchanges".
 */
import type { Page } from '@playwright/test';
import type { Timeframe } from '../src/lib/core/types.ts';
import { expect, headerLastTime, openApp, test, waitForAnalysis, waitForLiveData } from './fixtures.ts';
import { resetLoopback, setFaults } from './loopback-control.ts';

// The loopback exchanges are shared by the whole run: these tests change their faults one at a time.
test.describe.configure({ mode: 'serial' });
test.beforeEach(() => resetLoopback());
test.afterAll(() => resetLoopback());

/** The header's last candle ("2026-11-30 23:45 UTC", the open time of the last closed candle), ms UTC. */

/**
 * Live data: the header shows the newest closed candle the server has for the source (`/api/candles`; the sample's
 * last candle is months older). No wall clock here (CI failed at 00:05 on "today's date"): a candle that closes
 * meanwhile is on the page after its next refresh, about every 16 s, so the poll waits for up to two of them.
 */
async function expectLiveLastCandle(page: Page, source: string, timeframe: Timeframe) {
	const serverLast = async () => {
		const response = await page.request.get(`/api/candles?source=${source}&timeframe=${timeframe}&limit=1`);
		const body = (await response.json()) as { candles: { time: number }[] };
		return body.candles.at(-1)?.time;
	};
	await expect.poll(async () => (await headerLastTime(page)) === (await serverLast()), { timeout: 40_000 }).toBe(true);
}

test('switching to Bybit shows live candles, the open-interest model and the data age', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=15m&days=7');
	await page.getByLabel('Source').selectOption({ label: 'Bybit' });
	await expect(page).toHaveURL(/source=bybit/);
	await waitForLiveData(page);
	const status = page.getByTestId('data-status');
	await expect(status).toContainText('Live');
	await expect(status).toContainText('Bybit');
	await expect(page.getByTestId('data-updated')).toHaveText(/^updated \d+ s ago$/);
	await expectLiveLastCandle(page, 'bybit', '15m');
	await expect(page.getByTestId('header-model')).toHaveText('open-interest model');
	await expect(page.getByTestId('model-label')).toHaveText('open-interest model');
	await expect(page.getByTestId('source-banner')).toHaveCount(0);
	await page.screenshot({ path: 'e2e-screenshots/live-bybit-desktop.png' });
});

test('the forming candle updates in place on the next poll, keeping the scroll', async ({ page, problems }) => {
	void problems;
	test.setTimeout(90_000);
	await page.goto('/?source=bybit&tf=5m&days=7');
	await waitForLiveData(page);
	const price = page.getByTestId('live-price');
	await expect(price).toBeVisible();
	const chart = page.getByTestId('chart');
	const box = (await chart.boundingBox())!;
	// Scroll back in time: drag the price pane to the right.
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.3, { steps: 8 });
	await page.mouse.up();
	await page.mouse.move(box.x + 5, box.y + 5);
	const axis = { x: box.x, y: box.y + box.height - 26, width: box.width - 70, height: 24 };
	const before = await page.screenshot({ clip: axis });
	const first = await price.innerText();
	// The 5m poll comes about every 16 s (the server cache's time-to-live plus a second).
	await expect(price).not.toHaveText(first, { timeout: 40_000 });
	await expect(page.getByTestId('data-updated')).toHaveText(/^updated \d+ s ago$/);
	expect(await page.screenshot({ clip: axis }), 'the time axis (zoom and scroll) is unchanged').toEqual(before);
});

test('an exchange that fails from the start: banner naming it, the sample meanwhile, Retry brings it back', async ({ page, problems }) => {
	problems.allowedConsoleErrors.push(/status of 502/);
	await setFaults('okx', [{ fault: 'http-503' }]);
	// The app server keeps the last good data of each series (that is the fallback under test elsewhere) and outlives a
	// retry of this file: each attempt asks for a series no earlier test has fetched, so the sample is the only fallback.
	const lookbackDays = [14, 30][test.info().retry] ?? 60;
	await page.goto(`/?source=okx&tf=15m&days=${lookbackDays}`);
	const banner = page.getByTestId('source-banner');
	await expect(banner).toBeVisible();
	await expect(banner).toContainText('OKX unavailable');
	await expect(banner).toContainText('OKX is unavailable (HTTP 503)');
	await expect(banner).toContainText('Showing the embedded sample instead');
	await waitForAnalysis(page);
	await expect(page.getByTestId('data-status')).toContainText('historical sample');
	await page.screenshot({ path: 'e2e-screenshots/live-fault-desktop.png' });

	await resetLoopback();
	await banner.getByRole('button', { name: 'Retry' }).click();
	await expect(banner).toHaveCount(0);
	await expect(page.getByTestId('data-status')).toContainText('OKX');
	await expectLiveLastCandle(page, 'okx', '15m');
});

test('a refresh that fails keeps the last good data, with the reason', async ({ page, problems }) => {
	void problems;
	test.setTimeout(90_000);
	await page.goto('/?source=bybit&tf=5m&days=7');
	await waitForLiveData(page);
	// The sample may be analysed and shown first: read the last time once the live candles are in.
	await expectLiveLastCandle(page, 'bybit', '5m');
	const lastTime = await page.getByTestId('header-last-time').innerText();
	await setFaults('bybit', [{ fault: 'http-503' }]);
	const banner = page.getByTestId('source-banner');
	await expect(banner).toContainText('Bybit is unavailable (HTTP 503)', { timeout: 40_000 });
	await expect(banner).toContainText('Showing the last good data');
	await expect(page.getByTestId('header-last-time')).toHaveText(lastTime);
	await expect(page.getByTestId('data-status')).toContainText('Bybit');
});

test('All exchanges: each cluster says on how many exchanges it appears; a missing one is named', async ({ page, problems }) => {
	void problems;
	await page.goto('/?source=all&tf=15m&days=7');
	await waitForLiveData(page);
	await expect(page.getByTestId('data-status')).toContainText('All exchanges');
	const labels = page.getByTestId('cluster-agreement');
	await expect(labels.first()).toBeVisible();
	for (const label of await labels.allInnerTexts()) expect(label).toMatch(/^(3\/3 exchanges|2\/3 exchanges \(.+\)|(Binance|Bybit|OKX) only|sum only)$/);
	await page.screenshot({ path: 'e2e-screenshots/live-all-desktop.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'e2e-screenshots/live-all-phone.png' });
	await page.getByRole('complementary', { name: 'Heatmap details' }).screenshot({ path: 'e2e-screenshots/live-all-phone-clusters.png' });
});

test('All exchanges with OKX failing: the sum of the others, and a banner naming OKX', async ({ page, problems }) => {
	// The derivatives history of "all" (`/api/derivatives`) needs every exchange: it answers 502 naming OKX, and the
	// browser logs the failed request (the prints and the candles of the others are still shown).
	problems.allowedConsoleErrors.push(/status of 502/);
	await setFaults('okx', [{ fault: 'http-503' }]);
	await page.goto('/?source=all&tf=1h&days=7');
	await waitForLiveData(page);
	const banner = page.getByTestId('source-banner');
	await expect(banner).toContainText('OKX left out');
	await expect(banner).toContainText('OKX is unavailable (HTTP 503)');
	for (const label of await page.getByTestId('cluster-agreement').allInnerTexts()) expect(label).toMatch(/^(2\/2 exchanges|(Binance|Bybit) only|sum only)$/);
});
