/** The chart draws candles and liquidation bands from the embedded data, offline, and the overlays follow the controls. */
import { pictureDifference, readChartPixels } from './chart-pixels.ts';
import { expect, NO_OVERLAYS, nextPaint, openApp, test } from './fixtures.ts';

test('draws candles and liquidation bands, and the side toggles remove them', async ({ page, problems }) => {
	void problems;
	// Without the confluence overlays, whatever is neither candle nor background is the heatmap.
	await openApp(page, NO_OVERLAYS);
	const both = await readChartPixels(page);
	expect(both.candle, 'candle pixels').toBeGreaterThan(1000);
	expect(both.heat, 'heatmap pixels with both sides on').toBeGreaterThan(10_000);

	// The default view reaches up to the short clusters above the price (about the top third of the pane); the lower
	// half of the sampled area lies below the price, where the bands are long liquidations.
	await page.getByRole('checkbox', { name: 'Longs' }).uncheck();
	await nextPaint(page);
	const shortsOnly = await readChartPixels(page);
	expect(shortsOnly.heatLower).toBeLessThan(both.heatLower / 4);
	expect(shortsOnly.heatUpper, 'the shorts above the price stay').toBeGreaterThan(both.heatUpper / 4);
	expect(shortsOnly.candle, 'candles stay').toBe(both.candle);

	await page.getByRole('checkbox', { name: 'Shorts' }).uncheck();
	await nextPaint(page);
	const none = await readChartPixels(page);
	expect(pictureDifference(shortsOnly, none), 'the strip and top bands lose the shorts').toBeGreaterThan(0.05);
	expect(none.heat).toBeLessThan(500);

	await page.getByRole('checkbox', { name: 'Longs' }).check();
	await page.getByRole('checkbox', { name: 'Shorts' }).check();
	await nextPaint(page);
	const restored = await readChartPixels(page);
	expect(restored.heat).toBe(both.heat);
});

test('history mode draws the time-evolving map behind the candles', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const bands = await readChartPixels(page);
	await page.getByRole('radio', { name: 'History: map over time' }).check();
	await expect(page).toHaveURL(/mode=history/);
	await expect.poll(async () => pictureDifference(bands, await readChartPixels(page))).toBeGreaterThan(1);
	const history = await readChartPixels(page);
	expect(history.heat, 'history cells').toBeGreaterThan(10_000);
	expect(history.candle, 'candles stay on top').toBeGreaterThan(1000);
});

test('the crosshair reads the estimated notional at the hovered price', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const chart = page.getByTestId('chart');
	const box = (await chart.boundingBox())!;
	await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
	const readout = page.getByTestId('crosshair-readout');
	await expect(readout).toBeVisible();
	await expect(readout).toContainText(/@ \d{2,3},\d{3}\.\d/);
	await expect(readout).toContainText(/Longs \$[\d.]+[kMB]? · \d+ %/);
	await expect(readout).toContainText(/Shorts \$[\d.]+[kMB]? · \d+ %/);
});

test('shows the instrument, source, timeframe, last candle, last close and model', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const header = page.getByRole('banner');
	await expect(header).toContainText('BTCUSDT');
	await expect(header).toContainText('Perp');
	await expect(header).toContainText('Bybit · historical sample');
	await expect(page.getByTestId('header-timeframe')).toHaveText('15m');
	await expect(page.getByTestId('header-last-time')).toHaveText(/^2025-07-02 \d\d:\d\d UTC$/);
	const close = Number((await page.getByTestId('header-last-close').innerText()).split(/\s/)[0].replace(/,/g, ''));
	expect(close).toBeGreaterThan(74_000);
	expect(close).toBeLessThan(112_000);
	await expect(page.getByTestId('header-model')).toHaveText('volume proxy');
});

test('a failed data download shows a readable message, not a stack trace', async ({ page, problems }) => {
	problems.allowedConsoleErrors.push(/Failed to load resource: the server responded with a status of 503/);
	await page.route('**/data/bybit-btcusdt-perp-5m.json', (route) => route.fulfill({ status: 503, body: 'down' }));
	await page.goto('/');
	const error = page.getByTestId('error');
	await expect(error).toBeVisible();
	await expect(error).toContainText('Could not load the embedded market data');
	await expect(error).toContainText('503');
	await expect(error).not.toContainText(/at \w+ \(|\.js:\d+/);
});
