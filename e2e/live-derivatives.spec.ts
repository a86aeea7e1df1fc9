/**
 * The live overlays against the demo market (`src/lib/server/demo-market/`): the built app runs in its own process on
 * E2E_PORT + 3, pointed at the demo exchanges started here (REST and websocket; `demo-app.ts`). The demo's simulated
 * traders (`traders.ts`) produce the liquidation prints, open interest (Σ amount·close of their open positions) and
 * funding (0.01 % + 0.2 %·(long − short)/(long + short), clamped to ±0.75 %); the app serves them through
 * `/api/liquidations`, `/api/derivatives` and `/api/stream`, and every expected number below is read from what the app
 * served, never from a timing. The market follows the wall clock while prints are collected (the app's server decides
 * which candle is forming by its clock), then is frozen before comparing, so both sides see the same prints.
 */
import type { Page } from '@playwright/test';
import { FUNDING_EXTREME } from '../src/lib/chart/derivatives-panes/options.ts';
import type { LiquidationPrint } from '../src/lib/stream-types.ts';
import { formatPrice, formatUsd } from '../src/lib/format.ts';
import { DemoApp } from './demo-app.ts';
import { expect, test, waitForAnalysis } from './fixtures.ts';

const VIEW = '/?source=bybit&tf=5m&days=7';

test.describe.configure({ mode: 'serial' });

let demo: DemoApp;
const follow = () => demo.follow();
const freeze = () => demo.freeze();

test.beforeAll(async () => {
	demo = await DemoApp.start(3);
});

test.afterAll(async () => {
	await demo?.stop();
});

test.afterEach(() => follow());

const chart = (page: Page) => page.getByTestId('chart');

/** Opens the Bybit view and waits until its live candles are analysed and streaming (the sample may come first). */
const openLive = (page: Page) => demo.openLive(page, VIEW);
const attribute = (page: Page, name: string) => chart(page).getAttribute(`data-${name}`);

async function servedPrints(): Promise<LiquidationPrint[]> {
	return (await demo.json<{ liquidations: LiquidationPrint[] }>('/api/liquidations?source=bybit&limit=5000')).liquidations;
}

