/**
 * The History check's "Realised liquidations" section: for the sample it says there are no recorded prints; for a
 * live source it shows what `/api/realised` answers: here the loopback server's (nothing recorded: the reason), then
 * a recorded result (a fixed answer given to the page, so the figures below are the fixture's own).
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures.ts';

async function realisedSection(page: Page) {
	const section = page.getByRole('region', { name: 'Realised liquidations' });
	await section.scrollIntoViewIfNeeded();
	return section;
}

const summary = (prints: number, inside: number, covered: number, lift: number, interval: [number, number]) => ({
	prints,
	notional: prints * 50_000,
	insideShare: inside,
	coveredShare: covered,
	lift,
	liftInterval: interval
});

const ANSWER = {
	recording: { database: { kind: 'sqlite', location: './data/liqmap.sqlite', sizeBytes: 5 * 1024 * 1024 }, retentionDays: 365, recorder: { state: 'recording', exchanges: ['bybit'], written: { liquidations: 1234 }, lastError: null }, error: null },
	result: {
		...summary(1200, 0.042, 0.021, 2, [1.5, 2.6]),
		bySide: { long: summary(700, 0.05, 0.02, 2.5, [1.7, 3.4]), short: summary(500, 0.03, 0.02, 1.5, [0.9, 2.2]) },
		byExchange: { bybit: summary(1200, 0.042, 0.021, 2, [1.5, 2.6]) },
		byScore: ['0–25', '25–50', '50–75', '75–100'].map((bucket, i) => ({ bucket, ...summary(1200, 0.01 * i, 0.005 * (i + 1), (0.01 * i) / (0.005 * (i + 1)), [0.1, 3]) })),
		outages: { count: 2, excludedCandles: 9 },
		verdict: "realised liquidations happened inside the map's clusters more than their share of the price range: lift 2.00 (95 % interval 1.50–2.60)"
	},
	reason: null
};

test('the sample has no recorded prints; a live source without a recording says why', async ({ page, problems }) => {
	void problems;
	await openApp(page);
	let section = await realisedSection(page);
	await expect(section).toContainText('The embedded sample has no recorded prints');

	await openApp(page, '?source=bybit&tf=15m&days=7');
	section = await realisedSection(page);
	await expect(section.getByTestId('realised-reason')).toHaveText(/^nothing is recorded on this server: start it with LIQMAP_RECORD=/);
	await expect(section.getByTestId('recording-storage')).toHaveText('Nothing is recorded on this server.');
});

test('shows the recorded result: verdict, shares and lift per side and score bucket, the database and retention', async ({ page, problems }) => {
	void problems;
	const asked: string[] = [];
	await page.route(/\/api\/realised\?/, async (route) => {
		asked.push(new URL(route.request().url()).search);
		await route.fulfill({ json: ANSWER });
	});
	await openApp(page, '?source=bybit&tf=15m&days=7');
	const section = await realisedSection(page);
	await expect(section.getByTestId('realised-verdict')).toHaveText(
		"Realised liquidations happened inside the map's clusters more than their share of the price range: lift 2.00 (95 % interval 1.50–2.60)."
	);
	expect(asked[0]).toBe('?source=bybit&timeframe=15m&lookback=7');
	await expect(section.getByTestId('realised-meta')).toHaveText('1,200 prints · $60.0M · 2 outages left out (9 candles)');
	const rows = section.getByTestId('realised-row');
	// All, longs, shorts (one exchange: no per-exchange rows).
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toHaveText(/All prints\s*1,200 prints\s*4\.2 %\s*2\.1 %\s*2\.00\s*1\.50–2\.60/);
	await expect(rows.nth(1)).toHaveText(/Longs liquidated\s*700 prints\s*5\.0 %\s*2\.0 %\s*2\.50\s*1\.70–3\.40/);
	await expect(section.getByRole('row', { name: /Score 75–100/ })).toContainText('3.0 %');
	await expect(section.getByTestId('recording-storage')).toHaveText(
		'SQLite ./data/liqmap.sqlite · 5.0 MiB · kept 365 days · recorder recording (Bybit, 1,234 prints written)'
	);
});
