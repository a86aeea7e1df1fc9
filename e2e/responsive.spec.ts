/**
 * The page stays responsive on the heaviest switch, and the first candles come before the first analysis. Outcomes
 * only (no durations: the machine is shared): the input answered while an analysis was pending (its worker held
 * back), the large result was applied in several slices, the chart showed the sample's candles while the worker had
 * not answered. The timings themselves
 * are printed by `npm run bench` (first candles, longest main-thread task of the switch).
 */
import { expect, holdAnalysisWorker, openApp, test, waitForAnalysis } from './fixtures.ts';

test('the page answers input while an analysis is pending', async ({ page, problems }) => {
	void problems;
	// The analysis stays pending until released. (Racing a real analysis made this test depend on the machine's speed:
	// on a quiet machine the 5m result came first.)
	const release = await holdAnalysisWorker(page);
	await page.goto('/?tf=1h&days=90&mode=history');
	const pending = page.getByRole('status').filter({ hasText: /Loading|Computing/ });
	await expect(pending).toHaveCount(1);

	// The page takes the input meanwhile: a timeframe, a switch, the keyboard.
	await page.getByRole('radio', { name: '5 minutes', exact: true }).click();
	await expect(page.getByRole('radio', { name: '5 minutes', exact: true })).toBeChecked();
	const longs = page.getByRole('checkbox', { name: 'Longs' });
	await longs.click();
	await expect(longs).not.toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('checkbox', { name: 'Shorts' })).toBeFocused();
	// Still pending: all of that was answered while no analysis had come back.
	await expect(pending).toHaveCount(1);
	await expect(page.getByTestId('cluster')).toHaveCount(0);

	// Released, the analysis of what was asked for last is drawn: 5m, longs still off.
	release();
	await waitForAnalysis(page);
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
	await expect(longs).not.toBeChecked();
});

test('the switch to 5m / 90 days / history is applied to the chart in slices', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=1h&days=90&mode=history');
	await page.getByRole('radio', { name: '5 minutes', exact: true }).click();
	await waitForAnalysis(page);
	const chart = page.getByTestId('chart');
	await expect(chart).toHaveAttribute('data-pending-slices', '0');
	// The candles at once, then in tasks of their own: the volume, the RSI line, the volume SMA line, and the history
	// image in column chunks of 120,000 cells (`liquidation-chart.ts`, `history-heatmap/cell-image.ts`): at least four.
	const applied = Number(await chart.getAttribute('data-applied-slices'));
	expect(applied, 'slices applied for the 5m result').toBeGreaterThanOrEqual(4);
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
	await expect(page.getByTestId('chart-description')).toHaveText(/^Showing /);
});

test('the sample’s candles are drawn before the first analysis arrives', async ({ page, problems }) => {
	void problems;
	const release = await holdAnalysisWorker(page);
	await page.goto('/');
	const description = page.getByTestId('chart-description');
	await expect(description).toHaveText(/^Showing .+ to .+, prices /);
	await expect(page.getByRole('status').filter({ hasText: /Loading|Computing/ })).toHaveCount(1);
	await expect(page.getByTestId('cluster')).toHaveCount(0);
	const before = (await description.textContent())?.split(', prices')[0];

	release();
	await waitForAnalysis(page);
	// The analysis brings the same candles: the chart kept them and the view (same first and last bar in view).
	await expect(description).toHaveText(new RegExp(`^${before?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, prices `));
});

test('a long series is handed to the chart as a window of its newest bars that grows as the view goes back', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=5m&days=90&mode=history&structure=1');
	const chart = page.getByTestId('chart');
	const description = page.getByTestId('chart-description');
	// 5m × 90 days = 25,920 bars; the chart holds the newest 3,000 (`chart/common/bar-window.ts`, WINDOW_BARS).
	await expect(chart).toHaveAttribute('data-window-bars', '3000');
	// Dragging towards older bars: the window grows (3,000 more bars, doubling) before its first bar comes into view.
	// Each drag moves the view ~120 bars back; the window's first bar is ~2,800 bars before the view's: ~20 drags.
	const box = (await chart.boundingBox())!;
	for (let drag = 0; drag < 40 && (await chart.getAttribute('data-window-bars')) === '3000'; drag++) {
		await page.mouse.move(box.x + 100, box.y + box.height * 0.4);
		await page.mouse.down();
		await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.4, { steps: 6 });
		await page.mouse.up();
	}
	await expect(chart).toHaveAttribute('data-window-bars', '6000');
	await expect(description).toHaveText(/^Showing 2025-06-/);
	// Home shows the series' first bar: the whole series is handed over. The sample ends 2025-07-02 17:00 UTC; its
	// 90-day lookback on 5m starts 2025-04-03 17:05.
	await chart.focus();
	await page.keyboard.press('Home');
	await expect(chart).toHaveAttribute('data-window-bars', '25920');
	await expect(description).toHaveText(/^Showing 2025-04-03 17:05 UTC to /);
	// The crosshair reads the bar under it in the grown window (a bar of that first view, not one 3,000 bars later).
	await expect(chart).toHaveAttribute('data-pending-slices', '0');
	await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
	await expect(page.getByTestId('crosshair-legend')).toContainText(/2025-04-0[34] \d\d:\d\d/);
	// End brings back the newest bars (the window stays whole).
	await page.keyboard.press('End');
	await expect(description).toHaveText(/^Showing 2025-07-02 /);
});
