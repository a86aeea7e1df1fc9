/**
 * The page stays responsive on the heaviest switch, and the first candles come before the first analysis. Outcomes
 * only (no durations: the machine is shared): the input answered while the analysis ran, the large result was applied
 * in several slices, the chart showed the sample's candles while the worker had not answered. The timings themselves
 * are printed by `npm run bench` (first candles, longest main-thread task of the switch).
 */
import { expect, nextPaint, openApp, test, waitForAnalysis, waitForHistoryCheck } from './fixtures.ts';

const computing = (page: import('@playwright/test').Page) => page.getByRole('status').filter({ hasText: 'Computing map' });

test('the page answers input while a long analysis runs', async ({ page, problems }) => {
	void problems;
	// Settle on a light view first, so the input can go straight to the switches once the long analysis starts.
	await openApp(page, '?tf=1h&days=90&mode=history');
	// The History check of this view lands on the page when it finishes: let it, so it does not fall into the switch.
	await waitForHistoryCheck(page);
	const fiveMinutes = await page.getByRole('radio', { name: '5 minutes', exact: true }).boundingBox();
	const longs = page.getByRole('checkbox', { name: 'Longs' });
	const longsBox = await longs.boundingBox();
	if (!fiveMinutes || !longsBox) throw new Error('the 5m button or the Longs switch has no box');

	// In the page: whether the Longs switch changed while "Computing map" was shown (the analysis ran in the worker
	// and the page took the input meanwhile).
	const toggledWhileComputing = page.evaluate(
		() =>
			new Promise<boolean>((resolve) => {
				const computingNow = () => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent?.includes('Computing map'));
				const longsSwitch = [...document.querySelectorAll('label')].find((el) => el.textContent?.trim() === 'Longs');
				longsSwitch?.addEventListener('change', () => resolve(computingNow()), { capture: true, once: true });
			})
	);

	await page.mouse.click(fiveMinutes.x + fiveMinutes.width / 2, fiveMinutes.y + fiveMinutes.height / 2);
	await expect(computing(page)).toBeVisible();
	await nextPaint(page);
	await page.mouse.click(longsBox.x + longsBox.width / 2, longsBox.y + longsBox.height / 2);
	await expect(longs).not.toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('checkbox', { name: 'Shorts' })).toBeFocused();
	expect(await toggledWhileComputing, 'the switch answered while the analysis ran').toBe(true);

	// And it finishes: the 5m candles are drawn.
	await expect(computing(page)).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
});

test('the switch to 5m / 90 days / history is applied to the chart in slices', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=1h&days=90&mode=history');
	await page.getByRole('radio', { name: '5 minutes', exact: true }).click();
	await waitForAnalysis(page);
	const chart = page.getByTestId('chart');
	await expect(chart).toHaveAttribute('data-pending-slices', '0');
	// The candles at once, then in tasks of their own: the volume, the RSI line, the volume SMA line, and the history
	// image in column chunks of 250,000 cells (`liquidation-chart.ts`, `history-heatmap/cell-image.ts`): at least four.
	const applied = Number(await chart.getAttribute('data-applied-slices'));
	expect(applied, 'slices applied for the 5m result').toBeGreaterThanOrEqual(4);
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
	await expect(page.getByTestId('chart-description')).toHaveText(/^Showing /);
});

test('the sample’s candles are drawn before the first analysis arrives', async ({ page, problems }) => {
	void problems;
	// Hold the analysis worker's script: no analysis can arrive until it is released.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/analysis\.worker-[^/]*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
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
