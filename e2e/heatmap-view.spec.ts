/**
 * Issue 14, the chart a trader reads at a glance: the default view shows the strongest clusters and tags those beyond
 * it, one intensity ramp without a purple wash, a clean default behind a "Confluence" preset, evidence only where it
 * was measured, filters that reach the table and the checklist, tier weights refused visibly, a focusable chart with
 * keyboard pan/zoom and a text description, and an export named after the time it was made.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test, waitForHistoryCheck } from './fixtures.ts';

/** The visible time and price span from the chart's text description ("Showing A to B, prices L to H."). */
async function viewOf(page: Page) {
	const text = await page.getByTestId('chart-description').textContent();
	const match = text?.match(/^Showing (.+?) UTC to (.+?) UTC, prices ([\d,]+) to ([\d,]+)\./);
	if (!match) throw new Error(`no view in the description: ${text}`);
	const price = (s: string) => Number(s.replace(/,/g, ''));
	return { from: match[1], to: match[2], low: price(match[3]), high: price(match[4]), text: text! };
}

test('1. the default view includes the $202M short cluster 110,500–111,500; beyond the view, clusters get edge labels', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	// Before: the price scale fitted the candles only (about 104,600–109,800 on the sample), so the cluster was off-screen.
	await expect.poll(async () => (await viewOf(page)).high).toBeGreaterThanOrEqual(111_500);
	expect((await viewOf(page)).low).toBeLessThanOrEqual(110_500);
	await expect(page.getByTestId('chart-description')).toContainText('short liquidations 110,500 to 111,500, score');

	// Home: the oldest bars, where the scale fits their prices and the top clusters lie beyond it: ▲/▼ tags.
	await page.getByTestId('chart').focus();
	await page.keyboard.press('Home');
	await expect(page.getByTestId('chart-description')).toContainText(/Beyond the view: (above|below): (Short|Long) liq\. [\d,]+–[\d,]+ · score \d+/);
});

test('2. one intensity ramp named for assistive technology, no purple wash in history mode, a clean default', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?mode=history');
	await expect(page.getByRole('img', { name: 'Intensity colour scale' })).toHaveCount(1);
	// Purple/violet pixels (blue and red both well above green) in the price pane above the last close: before, the
	// short side's violet ramp washed the whole area above the price (thousands of pixels); the ramp has no purple now.
	const purple = await page.getByTestId('chart').evaluate((container: HTMLElement) => {
		const box = container.getBoundingClientRect();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(box.width);
		canvas.height = Math.round(box.height);
		const context = canvas.getContext('2d', { willReadFrequently: true })!;
		for (const layer of Array.from(container.querySelectorAll('canvas'))) {
			const rect = layer.getBoundingClientRect();
			if (rect.width && rect.height) context.drawImage(layer, rect.left - box.left, rect.top - box.top, rect.width, rect.height);
		}
		const data = context.getImageData(0, 50, Math.round(canvas.width * 0.6), Math.round(canvas.height * 0.25)).data;
		let count = 0;
		for (let i = 0; i < data.length; i += 4) if (data[i + 2] > data[i + 1] + 25 && data[i] > data[i + 1] + 15) count++;
		return count;
	});
	expect(purple).toBeLessThan(200);

	// The clean default: every confluence overlay off; the preset switches the four together, each still switchable.
	for (const name of ['S/R zones', 'Structure', 'Divergences', 'Volume profile'])
		await expect(page.getByRole('checkbox', { name })).not.toBeChecked();
	const preset = page.getByRole('checkbox', { name: 'Confluence' });
	await preset.check();
	for (const name of ['S/R zones', 'Structure', 'Divergences', 'Volume profile'])
		await expect(page.getByRole('checkbox', { name })).toBeChecked();
	await expect(page).toHaveURL(/zones=1/);
	await page.getByRole('checkbox', { name: 'Structure' }).uncheck();
	await expect(preset).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'S/R zones' })).toBeChecked();
	await expect(page).toHaveURL(/structure=0|^(?!.*structure=1)/);
});

