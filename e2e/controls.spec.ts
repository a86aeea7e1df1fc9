/** Every control changes what is shown, is named for assistive technology, works from the keyboard, and is kept in the URL. */
import type { Page } from '@playwright/test';
import { pictureDifference, readChartPixels } from './chart-pixels.ts';
import { expect, NO_OVERLAYS, nextPaint, openApp, test, waitForAnalysis, waitForHistoryCheck } from './fixtures.ts';

/** The cluster list as text: changes whenever the analysis does. */
const clusterText = (page: Page) => page.getByRole('region', { name: 'Strongest clusters' }).innerText();

/** Runs `change` and expects the chart picture to differ afterwards. */
async function expectPictureChange(page: Page, change: () => Promise<unknown>): Promise<void> {
	const before = await readChartPixels(page);
	await change();
	await waitForAnalysis(page);
	await expect.poll(async () => pictureDifference(before, await readChartPixels(page))).toBeGreaterThan(0.05);
}

test('timeframe', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await expectPictureChange(page, () => page.getByRole('radio', { name: '1 hour' }).check());
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page).toHaveURL(/tf=1h/);
});

test('lookback', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const clusters = await clusterText(page);
	await expectPictureChange(page, () => page.getByLabel('Lookback').selectOption('7'));
	expect(await clusterText(page)).not.toBe(clusters);
	await expect(page).toHaveURL(/days=7/);
});

test('leverage tier switch and weight', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const clusters = await clusterText(page);
	await expectPictureChange(page, () => page.getByRole('checkbox', { name: 'Use the 100x tier' }).uncheck());
	expect(await clusterText(page)).not.toBe(clusters);
	await expect(page).toHaveURL(/tiers=5%3A10%2C10%3A25%2C25%3A30%2C50%3A20%2C100%3A15%21/);

	const afterSwitch = await clusterText(page);
	const weight = page.getByRole('spinbutton', { name: 'Weight of the 5x tier, percent' });
	await expectPictureChange(page, async () => {
		await weight.fill('70');
		await weight.press('Enter');
	});
	expect(await clusterText(page)).not.toBe(afterSwitch);
	await expect(page).toHaveURL(/tiers=5%3A70/);
});

test('long and short toggles', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await expectPictureChange(page, () => page.getByRole('checkbox', { name: 'Longs' }).uncheck());
	await expect(page).toHaveURL(/longs=0/);
	// Both sides off: nothing is left to list either (the filters reach the table), so compare the picture directly.
	const before = await readChartPixels(page);
	await page.getByRole('checkbox', { name: 'Shorts' }).uncheck();
	await expect(page).toHaveURL(/shorts=0/);
	await expect.poll(async () => pictureDifference(before, await readChartPixels(page))).toBeGreaterThan(0.05);
	await expect(page.getByTestId('cluster')).toHaveCount(0);
});

test('scale', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const ticks = await page.getByTestId('legend-ticks').innerText();
	await expectPictureChange(page, () => page.getByLabel('Scale', { exact: true }).selectOption('percentile'));
	expect(await page.getByTestId('legend-ticks').innerText(), 'legend numbers follow the scale').not.toBe(ticks);
	await expect(page).toHaveURL(/scale=percentile/);
	await expectPictureChange(page, () => page.getByLabel('Scale', { exact: true }).selectOption('log'));
	await expect(page).toHaveURL(/scale=log/);
});

test('minimum intensity, from the keyboard', async ({ page, problems }) => {
	void problems;
	await openApp(page, NO_OVERLAYS);
	const before = await readChartPixels(page);
	const slider = page.getByRole('slider', { name: 'Min intensity' });
	await slider.focus();
	for (let step = 0; step < 6; step++) await slider.press('ArrowRight');
	await expect(slider).toHaveValue('0.35');
	await expect(page).toHaveURL(/min=0.35/);
	await nextPaint(page);
	const after = await readChartPixels(page);
	expect(after.heat, 'faint bands are hidden').toBeLessThan(before.heat * 0.8);
});

test('timeframe from the keyboard: Tab to the group, arrow to the next option', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('radio', { name: '15 minutes' }).focus();
	await page.keyboard.press('ArrowRight');
	await waitForAnalysis(page);
	await expect(page.getByRole('radio', { name: '1 hour' })).toBeChecked();
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	// Focus moves on with Tab, out of the radio group to the lookback select.
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Lookback')).toBeFocused();
});

test('every control has an accessible name', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const unnamed = await page.evaluate(() =>
		Array.from(document.querySelectorAll<HTMLElement>('input, select, button, textarea'))
			.filter((element) => {
				const labelled = 'labels' in element && (element as HTMLInputElement).labels?.length;
				const text = element.tagName === 'BUTTON' && element.textContent?.trim();
				return !element.getAttribute('aria-label') && !element.getAttribute('aria-labelledby') && !labelled && !text;
			})
			.map((element) => element.outerHTML.slice(0, 120))
	);
	expect(unnamed).toEqual([]);
});

test('the view survives a reload (URL round trip)', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByRole('radio', { name: '4 hours' }).check();
	await waitForAnalysis(page);
	await page.getByLabel('Lookback').selectOption('60');
	await waitForAnalysis(page);
	await page.getByLabel('Scale', { exact: true }).selectOption('log');
	await page.getByRole('checkbox', { name: 'Shorts' }).uncheck();
	await page.getByRole('checkbox', { name: 'Use the 5x tier' }).uncheck();
	await waitForAnalysis(page);
	// Each cluster row ends with its History check evidence: compare them once it is measured, on both sides.
	await waitForHistoryCheck(page);
	const url = page.url();
	const clusters = await clusterText(page);

	await page.reload();
	await waitForAnalysis(page);
	await waitForHistoryCheck(page);
	expect(page.url()).toBe(url);
	await expect(page.getByRole('radio', { name: '4 hours' })).toBeChecked();
	await expect(page.getByLabel('Lookback')).toHaveValue('60');
	await expect(page.getByLabel('Scale', { exact: true })).toHaveValue('log');
	await expect(page.getByRole('checkbox', { name: 'Shorts' })).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Use the 5x tier' })).not.toBeChecked();
	expect(await clusterText(page)).toBe(clusters);
});

test('a bad URL parameter is named and replaced by its default', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=7m&days=14');
	await expect(page.getByRole('status').filter({ hasText: 'Ignored' })).toContainText('tf="7m"');
	await expect(page.getByTestId('header-timeframe')).toHaveText('15m');
	await expect(page.getByLabel('Lookback')).toHaveValue('14');
	await expect(page).toHaveURL(/\?days=14$/);
});

test('a bad overlay flag is named and the overlay keeps its default (off)', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?zones=maybe&div=1');
	await expect(page.getByRole('status').filter({ hasText: 'Ignored' })).toContainText('zones="maybe"');
	await expect(page.getByRole('checkbox', { name: 'S/R zones' })).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Divergences' })).toBeChecked();
	await expect(page).toHaveURL(/\?div=1$/);
});
