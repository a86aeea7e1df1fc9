/**
 * The checklist's derivatives readings (`core/workflow/derivatives.ts`, words in `wording/derivatives.ts`) against the
 * demo market (`demo-app.ts`: the built app on E2E_PORT + 4, the demo exchanges started here). Every expected reading
 * is rebuilt from what the app served the page: `/api/derivatives` and `/api/liquidations` (history) plus the stream's
 * `openInterest`, `funding` and `liquidation` events (recorded in the page as they arrive), with the thresholds the
 * header of `derivatives.ts` documents; the words come from the wording module. The market is frozen before comparing,
 * and each comparison is polled (the page may still be applying the last events), never timed.
 */
import type { Page } from '@playwright/test';
import type { FundingPoint, OpenInterestPoint, Side } from '../src/lib/core/types.ts';
import type { FundingReading, OpenInterestTrend, RealisedSpike } from '../src/lib/core/workflow/derivatives.ts';
import type { LiquidationPrint } from '../src/lib/stream-types.ts';
import { NO_DERIVATIVES, fundingWords, openInterestWords, realisedSpikeWords } from '../src/lib/wording/derivatives.ts';
import { DemoApp } from './demo-app.ts';
import { expect, headerLastTime, test, waitForAnalysis } from './fixtures.ts';

/** 5-minute chart; its context timeframe is 1 h (`DEFAULT_CONTEXT` in `core/confluence/context.ts`). */
const VIEW = '/?source=bybit&tf=5m&days=7';
const BAR_MS = 5 * 60_000;
const CONTEXT_MS = 3_600_000;

// Thresholds as documented in the header of `core/workflow/derivatives.ts`.
/** Extreme funding: |rate| ≥ 0.05 % per 8 h. */
const FUNDING_EXTREME = 0.0005;
/** Annualised: three fundings a day. */
const FUNDINGS_PER_YEAR = 3 * 365;
/** OI rising at ≥ +1 %, falling at ≤ −1 %. */
const OI_FLAT_PCT = 1;
/** OI trend window: 6 bars of the context timeframe. */
const OI_CONTEXT_BARS = 6;
/** Step 6: over the last 12 chart bars; spike: the last 3 bars vs up to 48 before, at least 12 of them. */
const CONFIRMATION_BARS = 12;
const SPIKE = { recentBars: 3, baselineBars: 48, minBaselineBars: 12, ratio: 3 };

test.describe.configure({ mode: 'serial' });

let demo: DemoApp;

test.beforeAll(async () => {
	demo = await DemoApp.start(4);
});
test.afterAll(async () => {
	await demo?.stop();
});
test.afterEach(() => demo.follow());

interface Recorded {
	type: 'funding' | 'openInterest' | 'liquidation';
	data: { time: number; rate?: number; value?: number } & Partial<LiquidationPrint>;
}

/**
 * Records the stream's derivatives events in the page, each as it arrives (before the app's own listeners run). With
 * `holdFunding`, the stream's funding events are held back from the app (and not recorded): the funding served by
 * `/api/derivatives` stays the page's reading.
 */
async function recordStream(page: Page, holdFunding = false): Promise<void> {
	await page.addInitScript((hold) => {
		const recorded: unknown[] = [];
		(window as unknown as { streamEvents: unknown[] }).streamEvents = recorded;
		const Native = window.EventSource;
		window.EventSource = class extends Native {
			constructor(url: string | URL, init?: EventSourceInit) {
				super(url, init);
				for (const type of ['funding', 'openInterest', 'liquidation'])
					this.addEventListener(type, (event) => {
						if (hold && type === 'funding') return event.stopImmediatePropagation();
						recorded.push({ type, data: JSON.parse((event as MessageEvent<string>).data) });
					});
			}
		};
	}, holdFunding);
}

/**
 * A series as the page keeps it (`putInBar` in `state/derivatives-feed.svelte.ts`): one point per chart bar, a later
 * reading replacing the point of its bar, an older one than the last ignored.
 */
function inBars<T extends { time: number }>(points: readonly T[]): T[] {
	const series: T[] = [];
	for (const point of points) {
		const last = series.at(-1);
		if (last && point.time < last.time) continue;
		if (last && Math.floor(last.time / BAR_MS) === Math.floor(point.time / BAR_MS)) series[series.length - 1] = point;
		else series.push(point);
	}
	return series;
}