test('4. the table shows lift only where it was measured and says "not measured" beyond the reach', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await waitForHistoryCheck(page);
	// The History check's reach is 3 ATR: the 105,200–105,300 long cluster (11.6 ATR on the sample) was never measured;
	// before, it read "hit 64 % … baseline 5 % at 11.5 ATR", a 13× edge that does not exist.
	const far = page.getByTestId('cluster-row').filter({ has: page.locator('[data-low="105200"]') });
	const farEvidence = page.locator('tr.why').nth(await rowIndex(page, '105200'));
	await expect(far).toHaveCount(1);
	await expect(farEvidence.getByTestId('cluster-measured')).toHaveText(/History: not measured at this distance \(1\d\.\d ATR; the check reaches 3 ATR\)/);
	await expect(farEvidence.getByTestId('cluster-lift')).toHaveCount(0);
	// The 109,700–110,400 short cluster (1.9 ATR) lies within the reach: its bucket's lift with an interval.
	const near = page.locator('tr.why').nth(await rowIndex(page, '109700'));
	await expect(near.getByTestId('cluster-measured')).toHaveText(/History \(score \d+–\d+, n=\d+\): hit \d+ % · lift \d\.\d\d \(\d\.\d\d–\d\.\d\d\)/);
});

/** Index among the table's rows of the cluster whose low edge is `low`. */
async function rowIndex(page: Page, low: string): Promise<number> {
	const lows = await page.getByTestId('cluster').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-low')));
	const index = lows.indexOf(low);
	if (index < 0) throw new Error(`no cluster row from ${low}: ${lows.join(', ')}`);
	return index;
}

test('6. side and intensity filters reach the table and the checklist; tier weights are refused visibly', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const step2 = page.getByTestId('checklist-step').filter({ hasText: 'Nearest bright clusters' }).getByTestId('step-summary');
	await expect(step2).toHaveText(/^[1-9]\d* above/);
	await expect(page.locator('[data-testid="cluster"][data-side="short"]').first()).toBeVisible();

	await page.getByRole('checkbox', { name: 'Shorts' }).uncheck();
	await expect(page.locator('[data-testid="cluster"][data-side="short"]')).toHaveCount(0);
	await expect(step2).toHaveText(/^0 above/);
	await page.getByRole('checkbox', { name: 'Shorts' }).check();
	await expect(page.locator('[data-testid="cluster"][data-side="short"]').first()).toBeVisible();

	// Minimum intensity 60 %: under the linear scale, a cluster's peak bin below 60 % of the largest leaves the table.
	await page.getByRole('slider').first().fill('0.6');
	await expect(page.locator('[data-testid="cluster"][data-low="109700"]'), 'the 58 % cluster 109,700–110,400 leaves').toHaveCount(0);
	const intensities = await page
		.getByTestId('cluster-row')
		.evaluateAll((rows) => rows.map((row) => Number(row.querySelector('.range .sub')?.textContent?.match(/(\d+) %/)?.[1])));
	expect(intensities.length).toBeGreaterThan(0);
	for (const intensity of intensities) expect(intensity).toBeGreaterThanOrEqual(60);

	// A tier weight of −5 or an empty one is refused with a message, the field marked invalid.
	const weight = page.getByRole('spinbutton', { name: 'Weight of the 25x tier, percent' });
	await weight.fill('-5');
	await weight.press('Enter');
	await weight.blur();
	await expect(page.getByTestId('tier-error')).toHaveText('25x weight -5 is outside 0–100: enter a weight from 0 to 100 (the model keeps 30 %).');
	await expect(weight).toHaveAttribute('aria-invalid', 'true');
	await weight.fill('');
	await weight.blur();
	await expect(page.getByTestId('tier-error')).toHaveText(/25x weight is empty/);
	await weight.fill('40');
	await weight.blur();
	await expect(page.getByTestId('tier-error')).toHaveCount(0);
	await expect.poll(() => decodeURIComponent(page.url())).toMatch(/tiers=[^&]*25:40/);

	// Every tier off: the chart says why it is empty.
	for (const leverage of [5, 10, 25, 50, 100]) await page.getByRole('checkbox', { name: `Use the ${leverage}x tier` }).uncheck();
	await expect(page.getByTestId('chart-notice')).toHaveText(/All leverage tiers are off/);
});

