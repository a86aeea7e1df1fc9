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

	// In the page: from the user's input on, the frames painted while the status says "Computing map" and the longest
	// gap between two of them, whether the Longs switch changed while the analysis was still running, and how long the
	// page took from the pointer going down to the change (the page's own answer, not the test driver's waiting for
	// the page to settle after its start).
	const frames = page.evaluate(
		() =>
			new Promise<{ count: number; maxGap: number; toggledWhileComputing: boolean; inputMs: number }>((resolve) => {
				const computingNow = () => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent?.includes('Computing map'));
				let toggledWhileComputing = false;
				let pointerDown = 0;
				let inputMs = -1;
				let last = -1;
				let maxGap = 0;
				let count = 0;
				document.addEventListener('pointerdown', (event) => (pointerDown = event.timeStamp), { capture: true });
				document.addEventListener(
					'change',
					() => {
						toggledWhileComputing ||= computingNow();
						if (inputMs < 0) inputMs = performance.now() - pointerDown;
						last = performance.now();
					},
					{ capture: true }
				);
				const tick = (now: number) => {
					if (!computingNow()) return resolve({ count, maxGap, toggledWhileComputing, inputMs });
					if (last >= 0) {
						maxGap = Math.max(maxGap, now - last);
						last = now;
						count++;
					}
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
	expect(measured.inputMs, 'ms from pointer down to the change').toBeLessThan(250);
	expect(measured.count, 'frames painted during the analysis, after the input').toBeGreaterThanOrEqual(1);
	expect(measured.maxGap, 'longest frame gap (ms) during the analysis, after the input').toBeLessThan(250);

	// And it finishes: the 5m candles are drawn.
	await expect(computing).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByTestId('header-timeframe')).toHaveText('5m');
});