/** What the page read: history served plus the events recorded, as known at the close of the last candle `lastTime`. */
async function pageInputs(page: Page, history: { openInterest: OpenInterestPoint[]; funding: FundingPoint[] }, prints: LiquidationPrint[], lastTime: number) {
	const events = await page.evaluate(() => (window as unknown as { streamEvents: Recorded[] }).streamEvents);
	const end = lastTime + BAR_MS;
	const of = (type: Recorded['type']) => events.filter((e) => e.type === type).map((e) => e.data);
	const openInterest = inBars([...history.openInterest, ...of('openInterest').map((e) => ({ time: e.time, value: e.value! }))]).filter((p) => p.time < end);
	const funding = inBars([...history.funding, ...of('funding').map((e) => ({ time: e.time, rate: e.rate! }))]).filter((p) => p.time < end);
	const key = (p: LiquidationPrint) => `${p.time}|${p.side}|${p.price}|${p.amount}`;
	const byKey = new Map([...prints, ...(of('liquidation') as LiquidationPrint[])].map((p) => [key(p), p]));
	const realised = [...byKey.values()].filter((p) => p.time < end).sort((a, b) => a.time - b.time);
	return { openInterest, funding, realised };
}

/** The last reading at or before `start`, else the first one (the series begins later). */
function readingFrom(points: readonly OpenInterestPoint[], start: number): OpenInterestPoint {
	return points.findLast((p) => p.time <= start) ?? points[0];
}
const percentChange = (from: number, to: number) => (100 * (to - from)) / from;

function expectedFunding(funding: readonly FundingPoint[]): FundingReading {
	const latest = funding.at(-1);
	if (!latest) return { code: 'no-readings' };
	const extreme = Math.abs(latest.rate) >= FUNDING_EXTREME;
	const crowded: Side | null = extreme ? (latest.rate > 0 ? 'long' : 'short') : null;
	return { code: 'funding', time: latest.time, rate: latest.rate, annualisedPct: latest.rate * FUNDINGS_PER_YEAR * 100, extreme, crowded };
}

function expectedOpenInterest(openInterest: readonly OpenInterestPoint[]): OpenInterestTrend {
	const last = openInterest.at(-1);
	const windowMs = OI_CONTEXT_BARS * CONTEXT_MS;
	if (!last) return { code: 'no-readings' };
	const from = readingFrom(openInterest, last.time - windowMs);
	if (from === last) return { code: 'no-readings' };
	const changePct = percentChange(from.value, last.value);
	const trend = changePct >= OI_FLAT_PCT ? 'rising' : changePct <= -OI_FLAT_PCT ? 'falling' : 'flat';
	return { code: 'oi-trend', from: from.time, to: last.time, fromValue: from.value, toValue: last.value, changePct, trend, windowMs };
}

/** Step 6's spike reading on consecutive 5-minute candles ending at `lastTime` (the demo market has no gaps). */
function expectedSpike(realised: readonly LiquidationPrint[], side: Side, lastTime: number): RealisedSpike {
	const open = (barsBack: number) => lastTime - barsBack * BAR_MS;
	const firstPrint = realised[0]?.time ?? Infinity;
	// Baseline bars: the up-to-48 before the last 3 whose bar ends after the first print seen.
	let baselineBars = 0;
	for (let back = SPIKE.recentBars; back < SPIKE.recentBars + SPIKE.baselineBars; back++) if (open(back) + BAR_MS > firstPrint) baselineBars++;
	if (baselineBars < SPIKE.minBaselineBars) return { code: 'too-little-history', side, baselineBars, needed: SPIKE.minBaselineBars };
	const sum = (from: number, to: number) => realised.filter((p) => p.side === side && p.time >= from && p.time < to).reduce((s, p) => s + p.notional, 0);
	const recentStart = open(SPIKE.recentBars - 1);
	const recentPerBar = sum(recentStart, lastTime + BAR_MS) / SPIKE.recentBars;
	const baselinePerBar = sum(recentStart - baselineBars * BAR_MS, recentStart) / baselineBars;
	const ratio = baselinePerBar > 0 ? recentPerBar / baselinePerBar : null;
	const met = ratio === null ? recentPerBar > 0 : ratio >= SPIKE.ratio;
	return { code: 'realised-spike', met, side, recentBars: SPIKE.recentBars, baselineBars, recentPerBar, baselinePerBar, ratio };
}

