/** The cluster table holds sane values and picking a cluster highlights it on the chart. */
import { pictureDifference, readChartPixels } from './chart-pixels.ts';
import { expect, nextPaint, openApp, test } from './fixtures.ts';

test('lists 2–4 strong clusters on each side with plausible prices', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const lastClose = Number((await page.getByTestId('header-last-close').innerText()).split(/\s/)[0].replace(/,/g, ''));
	const clusters = await page.getByTestId('cluster').evaluateAll((buttons) =>
		buttons.map((button) => ({
			side: button.getAttribute('data-side'),
			price: Number(button.getAttribute('data-price')),
			low: Number(button.getAttribute('data-low')),
			high: Number(button.getAttribute('data-high')),
			text: (button.closest('tr') as HTMLElement).innerText
		}))
	);
	const longs = clusters.filter((c) => c.side === 'long');
	const shorts = clusters.filter((c) => c.side === 'short');
	expect(longs.length).toBeGreaterThanOrEqual(2);
	expect(longs.length).toBeLessThanOrEqual(4);
	expect(shorts.length).toBeGreaterThanOrEqual(2);
	expect(shorts.length).toBeLessThanOrEqual(4);
	for (const cluster of clusters) {
		// The data trades 74k–112k; liquidation levels of 5x–100x positions lie within ±20 % of where they were opened.
		expect(cluster.price).toBeGreaterThan(74_000 * 0.8);
		expect(cluster.price).toBeLessThan(112_000 * 1.2);
		expect(cluster.low).toBeLessThanOrEqual(cluster.price);
		expect(cluster.high).toBeGreaterThanOrEqual(cluster.price);
		if (cluster.side === 'long') expect(cluster.price).toBeLessThan(lastClose);
		else expect(cluster.price).toBeGreaterThan(lastClose);
		// Range, notional, intensity, distance in % and ATR are all shown.
		expect(cluster.text).toMatch(/\d{2,3},\d{3}–\d{2,3},\d{3}/);
		expect(cluster.text).toMatch(/\$[\d.]+[kMB]/);
		expect(cluster.text).toMatch(/\d{1,3} %/);
		expect(cluster.text).toMatch(cluster.side === 'long' ? /−[\d.]+ %\s+−[\d.]+ ATR/ : /\+[\d.]+ %\s+\+[\d.]+ ATR/);
	}
});

test('clicking a cluster, or Enter on it, highlights it on the chart', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const before = await readChartPixels(page);
	const nearestLong = page.locator('[data-testid="cluster"][data-side="long"]').first();
	await nearestLong.click();
	await expect(nearestLong).toHaveAttribute('aria-pressed', 'true');
	await nextPaint(page);
	await expect.poll(async () => pictureDifference(before, await readChartPixels(page))).toBeGreaterThan(0.05);

	// Clicking again clears the highlight; Enter picks another one.
	await nearestLong.click();
	await expect(nearestLong).toHaveAttribute('aria-pressed', 'false');
	const firstShort = page.locator('[data-testid="cluster"][data-side="short"]').first();
	await firstShort.focus();
	await page.keyboard.press('Enter');
	await expect(firstShort).toHaveAttribute('aria-pressed', 'true');
	await expect(nearestLong).toHaveAttribute('aria-pressed', 'false');
});