test('8. the chart takes the keyboard focus and pans and zooms with the keys; Tab skips the hidden logo link', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const chart = page.getByTestId('chart');
	// Tab through the page: the chart is reached, and nothing focused is an invisible link inside it.
	let reached = false;
	for (let i = 0; i < 60 && !reached; i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			return { testid: el?.dataset.testid ?? null, tag: el?.tagName ?? '', inChart: !!el?.closest('[data-testid="chart"]') };
		});
		expect(focused.tag === 'A' && focused.inChart, 'an invisible link in the chart took the focus').toBe(false);
		reached = focused.testid === 'chart';
	}
	expect(reached, 'Tab reaches the chart').toBe(true);
	await expect(chart).toHaveCSS('outline-style', 'solid');

	// One key at a time, each waited for until the view has moved: the chart applies a new range on the next frame, and
	// a second key read before that frame starts from the old range (two quick presses count as one, which is how this
	// test once failed: "-" "-" zoomed out only once, back to the starting width).
	// Every key below moves the first bar in view (the clusters and prices may change on their own: not compared).
	const press = async (key: string) => {
		const before = await viewOf(page);
		await page.keyboard.press(key);
		await expect.poll(async () => (await viewOf(page)).from).not.toBe(before.from);
	};
	const start = await viewOf(page);
	// Each ArrowLeft pans a tenth of the view; after the empty space right of the newest bar, the last bar in view moves
	// too: press until the newest bar shown has changed.
	do await press('ArrowLeft');
	while ((await viewOf(page)).to === start.to);
	const panned = await viewOf(page);
	expect(panned.from < start.from && panned.to < start.to, 'ArrowLeft shows earlier bars').toBe(true);
	await press('End');
	expect((await viewOf(page)).to).toBe(start.to);
	await press('+');
	expect((await viewOf(page)).from > start.from, '+ zooms in: fewer, later bars').toBe(true);
	await press('-');
	await press('-');
	expect((await viewOf(page)).from < start.from, '− twice zooms out past the start').toBe(true);
	await press('Home');
	// The sample's 30-day lookback on 15m starts 2025-06-02.
	expect((await viewOf(page)).from).toMatch(/^2025-06-0[23] /);
});

test('8. two keys pressed within one frame both count: − − quickly, then + + one at a time, is the starting view', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByTestId('chart').focus();
	const start = await viewOf(page);
	// Both presses in one task, before the chart draws the first: the second starts from the range the first asked for
	// (it used to start from the range still drawn, so − − zoomed out once).
	await page.getByTestId('chart').evaluate((chart: HTMLElement) => {
		for (let i = 0; i < 2; i++) chart.dispatchEvent(new KeyboardEvent('keydown', { key: '-', bubbles: true, cancelable: true }));
	});
	await expect.poll(async () => (await viewOf(page)).from).not.toBe(start.from);
	// + zooms in by the factor − zooms out by (1.25, around the right edge): two of them, each waited for, undo two −.
	for (const key of ['+', '+']) {
		const before = (await viewOf(page)).from;
		await page.keyboard.press(key);
		await expect.poll(async () => (await viewOf(page)).from).not.toBe(before);
	}
	expect((await viewOf(page)).from).toBe(start.from);
});

test('8. the export is named with the export time and can leave out the account figures', async ({ page, problems }) => {
	void problems;
	// The export time comes from the page's clock: fixed here so the name is known.
	await page.clock.setFixedTime(new Date('2026-12-02T05:07:09Z'));
	await openApp(page);
	await page.getByRole('button', { name: 'Start a plan at the last close' }).click();
	await page.getByRole('checkbox', { name: 'Hide account figures' }).check();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export PNG' }).click();
	// Last candle 2025-07-02 16:45 UTC (the sample's end), exported 05:07:09 UTC.
	expect((await download).suggestedFilename()).toBe('btc-liquidation-15m-20250702-1645-050709.png');
	await expect(page.getByTestId('export-message')).toHaveText('Saved btc-liquidation-15m-20250702-1645-050709.png');
});