const step = (page: Page, n: number) => page.locator(`[data-testid="checklist-step"][data-step="${n}"]`);
const detail = (page: Page, n: number, start: RegExp) => step(page, n).getByRole('listitem').filter({ hasText: start });
/** A signed figure as the wording writes it ("+1.2", "−0.35"). */
const signedFigure = (text: string) => Number(text.replace('−', '-'));

test('live source: step 1 reads funding and the OI trend, step 6 the two derivatives confirmations, as served', async ({ page, problems }) => {
	void problems;
	test.setTimeout(180_000);
	await page.setViewportSize({ width: 1440, height: 900 });
	await recordStream(page);
	const servedDerivatives = page.waitForResponse((r) => r.url().includes('/api/derivatives?'));
	const servedPrints = page.waitForResponse((r) => r.url().includes('/api/liquidations?'));
	await demo.openLive(page, VIEW);
	const history = (await (await servedDerivatives).json()) as { openInterest: OpenInterestPoint[]; funding: FundingPoint[] };
	const prints = ((await (await servedPrints).json()) as { liquidations: LiquidationPrint[] }).liquidations;
	await expect(detail(page, 1, /^funding /)).toBeVisible();
	demo.freeze();

	// Step 1: the funding reading and the OI trend the page's inputs give, once the page has applied the last events.
	const stepOne = async () => {
		const lastTime = await headerLastTime(page);
		const inputs = await pageInputs(page, history, prints, lastTime);
		const funding = expectedFunding(inputs.funding);
		const shown = {
			funding: await detail(page, 1, /^funding /).innerText(),
			openInterest: await detail(page, 1, /^open interest /).innerText(),
			summary: await step(page, 1).getByTestId('step-summary').innerText()
		};
		const expected = {
			funding: fundingWords(funding),
			openInterest: openInterestWords(expectedOpenInterest(inputs.openInterest)),
			// The summary names the crowded side only when funding is extreme.
			summary: funding.code === 'funding' && funding.crowded ? `; funding extreme: ${funding.crowded}s crowded` : null
		};
		return { shown: { ...shown, summary: shown.summary.includes('; funding extreme:') ? shown.summary.slice(shown.summary.indexOf(';')) : null }, expected };
	};
	await expect.poll(async () => {
		const { shown, expected } = await stepOne();
		return JSON.stringify(shown) === JSON.stringify(expected) || { shown, expected };
	}).toBe(true);
	const { shown } = await stepOne();
	expect(shown.funding).toMatch(/^funding [+−]\d+\.\d{4} % per 8 h \([+−]\d+\.\d{2} % a year\): (not extreme|extreme, (long|short)s crowded)/);
	expect(shown.openInterest).toMatch(/^open interest (rising|falling|flat) [+−]\d+\.\d %/);

	// Step 6: six confirmations measured for the strongest cluster, the two from derivatives among them.
	await expect(step(page, 6).getByTestId('step-summary')).toHaveText(/^\d of 6 confirmations for /);
	// The cluster's side: "shorts at risk" when it is above the close (step 4), "longs at risk" below.
	const atRisk = /^(shorts|longs) at risk/.exec(await step(page, 4).getByTestId('step-summary').innerText())![1];
	const side: Side = atRisk === 'shorts' ? 'short' : 'long';
	await expect.poll(async () => {
		const lastTime = await headerLastTime(page);
		const inputs = await pageInputs(page, history, prints, lastTime);
		const expected = realisedSpikeWords(expectedSpike(inputs.realised, side, lastTime));
		const shownLine = await detail(page, 6, /^realised /).innerText();
		return shownLine === expected || { shownLine, expected };
	}).toBe(true);

	// OI into the cluster: OI change over the last 12 bars as served; "yes" only with OI ≥ +1 % and price toward it.
	const lastTime = await headerLastTime(page);
	const inputs = await pageInputs(page, history, prints, lastTime);
	const start = lastTime - (CONFIRMATION_BARS - 1) * BAR_MS;
	const oiChange = percentChange(readingFrom(inputs.openInterest, start).value, inputs.openInterest.at(-1)!.value);
	const oiLine = await detail(page, 6, /^OI rising into it: /).innerText();
	const parts = /^OI rising into it: (yes|no) \(OI ([+−][\d.]+) %, price ([+−][\d.]+) % (toward it|not toward it) over the last 12 bars\)$/.exec(oiLine);
	expect(parts, oiLine).not.toBeNull();
	const [, met, oi, price, toward] = parts!;
	expect(oi).toBe(`${oiChange >= 0 ? '+' : '−'}${Math.abs(oiChange).toFixed(1)}`);
	// Toward: up for a cluster of shorts (above), down for one of longs.
	expect(toward === 'toward it').toBe(side === 'short' ? signedFigure(price) > 0 : signedFigure(price) < 0);
	expect(met === 'yes').toBe(toward === 'toward it' && oiChange >= OI_FLAT_PCT);

	await step(page, 1).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'e2e-screenshots/checklist-derivatives-desktop.png' });
	await page.setViewportSize({ width: 390, height: 844 });
	await step(page, 1).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'e2e-screenshots/checklist-derivatives-phone-step1.png' });
	await step(page, 6).scrollIntoViewIfNeeded();
	await page.screenshot({ path: 'e2e-screenshots/checklist-derivatives-phone-step6.png' });
});