test('realised prints: bubbles, the realised histogram and the predicted-vs-realised line match the prints served', async ({ page, problems }) => {
	void problems;
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await openLive(page);
	const line = page.getByTestId('predicted-vs-realised');
	await expect(line).toBeVisible();
	// Until 5 prints (MIN_PRINTS) are judged, the line says so.
	if (Number(await line.getAttribute('data-prints')) < 5) await expect(page.getByTestId('pvr-text')).toHaveText(/^not enough prints yet \(\d of 5 since the view loaded\)$/);
	await expect.poll(async () => Number(await line.getAttribute('data-prints')), { timeout: 120_000 }).toBeGreaterThanOrEqual(5);

	freeze();
	// Every print the server has seen is on the page (after the last SSE event lands): one bubble each (all are within
	// the last minutes, in view), and the histogram sums the same notional (all inside the map's price range).
	const prints = await servedPrints();
	expect(prints.length).toBeGreaterThanOrEqual(5);
	await expect.poll(() => attribute(page, 'live-bubbles')).toBe(String(prints.length));
	const total = prints.reduce((sum, p) => sum + p.notional, 0);
	await expect.poll(() => attribute(page, 'realised-total')).toBe(String(Math.round(total)));
	// Same bins as the map: its bin width (the legend's "per $100 price bin"), edges at whole multiples of it
	// (`core/model/price-bins.ts`): one histogram bar per distinct bin of the prints.
	const legend = await page.getByText(/^Open notional per \$\d+ price bin/).innerText();
	const binWidth = Number(/per \$(\d+) price bin/.exec(legend)![1]);
	const bins = new Set(prints.map((p) => Math.floor(p.price / binWidth)));
	await expect.poll(() => attribute(page, 'realised-bins')).toBe(String(bins.size));

	// The line judges the prints since the view loaded (`data-since`: the close of the last candle of the first map).
	const since = Number(await line.getAttribute('data-since'));
	const judged = prints.filter((p) => p.time >= since);
	const realised = judged.reduce((sum, p) => sum + p.notional, 0);
	await expect(line).toHaveAttribute('data-prints', String(judged.length));
	await expect(line).toHaveAttribute('data-realised', String(Math.round(realised)));
	const inside = Number(await line.getAttribute('data-inside-share'));
	const covered = Number(await line.getAttribute('data-covered-share'));
	expect(inside).toBeGreaterThanOrEqual(0);
	expect(inside).toBeLessThanOrEqual(1);
	expect(covered).toBeGreaterThanOrEqual(0);
	expect(covered).toBeLessThanOrEqual(1);
	// Clusters that covered none of the traversed range give no lift (a ratio to zero).
	const lift = covered > 0 ? ` (lift ${(inside / covered).toFixed(1)}×)` : '';
	await expect(page.getByTestId('pvr-text')).toHaveText(
		`${Math.round(inside * 100)} % of ${formatUsd(realised)} realised fell in shown clusters, which covered ${Math.round(covered * 100)} % of the traversed range${lift}`
	);
	// Hovering the biggest bubble (its centre: `data-live-bubble-biggest`) reads a print served there: side, size in USDT
	// and BTC, price, exchange, time (the nearest centre wins: another print a pixel away may be the one named).
	const [x, y] = (await attribute(page, 'live-bubble-biggest'))!.split(',').map(Number);
	const box = (await chart(page).boundingBox())!;
	await page.mouse.move(box.x + x, box.y + y);
	const tooltip = page.getByTestId('print-tooltip');
	await expect(tooltip).toBeVisible();
	const describe = (p: LiquidationPrint) =>
		`${p.side === 'long' ? 'Long' : 'Short'} liquidated ${formatUsd(p.notional)} · ${p.amount.toFixed(3)} BTC @ ${formatPrice(p.price)} Bybit ${new Date(p.time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
	const shown = (await tooltip.innerText()).replace(/\s+/g, ' ').trim();
	expect(prints.map(describe)).toContain(shown);
	await page.screenshot({ path: 'e2e-screenshots/live-derivatives-desktop.png' });
	await page.mouse.move(box.x + 5, box.y + box.height - 5);
	await expect(tooltip).toHaveCount(0);

	// Each switch hides and shows its overlay, and is kept in the URL.
	const bubbles = page.getByRole('checkbox', { name: 'Liquidation bubbles' });
	await bubbles.uncheck();
	await expect(page).toHaveURL(/bubbles=0/);
	await expect.poll(() => attribute(page, 'live-bubbles')).toBe('0');
	await bubbles.check();
	await expect.poll(() => attribute(page, 'live-bubbles')).toBe(String(prints.length));
	const histogram = page.getByRole('checkbox', { name: 'Realised histogram' });
	await histogram.uncheck();
	await expect(page).toHaveURL(/realised=0/);
	await expect.poll(() => attribute(page, 'realised-bins')).toBe('0');
	await page.reload();
	await waitForAnalysis(page);
	await expect(page.getByRole('checkbox', { name: 'Realised histogram' })).not.toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Liquidation bubbles' })).toBeChecked();

	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'e2e-screenshots/live-derivatives-phone.png' });
});

test('the open-interest and funding panes show the values the app served', async ({ page, problems }) => {
	void problems;
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	const served = page.waitForResponse((r) => r.url().includes('/api/derivatives?'));
	// The chart's first bar: that of the latest candles fetched (a candle close brings new ones).
	let firstCandle = 0;
	page.on('response', (response) => {
		if (!response.url().includes('/api/candles?')) return;
		void response.json().then((json: { candles: { time: number }[] }) => (firstCandle = json.candles[0].time), () => {});
	});
	await openLive(page);
	const derivatives = (await (await served).json()) as { openInterest: { time: number; value: number }[]; funding: { time: number; rate: number }[] };
	await expect(chart(page)).not.toHaveAttribute('data-oi-points');

	await page.getByRole('checkbox', { name: 'Open interest' }).check();
	await page.getByRole('checkbox', { name: 'Funding' }).check();
	await expect(page).toHaveURL(/oi=1/);
	await expect(page).toHaveURL(/funding=1/);
	// Open interest: the first point drawn is the first one served on the chart's bars (USDT, as served; `alignToBars`).
	await expect
		.poll(async () => (await attribute(page, 'oi-first')) === String(derivatives.openInterest.find((p) => p.time >= firstCandle)?.value))
		.toBe(true);
	expect(Number(await attribute(page, 'oi-points'))).toBeGreaterThan(100);
	// Funding: at the first bar, the rate in force is the last settlement at or before it (else the first one served).
	const fundingAtFirstBar = () => [...derivatives.funding].reverse().find((p) => p.time <= firstCandle) ?? derivatives.funding[0];
	await expect.poll(async () => (await attribute(page, 'funding-first')) === String(fundingAtFirstBar().rate)).toBe(true);
	const extremes = Number(await attribute(page, 'funding-extremes'));
	const anyExtreme = derivatives.funding.some((p) => Math.abs(p.rate) >= FUNDING_EXTREME);
	expect(extremes > 0).toBe(anyExtreme);
	await page.screenshot({ path: 'e2e-screenshots/live-derivatives-panes-desktop.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: 'e2e-screenshots/live-derivatives-panes-phone.png' });

	// Switched off, the panes go (nothing reported any more).
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.getByRole('checkbox', { name: 'Open interest' }).uncheck();
	await expect(chart(page)).not.toHaveAttribute('data-oi-points');
	await expect(chart(page)).toHaveAttribute('data-funding-points', /^\d+$/);
});

test('the bar countdown follows the page clock; the sample has no live overlays', async ({ page, problems }) => {
	void problems;
	await openLive(page);
	// A fixed page time 3 min 13 s into a 5-minute bar: 1 min 47 s left; a minute later, 47 s.
	const barOpen = Math.floor(Date.now() / 300_000) * 300_000;
	await page.clock.setFixedTime(barOpen + 193_000);
	await expect(chart(page)).toHaveAttribute('data-bar-countdown', '01:47');
	await page.clock.setFixedTime(barOpen + 253_000);
	await expect(chart(page)).toHaveAttribute('data-bar-countdown', '00:47');
	await page.getByRole('checkbox', { name: 'Bar countdown' }).uncheck();
	await expect(chart(page)).not.toHaveAttribute('data-bar-countdown');
	await page.getByRole('checkbox', { name: 'Bar countdown' }).check();
	await expect(chart(page)).toHaveAttribute('data-bar-countdown', '00:47');

	// The sample: no countdown, no bubbles, no line; a pane switched on says there is no data (nothing drawn).
	await page.goto(`${demo.origin}/?tf=5m&days=7&oi=1`);
	await waitForAnalysis(page);
	await expect(chart(page)).not.toHaveAttribute('data-bar-countdown');
	await expect(chart(page)).toHaveAttribute('data-live-bubbles', '0');
	await expect(chart(page)).toHaveAttribute('data-oi-points', '0');
	await expect(page.getByTestId('predicted-vs-realised')).toHaveCount(0);
});
