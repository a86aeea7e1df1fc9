/**
 * The analysis runs in a Web Worker: while a long one runs (5m candles, 90 days, history grid), the page keeps
 * painting frames and answers input at once.
 */
import { expect, test } from './fixtures.ts';

test('the page answers input while a long analysis runs', async ({ page, problems }) => {
	void problems;
	await page.goto('/?tf=5m&days=90&mode=history');
	const computing = page.getByRole('status').filter({ hasText: 'Computing map' });
	await expect(computing).toBeVisible();

	// In the page: frames painted while the status says "Computing map", the longest gap between two of them, and
	// whether the Longs switch changed while the analysis was still running.
	const frames = page.evaluate(
		() =>
			new Promise<{ count: number; maxGap: number; toggledWhileComputing: boolean }>((resolve) => {
				const computingNow = () => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent?.includes('Computing map'));
				let toggledWhileComputing = false;
				document.addEventListener('change', () => (toggledWhileComputing ||= computingNow()), { capture: true });
				let last = performance.now();
				let maxGap = 0;
				let count = 0;
				const tick = (now: number) => {
					if (!computingNow()) return resolve({ count, maxGap, toggledWhileComputing });
					maxGap = Math.max(maxGap, now - last);
					last = now;
					count++;
					requestAnimationFrame(tick);
				};
				requestAnimationFrame(tick);
			})
	);

	const longs = page.getByRole('checkbox', { name: 'Longs' });
	const started = Date.now();
	await longs.uncheck();
	await expect(longs).not.toBeChecked();
	const toggleMs = Date.now() - started;
	await page.keyboard.press('Tab');
	await expect(page.getByRole('checkbox', { name: 'Shorts' })).toBeFocused();

	const measured = await frames;
	test.info().annotations.push({ type: 'responsiveness', description: JSON.stringify({ toggleMs, ...measured }) });
	expect(measured.toggledWhileComputing, 'the switch answered while the analysis ran').toBe(true);
	expect(toggleMs, 'ms from click to toggled').toBeLessThan(1000);
	expect(measured.count, 'frames painted during the analysis').toBeGreaterThanOrEqual(5);
	expect(measured.maxGap, 'longest frame gap (ms) during the analysis').toBeLessThan(250);

	// And it finishes: the 5m candles are drawn.
	await expect(computing).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
});
