/**
 * CSV import: a TradingView chart export (epoch seconds, `Volume`, extra indicator columns) picked with "Import CSV"
 * replaces the data and names the file; a bad file is refused with the line and the reason and the chart stays exactly
 * as it was; a file dropped on the chart is imported too.
 */
import { candleAt } from '../tests/server/loopback/synthetic-market.ts';
import { pictureDifference, readChartPixels } from './chart-pixels.ts';
import { expect, holdAnalysisWorker, NO_OVERLAYS, nextPaint, openApp, test, waitForAnalysis } from './fixtures.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2025, 4, 1);

/** `hours` 1h candles of the synthetic market as TradingView exports a chart (oldest first, epoch seconds). */
function tradingViewCsv(hours: number): string {
	const rows = ['time,open,high,low,close,Volume,Volume MA,RSI'];
	for (let i = 0; i < hours; i++) {
		const c = candleAt(START + i * HOUR, HOUR, 30_000);
		rows.push([c.time / 1000, c.open, c.high, c.low, c.close, c.volume, 'NaN', (50 + Math.sin(i) * 10).toFixed(2)].join(','));
	}
	return rows.join('\n') + '\n';
}

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a TradingView export replaces the data, named by its file, at a timeframe it can build', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	await page.getByLabel('Import CSV').setInputFiles(csvFile('BYBIT_BTCUSDT.P, 60.csv', tradingViewCsv(24 * 40)));
	const status = page.getByTestId('data-status');
	await expect(status).toContainText('BYBIT_BTCUSDT.P, 60.csv');
	await expect(status).toContainText('960 candles');
	await expect(page.getByLabel('Source')).toHaveValue('__file__');
	// 1h candles cannot build 15m: the view moves to 1h.
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page).toHaveURL(/tf=1h/);
	await waitForAnalysis(page);
	await expect(page.getByTestId('header-last-time')).toHaveText(new Date(START + 959 * HOUR).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
	await expect(page.getByTestId('header-model')).toHaveText('volume proxy');
	// The History check is measured on the file's candles, not on the data shown before.
	const historyCheck = page.getByRole('region', { name: 'History check' });
	await expect(historyCheck).toContainText('Measured on all 960 loaded 1h candles', { timeout: 30_000 });
	await page.screenshot({ path: 'e2e-screenshots/import-good-desktop.png' });

	// Picking a source again leaves the file.
	await page.getByLabel('Source').selectOption({ label: 'Sample' });
	await expect(status).toContainText('historical sample');
	await waitForAnalysis(page);
	await expect(page.getByTestId('header-last-time')).toContainText('2025-07-02');
	// The sample's complete hourly candles: 2025-04-03 18:00 to 2025-07-02 16:00 UTC, 2,159 (its 5m candles run from
	// 17:05 on the first day to 17:00 on the last, so the first and the last hour are incomplete).
	await expect(historyCheck).toContainText('Measured on all 2,159 loaded 1h candles', { timeout: 30_000 });
});

test('a file imported before the sample has finished its first analysis is the one shown', async ({ page, problems }) => {
	void problems;
	// The sample's first analysis stays pending (its worker held back) until the file is in: however fast or slow the
	// machine, the sample's result cannot come first; both requests wait in the worker's queue, the sample's first.
	const release = await holdAnalysisWorker(page);
	await page.goto('/');
	// The sample's candles are drawn (so its analysis is asked for), its analysis has not come back.
	await expect(page.getByTestId('chart-description')).toHaveText(/^Showing /);
	const pending = page.getByRole('status').filter({ hasText: /Loading|Computing/ });
	await expect(pending).toHaveCount(1);
	await page.getByLabel('Import CSV').setInputFiles(csvFile('early.csv', tradingViewCsv(24 * 40)));
	await expect(page.getByTestId('data-status')).toContainText('early.csv');
	await expect(pending).toHaveCount(1);
	await expect(page.getByTestId('cluster')).toHaveCount(0);
	release();
	await waitForAnalysis(page);
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page).toHaveURL(/tf=1h/);
	// The file's last candle (hour 959 from 2025-05-01), not the sample's 2025-07-02.
	await expect(page.getByTestId('header-last-time')).toHaveText(new Date(START + 959 * HOUR).toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
	await expect(page.getByRole('region', { name: 'History check' })).toContainText('Measured on all 960 loaded 1h candles', { timeout: 30_000 });
});

test('a bad file is refused with the line and the reason, and the chart stays exactly as it was', async ({ page, problems }) => {
	void problems;
	await openApp(page, NO_OVERLAYS);
	const header = await page.getByRole('banner').innerText();
	const clusters = await page.getByTestId('cluster').allInnerTexts();
	const pixels = await readChartPixels(page);

	const lines = tradingViewCsv(200).split('\n');
	// Line 5 (the header is line 1): a high below the open.
	const cells = lines[4].split(',');
	cells[2] = String(Number(cells[1]) - 500);
	lines[4] = cells.join(',');
	await page.getByLabel('Import CSV').setInputFiles(csvFile('broken.csv', lines.join('\n')));

	const error = page.getByTestId('import-error');
	await expect(error).toBeVisible();
	await expect(error).toContainText('broken.csv was not imported: line 5: high');
	await expect(error).toContainText('is below open');
	await nextPaint(page);
	expect(await page.getByRole('banner').innerText()).toBe(header);
	expect(await page.getByTestId('cluster').allInnerTexts()).toEqual(clusters);
	expect(pictureDifference(pixels, await readChartPixels(page)), 'chart pixels').toBe(0);
	await page.screenshot({ path: 'e2e-screenshots/import-bad-desktop.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'e2e-screenshots/import-bad-phone.png' });

	await error.getByRole('button', { name: 'Dismiss' }).click();
	await expect(error).toHaveCount(0);
});

test('a file dropped on the chart is imported', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const text = tradingViewCsv(24 * 20).replaceAll(',', ';');
	const transfer = await page.evaluateHandle((content) => {
		const data = new DataTransfer();
		data.items.add(new File([content], 'semicolons.csv', { type: 'text/csv' }));
		return data;
	}, text);
	const area = page.getByRole('region', { name: 'Chart' });
	await area.dispatchEvent('dragenter', { dataTransfer: transfer });
	await expect(page.getByTestId('drop-hint')).toBeVisible();
	await page.screenshot({ path: 'e2e-screenshots/import-drop-desktop.png' });
	await area.dispatchEvent('drop', { dataTransfer: transfer });
	await expect(page.getByTestId('drop-hint')).toHaveCount(0);
	await expect(page.getByTestId('data-status')).toContainText('semicolons.csv');
	await waitForAnalysis(page);
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
});
