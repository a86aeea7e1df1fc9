/**
 * Imported data with guardrails (issue 14, point 7): timeframes finer than the file's candles are disabled with a
 * tooltip (on 15-minute data, 5m cannot be picked), header, toolbar and chart agree on the timeframe, and the imported
 * candles survive a reload (IndexedDB) until the trader returns to the sample.
 */
import type { Page } from '@playwright/test';
import { candleAt } from '../tests/server/loopback/synthetic-market.ts';
import { expect, openApp, test, waitForAnalysis } from './fixtures.ts';

const QUARTER = 15 * 60_000;
const START = Date.UTC(2025, 4, 1);

/** `count` 15-minute candles of the synthetic market as a TradingView export (epoch seconds). */
function quarterHourCsv(count: number): string {
	const rows = ['time,open,high,low,close,Volume'];
	for (let i = 0; i < count; i++) {
		const c = candleAt(START + i * QUARTER, QUARTER, 30_000);
		rows.push([c.time / 1000, c.open, c.high, c.low, c.close, c.volume].join(','));
	}
	return rows.join('\n') + '\n';
}

const lastTime = async (page: Page) => (await page.getByTestId('header-last-time').innerText()).trim();

/**
 * The name of the file kept for the next visit (`state/imported-file-store.ts`: database "liqmap", store
 * "imported-file", key "current"), or null. The page writes and deletes it in the background after an import or a
 * return to the sample: a reload before that has finished would see the previous state, so the test waits for it.
 */
function keptFileName(page: Page): Promise<string | null> {
	return page.evaluate(
		() =>
			new Promise<string | null>((resolve) => {
				const request = indexedDB.open('liqmap', 1);
				request.onupgradeneeded = () => request.result.createObjectStore('imported-file');
				request.onerror = () => resolve(null);
				request.onsuccess = () => {
					const db = request.result;
					const get = db.transaction('imported-file', 'readonly').objectStore('imported-file').get('current');
					get.onsuccess = () => {
						db.close();
						resolve((get.result as { name?: string } | undefined)?.name ?? null);
					};
					get.onerror = () => {
						db.close();
						resolve(null);
					};
				};
			})
	);
}

async function importQuarterHours(page: Page): Promise<void> {
	// 30 days of 15-minute candles.
	await page.getByLabel('Import CSV').setInputFiles({ name: 'btc-15m.csv', mimeType: 'text/csv', buffer: Buffer.from(quarterHourCsv(30 * 96)) });
	await expect(page.getByLabel('Source')).toHaveValue('__file__');
	await waitForAnalysis(page);
}

test('on 15-minute data, 5m cannot be picked (disabled, with the reason) and header, toolbar and chart keep one timeframe', async ({ page, problems }) => {
	void problems;
	await openApp(page, '?tf=1h');
	await importQuarterHours(page);
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	const fiveMinutes = page.getByRole('radio', { name: '5 minutes', exact: true });
	await expect(fiveMinutes).toBeDisabled();
	await expect(page.locator('label', { has: fiveMinutes })).toHaveAttribute('title', 'btc-15m.csv has 15-minute candles: 5m cannot be built from them');
	// A click on the label changes nothing (before: 5m highlighted, header 1h, a "Cannot show the heatmap" box).
	await page.locator('label', { has: fiveMinutes }).click({ force: true });
	await expect(page.getByRole('radio', { name: '1 hour' })).toBeChecked();
	await expect(page.getByTestId('header-timeframe')).toHaveText('1h');
	await expect(page.getByTestId('error')).toHaveCount(0);
	// 15m is built from the file: picking it changes header and toolbar together.
	await page.getByRole('radio', { name: '15 minutes' }).check();
	await expect(page.getByTestId('header-timeframe')).toHaveText('15m');
	await expect(page.getByRole('radio', { name: '15 minutes' })).toBeChecked();
	await expect(page.getByTestId('error')).toHaveCount(0);
});

test('the imported candles are kept across reloads until the trader returns to the sample', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	const sampleLast = await lastTime(page);
	await importQuarterHours(page);
	const fileLast = await lastTime(page);
	expect(fileLast).not.toBe(sampleLast);

	await expect.poll(() => keptFileName(page)).toBe('btc-15m.csv');
	await page.reload();
	await expect(page.getByLabel('Source')).toHaveValue('__file__');
	await expect(page.getByRole('option', { name: 'File: btc-15m.csv' })).toHaveCount(1);
	await expect.poll(() => lastTime(page)).toBe(fileLast);
	await expect(page.getByRole('radio', { name: '5 minutes', exact: true })).toBeDisabled();

	await page.getByLabel('Source').selectOption('sample');
	await expect.poll(() => lastTime(page)).toBe(sampleLast);
	await expect.poll(() => keptFileName(page)).toBeNull();
	await page.reload();
	await waitForAnalysis(page);
	await expect(page.getByLabel('Source')).toHaveValue('sample');
	expect(await lastTime(page)).toBe(sampleLast);
	await expect(page.getByRole('radio', { name: '5 minutes', exact: true })).toBeEnabled();
});
