/** Replay: the chart as known at a past bar, stepping and playing forward, and back to the loaded view. */
import type { Page } from '@playwright/test';
import { expect, headerLastTime, headerLastTimeAfterTick, openApp, SCREEN_SIZES, test, waitForAnalysis } from './fixtures.ts';

const FIFTEEN_MINUTES = 15 * 60_000;
const badgeTime = async (page: Page) =>
	Date.parse((await page.getByTestId('replay-badge').innerText()).replace(/^Replay · /, '').replace(' UTC', 'Z').replace(' ', 'T'));

async function startReplay(page: Page, at: string): Promise<void> {
	await page.getByLabel('Replay from').fill(at);
	await page.getByRole('button', { name: 'Start replay' }).click();
	await expect(page.getByTestId('replay-badge')).toHaveText(/^Replay · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse(`${at}Z`));
}

test('enter replay, step, play and pause, and exit back to the loaded view', async ({ page, problems }) => {
	void problems;
	// The page's clock drives playback: frozen below, so what "10 bar/s for one second" and "paused" deliver does not
	// depend on how fast the machine analyses each bar.
	await page.clock.install();
	await openApp(page);
	const loadedLast = await headerLastTime(page);
	const loadedClusters = await page.getByTestId('cluster').allInnerTexts();

	await startReplay(page, '2025-06-20T14:15');
	await expect(page).toHaveURL(/replay=2025-06-20T14%3A15Z/);
	expect(await badgeTime(page)).toBe(Date.parse('2025-06-20T14:15Z'));
	// The clusters are those of the map known then.
	await expect.poll(async () => (await page.getByTestId('cluster').allInnerTexts()).join()).not.toBe(loadedClusters.join());

	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:15Z') + FIFTEEN_MINUTES);
	await page.getByRole('button', { name: 'Step back' }).click();
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:15Z'));

	// Arrow keys step while the replay bar has focus.
	await page.getByRole('button', { name: 'Step forward' }).focus();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:15Z') + 2 * FIFTEEN_MINUTES);

	await page.getByLabel('Speed').selectOption('10');
	const beforePlay = await headerLastTime(page);
	await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
	await page.getByRole('button', { name: 'Play', exact: true }).click();
	await page.clock.runFor(1_000);
	// One second of page time at 10 bar/s: ten bars on, all of them delivered (each poll moves the clock by 1 ms, far
	// from the eleventh bar's due time), so no step is on its way when Pause is pressed.
	await expect.poll(() => headerLastTimeAfterTick(page)).toBe(beforePlay + 10 * FIFTEEN_MINUTES);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
	const paused = await headerLastTime(page);
	// Paused: ten seconds of page time (a hundred bars at this speed) bring no step.
	await page.clock.runFor(10_000);
	expect(await badgeTime(page), 'paused: no more steps').toBe(paused);
	expect(await headerLastTime(page)).toBe(paused);
	await page.clock.resume();

	await page.getByRole('button', { name: 'Exit replay' }).click();
	await expect(page.getByTestId('replay-badge')).toHaveCount(0);
	await expect.poll(() => headerLastTime(page)).toBe(loadedLast);
	await expect(page).not.toHaveURL(/replay=/);
	expect(await page.getByTestId('cluster').allInnerTexts()).toEqual(loadedClusters);
});

test('Alt+click on the chart starts a replay at that bar; the URL opens a replay', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const loadedLast = await headerLastTime(page);
	const box = (await page.getByTestId('chart').boundingBox())!;
	await page.getByTestId('chart').click({ position: { x: box.width * 0.35, y: box.height * 0.3 }, modifiers: ['Alt'] });
	await expect(page.getByTestId('replay-badge')).toBeVisible();
	await expect.poll(() => headerLastTime(page)).toBeLessThan(loadedLast);
	expect(await badgeTime(page)).toBe(await headerLastTime(page));

	await page.goto('/?tf=1h&replay=2025-06-01T08:00Z');
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-01 08:00 UTC');
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-01T08:00Z'));
	await page.getByRole('button', { name: 'Step forward' }).click();
	await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-01T09:00Z'));
});

for (const size of SCREEN_SIZES) {
	test(`replay screenshot at ${size.width}×${size.height}`, async ({ page, problems }) => {
		void problems;
		await page.setViewportSize({ width: size.width, height: size.height });
		await openApp(page);
		await page.screenshot({ path: `e2e-screenshots/replay-off-${size.name}.png` });
		// On a phone the replay controls are in the folded toolbar (they stay unfolded while replaying).
		const menu = page.getByRole('button', { name: /Controls/ });
		if (await menu.isVisible()) await menu.click();
		await startReplay(page, '2025-06-20T14:15');
		await page.getByRole('button', { name: 'Step forward' }).click();
		await expect.poll(() => headerLastTime(page)).toBe(Date.parse('2025-06-20T14:30Z'));
		// The step's result, all its slices, painted.
		await waitForAnalysis(page);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.screenshot({ path: `e2e-screenshots/replay-${size.name}.png` });
	});
}
