/**
 * The confluence half: volume and RSI panes, the four price overlays (each switchable and kept in the URL), the
 * scored cluster table (breakdown sums to the score, sorting, picking) and the higher-timeframe context.
 */
import type { Page } from '@playwright/test';
import { countColour, pictureDifference, readChartPixels } from './chart-pixels.ts';
import { ALL_OVERLAYS, expect, nextPaint, openApp, test, waitForAnalysis } from './fixtures.ts';

/** RSI line (#9c7ae0), volume SMA (#5b8def) and POC (#e36fc4) colours of `src/lib/chart/theme.ts` and the profile. */
const RSI_PURPLE = [156, 122, 224] as const;
const SMA_BLUE = [91, 141, 239] as const;
const POC_MAGENTA = [227, 111, 196] as const;

const lastClose = async (page: Page) =>
	Number((await page.getByTestId('header-last-close').innerText()).split(/\s/)[0].replace(/,/g, ''));

test('draws the volume pane with its SMA and the RSI pane below the price', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	// The lower fifth of the chart holds the RSI pane; the volume pane sits above it.
	expect(await countColour(page, RSI_PURPLE, [0.75, 1]), 'RSI line pixels').toBeGreaterThan(150);
	expect(await countColour(page, RSI_PURPLE, [0, 0.6], 10), 'no RSI in the price pane').toBeLessThan(50);
	expect(await countColour(page, SMA_BLUE, [0.6, 0.95]), 'volume SMA pixels').toBeGreaterThan(40);
});

const overlays = [
	{ name: 'S/R zones', param: 'zones' },
	{ name: 'Structure', param: 'structure' },
	{ name: 'Divergences', param: 'div' },
	{ name: 'Volume profile', param: 'profile' }
];

for (const overlay of overlays) {
	test(`the ${overlay.name} overlay is off by default, switches on and back off, and is kept in the URL`, async ({ page, problems }) => {
		void problems;
		await openApp(page);
		const toggle = page.getByRole('checkbox', { name: overlay.name });
		await expect(toggle).not.toBeChecked();
		const off = await readChartPixels(page);
		await toggle.check();
		await expect(page).toHaveURL(new RegExp(`${overlay.param}=1`));
		await expect.poll(async () => pictureDifference(off, await readChartPixels(page))).toBeGreaterThan(0.05);
		const on = await readChartPixels(page);

		await page.reload();
		await waitForAnalysis(page);
		await expect(page.getByRole('checkbox', { name: overlay.name })).toBeChecked();
		await page.getByRole('checkbox', { name: overlay.name }).uncheck();
		await nextPaint(page);
		await expect(page).not.toHaveURL(new RegExp(`${overlay.param}=`));
		await expect.poll(async () => pictureDifference(on, await readChartPixels(page))).toBeGreaterThan(0.05);
	});
}

test('the volume profile marks its point of control in a hue the heatmap never takes', async ({ page, problems }) => {
	void problems;
	await openApp(page, ALL_OVERLAYS);
	expect(await countColour(page, POC_MAGENTA, [0, 0.75], 10), 'POC pixels').toBeGreaterThan(200);
	await page.getByRole('checkbox', { name: 'Volume profile' }).uncheck();
	await nextPaint(page);
	// The heatmap's ramp (blue → green → yellow) has no magenta: nothing of that colour is left without the profile.
	const without = await countColour(page, POC_MAGENTA, [0, 0.75], 10);
	expect(without).toBeLessThan(20);
	await page.getByRole('checkbox', { name: 'Volume profile' }).check();
	await nextPaint(page);
	expect(await countColour(page, POC_MAGENTA, [0, 0.75], 10)).toBeGreaterThan(without + 200);
});