// The demo's funding is rarely extreme, so the page is served the demo's funding history with its last rate made
// extreme (the stream's funding events held back, so that rate stays the latest): positive → longs crowded,
// negative → shorts crowded, and step 1 turns amber ("warn"; README, "Funding, open interest and real liquidations").
for (const rate of [0.0006, -0.0008]) {
	test(`extreme funding ${rate * 100} % per 8 h: step 1 names the crowded side and warns`, async ({ page, problems }) => {
		void problems;
		test.setTimeout(120_000);
		await page.setViewportSize({ width: 1440, height: 900 });
		await recordStream(page, true);
		let history: { openInterest: OpenInterestPoint[]; funding: FundingPoint[] } | null = null;
		await page.route('**/api/derivatives?**', async (route) => {
			const response = await route.fetch();
			const served = (await response.json()) as { openInterest: OpenInterestPoint[]; funding: FundingPoint[] };
			served.funding[served.funding.length - 1].rate = rate;
			history = served;
			await route.fulfill({ response, json: served });
		});
		await demo.openLive(page, VIEW);
		await expect(detail(page, 1, /^funding /)).toBeVisible();
		demo.freeze();
		await expect.poll(() => history !== null).toBe(true);
		const inputs = await pageInputs(page, history!, [], await headerLastTime(page));
		const reading = expectedFunding(inputs.funding);
		expect(reading).toMatchObject({ rate, extreme: true, crowded: rate > 0 ? 'long' : 'short' });
		await expect(detail(page, 1, /^funding /)).toHaveText(fundingWords(reading));
		const crowded = rate > 0 ? 'longs' : 'shorts';
		await expect(detail(page, 1, /^funding /)).toContainText(`extreme, ${crowded} crowded (${crowded} pay ${rate > 0 ? 'shorts' : 'longs'})`);
		await expect(step(page, 1).getByTestId('step-summary')).toContainText(`; funding extreme: ${crowded} crowded`);
		await expect(step(page, 1)).toHaveAttribute('data-status', 'warn');
		if (rate > 0) {
			await step(page, 1).scrollIntoViewIfNeeded();
			await page.screenshot({ path: 'e2e-screenshots/checklist-derivatives-extreme-desktop.png' });
			await page.setViewportSize({ width: 390, height: 844 });
			await step(page, 1).scrollIntoViewIfNeeded();
			await page.screenshot({ path: 'e2e-screenshots/checklist-derivatives-extreme-phone.png' });
		}
	});
}

test('the sample: steps 1 and 6 say there is no derivatives data for this source', async ({ page, problems }) => {
	void problems;
	await page.goto(`${demo.origin}/?tf=5m&days=7`);
	await waitForAnalysis(page);
	await expect(detail(page, 1, /^funding /)).toHaveText(`funding and open interest: ${NO_DERIVATIVES}`);
	await expect(detail(page, 1, /^open interest /)).toHaveCount(0);
	// Four confirmations measured (none from derivatives), and a line saying why the other two are missing.
	await expect(step(page, 6).getByTestId('step-summary')).toHaveText(/^\d of 4 confirmations for /);
	await expect(detail(page, 6, /^OI rising into it, realised liquidations spiking: /)).toHaveText(`OI rising into it, realised liquidations spiking: ${NO_DERIVATIVES}`);
	await expect(detail(page, 6, /^realised /)).toHaveCount(0);
});
