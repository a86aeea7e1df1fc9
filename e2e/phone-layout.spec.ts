/**
 * Chart-first phone layout at 390×844 (issue 14, point 9): the chart starts within the first 120 px and fills at least
 * half the screen, the toolbars fold into a menu, a tap shows the readout, and the strip narrows.
 */
import { expect, openApp, test } from './fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test('the chart comes first: within the first 120 px, at least half the screen high', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const chart = (await page.getByTestId('chart').boundingBox())!;
	// Before: the chart started at y ≈ 430, under half a screen of controls.
	expect(chart.y).toBeLessThanOrEqual(120);
	expect(chart.height).toBeGreaterThanOrEqual(844 / 2);
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'e2e-screenshots/phone-chart-first-390x844.png' });
});

test('the controls fold into a menu that unfolds them', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const timeframe = page.getByRole('radio', { name: '1 hour' });
	await expect(timeframe).toBeHidden();
	await expect(page.getByLabel('Source')).toBeHidden();
	const menu = page.getByRole('button', { name: /Controls/ });
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await menu.click();
	await expect(page.getByRole('button', { name: /Close/ })).toHaveAttribute('aria-expanded', 'true');
	await expect(page.getByLabel('Source')).toBeVisible();
	await timeframe.check();
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await page.screenshot({ path: 'e2e-screenshots/phone-menu-390x844.png' });
	await page.getByRole('button', { name: /Close/ }).click();
	await expect(timeframe).toBeHidden();
});

test('a tap on the chart shows the readout at that price', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await expect(page.getByTestId('crosshair-readout')).toHaveCount(0);
	const box = (await page.getByTestId('chart').boundingBox())!;
	await page.touchscreen.tap(box.x + box.width * 0.4, box.y + box.height * 0.35);
	// Before: a tap left the hint "Point at the chart…" (touch has no hover).
	await expect(page.getByTestId('crosshair-readout')).toContainText('Longs');
	await expect(page.getByTestId('crosshair-readout')).toContainText('Shorts');
});

test('folded during replay, only the replay controls stay above the chart', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('button', { name: /Controls/ }).click();
	await page.getByLabel('Replay from').fill('2025-06-20 14:15');
	await page.getByRole('button', { name: 'Start replay' }).click();
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 14:15 UTC');
	await page.getByRole('button', { name: /Close/ }).click();
	await expect(page.getByRole('radio', { name: '1 hour' })).toBeHidden();
	await expect(page.getByLabel('Lookback')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Step forward' })).toBeVisible();
	await page.getByRole('button', { name: 'Step forward' }).tap();
	await expect(page.getByTestId('replay-badge')).toHaveText('Replay · 2025-06-20 14:30 UTC');
	await page.getByRole('button', { name: 'Exit replay' }).tap();
	await expect(page.getByTestId('replay-badge')).toHaveCount(0);
});