test('every row has a score whose breakdown, in readable reasons, sums to it', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const rows = page.getByTestId('cluster-row');
	const count = await rows.count();
	expect(count).toBeGreaterThanOrEqual(4);
	for (let i = 0; i < count; i++) {
		const row = rows.nth(i);
		const score = Number(await row.getAttribute('data-score'));
		expect(score).toBeGreaterThanOrEqual(0);
		expect(score).toBeLessThanOrEqual(100);
		await expect(row).toContainText(String(Math.round(score)));
		await row.getByTestId('cluster').click();
		const breakdown = page.getByTestId('breakdown');
		await expect(breakdown).toBeVisible();
		const points = await breakdown.locator('li[data-points]').evaluateAll((items) =>
			items.map((item) => Number(item.getAttribute('data-points')))
		);
		expect(points).toHaveLength(8);
		expect(Math.abs(points.reduce((sum, p) => sum + p, 0) - score), `row ${i}: points sum to the score`).toBeLessThan(0.051);
		const text = await breakdown.innerText();
		expect(text).toMatch(/intensity \d+ % of the peak/);
		expect(text).toMatch(/\d+(\.\d)? ATR away|ATR not yet defined/);
		expect(text).toMatch(/RSI divergence/);
		expect(text).toMatch(/(BOS|CHoCH) (up|down)|no structure break/);
		expect(text).toMatch(/\b(1h|4h|1d) trend (up|down|range)|no higher-timeframe context/);
	}
});

test('sorts by distance and back by score, with the sort state announced', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const close = await lastClose(page);
	const scoreHeader = page.getByRole('columnheader', { name: 'Score' });
	const distanceHeader = page.getByRole('columnheader', { name: 'Distance' });
	await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
	const scores = async () => (await page.getByTestId('cluster-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-score')))));
	const distances = async () =>
		(await page.getByTestId('cluster').evaluateAll((buttons) => buttons.map((b) => Number(b.getAttribute('data-price'))))).map((price) =>
			Math.abs(price - close)
		);
	const byScore = await scores();
	expect(byScore).toEqual([...byScore].sort((a, b) => b - a));

	await distanceHeader.getByRole('button').click();
	await expect(distanceHeader).toHaveAttribute('aria-sort', 'ascending');
	await expect(scoreHeader).toHaveAttribute('aria-sort', 'none');
	const near = await distances();
	expect(near).toEqual([...near].sort((a, b) => a - b));
	expect(await scores()).not.toEqual(byScore);

	await scoreHeader.getByRole('button').press('Enter');
	await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
	expect(await scores()).toEqual(byScore);
});

test('clicking anywhere on a row highlights its cluster; clicking again clears it', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const before = await readChartPixels(page);
	const row = page.getByTestId('cluster-row').nth(1);
	await row.locator('td').first().click();
	await expect(row.getByTestId('cluster')).toHaveAttribute('aria-pressed', 'true');
	await expect.poll(async () => pictureDifference(before, await readChartPixels(page))).toBeGreaterThan(0.05);
	await row.locator('td').first().click();
	await expect(row.getByTestId('cluster')).toHaveAttribute('aria-pressed', 'false');
	await expect(page.getByTestId('breakdown')).toHaveCount(0);
});

test('shows the higher-timeframe trend, and the context timeframe and swing length controls change the analysis', async ({ page, problems }) => {
	void problems;
	// With the confluence overlays on: the swing length moves the S/R zones and structure they draw.
	await openApp(page, ALL_OVERLAYS);
	await expect(page.getByTestId('header-context')).toHaveText(/^[▲▼◆] 4h (up|down|range)$/);
	await expect(page.getByTestId('context-trend')).toContainText(/4h trend (up|down|range)/);
	await expect(page.getByTestId('context-trend')).toContainText(/EMA\(\d+\)/);

	const context = page.getByRole('combobox', { name: 'Context timeframe' });
	await expect(context).toHaveValue('');
	await context.selectOption('1d');
	await waitForAnalysis(page);
	await expect(page).toHaveURL(/ctx=1d/);
	await expect(page.getByTestId('header-context')).toHaveText(/^[▲▼◆] 1d (up|down|range)$/);

	const before = await readChartPixels(page);
	const swing = page.getByRole('spinbutton', { name: 'Swing length' });
	await swing.fill('10');
	await swing.press('Enter');
	await waitForAnalysis(page);
	await expect(page).toHaveURL(/swing=10/);
	await expect.poll(async () => pictureDifference(before, await readChartPixels(page))).toBeGreaterThan(0.05);

	// Out of range: refused, the field shows the current value again.
	await swing.fill('0');
	await swing.press('Enter');
	await expect(swing).toHaveValue('10');

	await page.reload();
	await waitForAnalysis(page);
	await expect(context).toHaveValue('1d');
	await expect(swing).toHaveValue('10');
});
