/**
 * `npm run bench [-- --json] [-- --no-browser] [-- --issue-only] [-- --browser-only]`: speed figures of the model and of the built app on this machine.
 *
 * Every figure of issue 15's table comes with its ratio to the PLAIN PASS run in the same process: 525,600 five-minute
 * candles × 10 liquidation prices (5 tiers × 2 sides) computed and written into a typed array, the least work any
 * engine must do. The plain pass is timed alternately with each case (the machine is shared and its speed drifts), and
 * the ratio is median(case) / median(plain pass next to it).
 *
 * Issue 15's cases: the engine over 525,600 candles (and the per-level engine it replaced, kept as the reference twin
 * in tests), aggr.trade's liquidation heatmap re-implemented on the same candles (`scripts/bench/aggr-heatmap.ts`: its
 * "Light" form, its fading form, and the Light form with its redraw bookkeeping; each with its cost per level per
 * candle against our engine's, 6 levels per candle against our 10), the whole `analyze()` of the embedded 25,920 candles, one incremental append on the 525,600-candle state
 * (the engine fed one candle, then its map binned and clustered), and in the browser the first candles after navigation and the longest main-thread task of a switch
 * to 5m / 90 days / history (each the median of three runs, all three printed).
 * Other node cases (median of several runs): parse (CSV text → validated candles), resample (5m → 1h), engine,
 * clusters (on the final map), the whole `analyze()` (5m, whole series), for the embedded 25,920 Bybit candles and for
 * seeded synthetic random walks of 105,120 and 525,600 five-minute candles (one and five years;
 * `src/lib/core/market/synthetic.ts`); the worker's reuse (leverage toggle, live ticks).
 * Other browser cases (Chromium, built app served locally): p95 frame time while panning and zooming for five seconds
 * in history mode, and the JavaScript the page loads (gzip; the worker included, the export code loaded on first use
 * left out). Also all client JavaScript of the build (gzip) and the memory the analysis of 525,600 candles holds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AnalysisCache } from '../src/lib/core/analysis/analysis-cache.ts';
import { analyze, timeframeCandles } from '../src/lib/core/analysis/analyze.ts';
import { parseCandlesCsv } from '../src/lib/core/market/candle-parse.ts';
import { detectClusters } from '../src/lib/core/model/clusters.ts';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { LiquidationEngine } from '../src/lib/core/model/liquidation-engine.ts';
import { firstBracketRatio } from '../src/lib/core/model/liquidation-price.ts';
import { MAX_LIQUIDATION_EVENTS } from '../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams, DEFAULT_MODEL, type AnalysisParams } from '../src/lib/core/analysis/params.ts';
import { autoBinWidth, binGrid, cellWidthFor } from '../src/lib/core/model/price-bins.ts';
import { PerLevelEngine } from '../tests/reference/per-level-engine.ts';
import { AGGR_LEVELS_PER_CANDLE, aggrHeatmapRun } from './bench/aggr-heatmap.ts';
import { resampleCandles } from '../src/lib/core/market/resample.ts';
import { randomWalkCandles } from '../src/lib/core/market/synthetic.ts';
import type { Candle } from '../src/lib/core/types.ts';

const FIVE_MINUTES = 300_000;
const json = process.argv.includes('--json');
const withBrowser = !process.argv.includes('--no-browser');
/** `--issue-only`: issue 15's cases and the plain pass only (a quicker run). */
const issueOnly = process.argv.includes('--issue-only');
/** `--browser-only`: the browser cases alone (no node case, no plain pass), to compare page changes quickly. */
const browserOnly = process.argv.includes('--browser-only');

interface Case {
	name: string;
	candles: number;
	ms: number;
	/** ms ÷ the plain pass timed next to it (issue 15's cases only). */
	ratio?: number;
	/** The same in CPU time of this process (less sensitive to other processes on a shared machine). */
	cpuMs?: number;
	cpuRatio?: number;
	/** Issue 15's target for the ratio. */
	target?: string;
}
const cases: Case[] = [];
const extra: Record<string, number | string | null> = {};

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function time(name: string, candles: number, runs: number, work: () => unknown): void {
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		work();
		samples.push(performance.now() - start);
	}
	cases.push({ name, candles, ms: Math.round(median(samples) * 100) / 100 });
	if (!json) process.stderr.write(`  ${name} (${candles.toLocaleString('en-US')} candles): ${median(samples).toFixed(2)} ms\n`);
}

/** The plain pass: 10 liquidation prices per candle (5 tiers × 2 sides of the default model) into a typed array. */
const PLAIN_RATIOS = Float64Array.from(DEFAULT_MODEL.tiers.flatMap((tier) => [firstBracketRatio('long', tier.leverage), firstBracketRatio('short', tier.leverage)]));
/** Its output, allocated once: the pass measures the arithmetic and the writes, not the allocator. */
let plainOut = new Float64Array(0);
function plainPass(candles: readonly Candle[]): Float64Array {
	if (plainOut.length < candles.length * PLAIN_RATIOS.length) plainOut = new Float64Array(candles.length * PLAIN_RATIOS.length);
	const out = plainOut;
	let k = 0;
	for (let i = 0; i < candles.length; i++) {
		const c = candles[i];
		const entry = (c.high + c.low + c.close) / 3;
		for (let r = 0; r < PLAIN_RATIOS.length; r++) out[k++] = entry * PLAIN_RATIOS[r];
	}
	return out;
}
const plainSamples: number[] = [];
const plainCpuSamples: number[] = [];

/** Times `work` alternately with the plain pass over `plainCandles`; records the case with its ratio. */
function timeAgainstPlain(name: string, candles: number, runs: number, target: string, work: () => unknown, plainCandles: readonly Candle[]): void {
	const samples: number[] = [];
	const plain: number[] = [];
	const cpu: number[] = [];
	const plainCpu: number[] = [];
	const cpuMs = (since: NodeJS.CpuUsage) => {
		const used = process.cpuUsage(since);
		return (used.user + used.system) / 1000;
	};
	for (let i = 0; i < runs; i++) {
		let start = performance.now();
		let cpuStart = process.cpuUsage();
		plainPass(plainCandles);
		plain.push(performance.now() - start);
		plainCpu.push(cpuMs(cpuStart));
		start = performance.now();
		cpuStart = process.cpuUsage();
		work();
		samples.push(performance.now() - start);
		cpu.push(cpuMs(cpuStart));
	}
	plainSamples.push(...plain);
	plainCpuSamples.push(...plainCpu);
	const ms = median(samples);
	const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
	cases.push({
		name,
		candles,
		ms: round(ms, 3),
		ratio: round(ms / median(plain), 2),
		cpuMs: round(median(cpu), 3),
		cpuRatio: round(median(cpu) / median(plainCpu), 2),
		target
	});
	const ratio = round(ms / median(plain), 2);
	if (!json) process.stderr.write(`  ${name}: ${ms.toFixed(2)} ms, ${ratio}× the plain pass (${median(plain).toFixed(1)} ms)\n`);
}

function toCsv(candles: readonly Candle[]): string {
	const rows = ['timestamp,open,high,low,close,volume'];
	for (const c of candles) rows.push(`${new Date(c.time).toISOString()},${c.open},${c.high},${c.low},${c.close},${c.volume}`);
	return rows.join('\n');
}

function engineRun(candles: readonly Candle[]): LiquidationEngine {
	// As analyze() runs it: cells of 1/8 of the bin width at the last close, the most recent events kept.
	const engine = new LiquidationEngine({
		...DEFAULT_MODEL,
		candleMs: FIVE_MINUTES,
		cellWidth: cellWidthFor(candles[candles.length - 1].close),
		capacityHint: candles.length,
		keepLiquidations: MAX_LIQUIDATION_EVENTS
	});
	for (const candle of candles) engine.add(candle);
	return engine;
}

/** The engine this one replaced (per-level records in price buckets; tests/reference/per-level-engine.ts). */
function perLevelRun(candles: readonly Candle[]): void {
	const engine = new PerLevelEngine({ ...DEFAULT_MODEL, candleMs: FIVE_MINUTES, capacityHint: candles.length, keepLiquidations: MAX_LIQUIDATION_EVENTS });
	for (const candle of candles) engine.add(candle);
}

/**
 * aggr.trade's liquidation heatmap on the same candles (`scripts/bench/aggr-heatmap.ts`), and the cost per level per
 * candle of each against our engine's (issue 15: ours must cost less per level). Run after the engine case.
 */
function aggrCases(candles: Candle[]): void {
	const light = 'issue 15: aggr.trade Liquidation Heatmap Light re-implemented (6 levels/candle), same candles';
	const fading = 'issue 15: aggr.trade Liquidation Heatmap (fading: every live cell walked per bar), same candles';
	timeAgainstPlain(light, candles.length, 3, '–', () => aggrHeatmapRun(candles, 'light'), candles);
	// The fading form and the redraw bookkeeping take tens of seconds a run: once each.
	timeAgainstPlain(fading, candles.length, 1, '–', () => aggrHeatmapRun(candles, 'heatmap'), candles);
	timeAgainstPlain(`${light.replace('issue 15: ', '')}, with its redraw bookkeeping`, candles.length, 1, '–', () => aggrHeatmapRun(candles, 'light', true), candles);
	// Per level per candle, in wall time and in this process's CPU time (steadier on a shared machine).
	const caseOf = (prefix: string) => cases.find((c) => c.name.startsWith(prefix))!;
	const perLevelNs = (caseMs: number, levelsPerCandle: number) => Math.round(((caseMs * 1e6) / (candles.length * levelsPerCandle)) * 10) / 10;
	const round3 = (value: number) => Math.round(value * 1000) / 1000;
	const ours = caseOf('issue 15: engine');
	const perLevel = (c: Case, levels: number) => ({ wall: perLevelNs(c.ms, levels), cpu: perLevelNs(c.cpuMs!, levels) });
	const oursPerLevel = perLevel(ours, PLAIN_RATIOS.length);
	const lightPerLevel = perLevel(caseOf(light), AGGR_LEVELS_PER_CANDLE);
	const fadingPerLevel = perLevel(caseOf(fading), AGGR_LEVELS_PER_CANDLE);
	Object.assign(extra, {
		enginePerLevelNs: `${oursPerLevel.wall} (CPU ${oursPerLevel.cpu})`,
		aggrLightPerLevelNs: `${lightPerLevel.wall} (CPU ${lightPerLevel.cpu})`,
		aggrFadingPerLevelNs: `${fadingPerLevel.wall} (CPU ${fadingPerLevel.cpu})`,
		enginePerLevelVsAggrLight: `${round3(oursPerLevel.wall / lightPerLevel.wall)} (CPU ${round3(oursPerLevel.cpu / lightPerLevel.cpu)})`,
		enginePerLevelVsAggrFading: `${round3(oursPerLevel.wall / fadingPerLevel.wall)} (CPU ${round3(oursPerLevel.cpu / fadingPerLevel.cpu)})`
	});
}

function nodeCases(label: string, candles: Candle[], runs: number): void {
	const csv = toCsv(candles);
	time(`parse ${label}`, candles.length, runs, () => parseCandlesCsv(csv));
	time(`resample ${label} 5m→1h`, candles.length, runs, () => resampleCandles(candles, 3_600_000, FIVE_MINUTES));
	time(`engine ${label}`, candles.length, runs, () => engineRun(candles));
	const engine = engineRun(candles);
	const range = engine.openRange()!;
	const grid = binGrid(range.low, range.high, autoBinWidth(candles[candles.length - 1].close));
	time(`clusters ${label}`, candles.length, runs, () => {
		const map = engine.map(grid.priceMin, grid.binWidth, grid.binCount);
		return detectClusters(map, { threshold: 0.25, lastClose: candles[candles.length - 1].close, atr: null });
	});
	const params = { ...defaultAnalysisParams(), timeframe: '5m' as const, lookbackDays: Math.ceil((candles.length * 5) / 1440) + 1 };
	time(`analyze() ${label} 5m`, candles.length, runs, () => analyze({ candles }, params));
}

/**
 * The worker's reuse (`core/analysis-cache.ts`) on the embedded data: a leverage toggle (the frame kept, the engine
 * re-run), and a live tick (one closed candle appended to a session: engine and indicators extended, structure and
 * S/R rescanned), each a whole analysis as the page receives it.
 */
function cachedCases(candles: Candle[], runs: number): void {
	const params = { ...defaultAnalysisParams(), timeframe: '5m' as const, lookbackDays: 91 };
	const cache = new AnalysisCache();
	const input = { candles };
	cache.analyze(input, params);
	const without100x = { ...params, model: { ...params.model, tiers: params.model.tiers.map((t) => ({ ...t, enabled: t.leverage !== 100 })) } };
	let toggle = false;
	time('analyze() after a leverage toggle (cached frame), embedded 5m', candles.length, runs, () => {
		toggle = !toggle;
		return cache.analyze(input, toggle ? without100x : params);
	});
	const ticks = runs * 2;
	// A session grown one candle at a time from the embedded data.
	cases.push({
		name: 'live tick: one closed candle, whole analysis (cached session), embedded 5m',
		candles: candles.length,
		ms: liveTickMs(ticks, params, (end) => candles.slice(0, end), candles.length)
	});
	// The default live view: 15m, 30 days, polled as /api/candles serves it (a window of fixed length sliding on).
	const quarterHours = timeframeCandles(candles, '15m');
	const defaults = defaultAnalysisParams();
	const window = (defaults.lookbackDays * 86_400_000) / 900_000 + 1;
	cases.push({
		name: 'live tick, default live view (15m, 30 days), whole analysis',
		candles: window,
		ms: liveTickMs(ticks, defaults, (end) => quarterHours.slice(end - window, end), quarterHours.length)
	});
}

/**
 * Median ms of `ticks` live polls, each one closed candle on from the last: `poll(end)` gives what a poll ending
 * before candle `end` sends; `total` candles are available. Throws if a tick was not an append (the case would lie).
 */
function liveTickMs(ticks: number, params: AnalysisParams, poll: (end: number) => Candle[], total: number): number {
	const session = new AnalysisCache();
	session.analyze({ candles: poll(total - ticks) }, params, { live: true });
	const samples: number[] = [];
	for (let end = total - ticks + 1; end <= total; end++) {
		const input = { candles: poll(end) };
		const start = performance.now();
		session.analyze(input, params, { live: true });
		samples.push(performance.now() - start);
		if (session.lastReuse !== 'append') throw new Error(`the live tick was a ${session.lastReuse} run`);
	}
	return Math.round(median(samples) * 100) / 100;
}

function clientBundleGzip(): number | null {
	const root = 'build/client/_app/immutable';
	try {
		statSync(root);
	} catch {
		return null;
	}
	let total = 0;
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.js')) total += gzipSync(readFileSync(path)).length;
		}
	};
	walk(root);
	return total;
}

const percentile95 = (sorted: number[]) => Math.round(sorted[Math.floor(sorted.length * 0.95)] * 10) / 10;

/** Frame intervals (ms, ascending) while dragging and wheel-zooming the chart for five seconds. */
async function panZoomFrames(page: import('@playwright/test').Page, url: string): Promise<number[]> {
	await page.goto(url, { waitUntil: 'networkidle' });
	await page.waitForTimeout(1000);
	const box = (await page.locator('canvas').first().boundingBox())!;
	await page.evaluate(() => {
		const w = window as unknown as { frameTimes: number[] };
		w.frameTimes = [];
		let last = performance.now();
		const tick = (now: number) => {
			w.frameTimes.push(now - last);
			last = now;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
	const cx = box.x + box.width / 2;
	const cy = box.y + box.height / 2;
	const start = Date.now();
	while (Date.now() - start < 5000) {
		await page.mouse.move(cx, cy);
		await page.mouse.down();
		await page.mouse.move(cx - 200, cy + 20, { steps: 10 });
		await page.mouse.up();
		await page.mouse.wheel(0, -300);
		await page.mouse.wheel(0, 300);
	}
	const frames = await page.evaluate(() => (window as unknown as { frameTimes: number[] }).frameTimes.slice(1));
	return frames.sort((a, b) => a - b);
}

/**
 * The main thread's tasks in a Chromium trace (`toplevel`): the longest one's wall time and the most CPU time
 * any one took (ms). On a shared machine a task's wall time is mostly waiting for a core; its CPU time is the work.
 */
function longestTasks(trace: Buffer): { wallMs: number; cpuMs: number } {
	type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };
	const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
	const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
	let wallMs = 0;
	let cpuMs = 0;
	for (const e of events) {
		// A task is `ThreadControllerImpl::RunTask` in the `toplevel` category (`RunTask` in older Chromium).
		if (!e.name.endsWith('RunTask') || e.ph !== 'X' || !mains.some((m) => m.pid === e.pid && m.tid === e.tid)) continue;
		wallMs = Math.max(wallMs, (e.dur ?? 0) / 1000);
		cpuMs = Math.max(cpuMs, (e.tdur ?? 0) / 1000);
	}
	return { wallMs, cpuMs };
}

/**
 * The longest main-thread task (ms) from clicking "5 minutes" on the 1h / 90 days / history view until two seconds
 * after the 5m analysis is drawn: the switch to the largest view, the result's arrival and its drawing included.
 * Three switches (reloading the 1h view before each); the median of their longest tasks, and each of them (a shared
 * machine stretches single tasks at random). Also, from a trace of the same switch, the most CPU time one task took.
 */
async function switchLongestTask(
	browser: import('@playwright/test').Browser,
	page: import('@playwright/test').Page,
	url: string
): Promise<{ median: number; each: number[]; cpuMedian: number; cpuEach: number[] }> {
	const computing = page.getByRole('status').filter({ hasText: 'Computing map' });
	const each: number[] = [];
	const cpuEach: number[] = [];
	for (let run = 0; run < 3; run++) {
		await page.goto(`${url}?tf=1h&days=90&mode=history`, { waitUntil: 'networkidle' });
		await computing.waitFor({ state: 'detached', timeout: 60_000 }).catch(() => undefined);
		await page.waitForTimeout(2000);
		await page.evaluate(() => {
			const w = window as unknown as { longTasks: number[] };
			w.longTasks = [];
			new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
		});
		await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
		await page.getByRole('radio', { name: '5 minutes', exact: true }).click();
		await computing.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
		await computing.waitFor({ state: 'detached', timeout: 60_000 });
		await page.waitForTimeout(2000);
		cpuEach.push(Math.round(longestTasks(await browser.stopTracing()).cpuMs));
		each.push(Math.round(await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks))));
	}
	return { median: median(each), each, cpuMedian: median(cpuEach), cpuEach };
}

/** ms from navigation to the first animation frame in which the chart's canvas holds candle colours. */
async function firstCandlesDrawn(page: import('@playwright/test').Page): Promise<number> {
	const drawn = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const check = () => {
					for (const canvas of document.querySelectorAll('canvas')) {
						if (canvas.width < 200 || canvas.height < 200) continue;
						const context = canvas.getContext('2d');
						if (!context) continue;
						const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
						for (let i = 0; i < data.length; i += 64) {
							const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
							if ((r > 200 && g < 120 && b < 120) || (g > 150 && r < 100 && b > 100)) return resolve(performance.now());
						}
					}
					requestAnimationFrame(check);
				};
				check();
			})
	);
	return Math.round(drawn);
}

async function browserCases(): Promise<void> {
	const { chromium } = await import('@playwright/test');
	const port = Number(process.env.BENCH_PORT ?? 4390);
	const server = spawn(process.execPath, ['build'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: 'ignore' });
	try {
		const url = `http://127.0.0.1:${port}/`;
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(url)).ok) break;
			} catch {
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
		const launchOptions = {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		};
		const browser = await chromium.launch(launchOptions);
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		// tsx keeps function names with a `__name` helper that the page does not have.
		await page.addInitScript('window.__name = (f) => f;');
		// First candles drawn: the first animation frame in which the chart's canvas holds candle colours; three loads in
		// fresh pages of one browser (the first with a cold cache, the others cached; a shared machine stretches single
		// runs at random), the median.
		const firstCandles: number[] = [];
		for (let run = 0; run < 3; run++) {
			const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
			await fresh.addInitScript('window.__name = (f) => f;');
			await fresh.goto(url, { waitUntil: 'commit' });
			firstCandles.push(await firstCandlesDrawn(fresh));
			await fresh.close();
		}
		extra.firstCandlesMs = median(firstCandles);
		extra.firstCandlesEachMs = firstCandles.join(' / ');
		await page.goto(url, { waitUntil: 'commit' });
		// JavaScript the page actually loaded (page, chunks, worker), gzip-sized from the build: lazy chunks (the export
		// code) are left out until used.
		await page.waitForLoadState('networkidle');
		const loaded: string[] = await page.evaluate(
			'performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js"))'
		);
		const unique = [...new Set(loaded)]; // the two analysis workers load the same file
		extra.loadedJsGzipKb = Math.round(unique.reduce((sum, path) => sum + gzipSync(readFileSync(join('build/client', path))).length, 0) / 102.4) / 10;
		const switches = await switchLongestTask(browser, page, url);
		extra.switchLongestTaskMs = switches.median;
		extra.switchLongestTaskEachMs = switches.each.join(' / ');
		extra.switchMostTaskCpuMs = switches.cpuMedian;
		extra.switchMostTaskCpuEachMs = switches.cpuEach.join(' / ');
		const capped = await panZoomFrames(page, `${url}?mode=history`);
		extra.p95FrameMs = percentile95(capped);
		extra.frames = capped.length;
		await browser.close();
		// The same gestures with the frame rate unlocked: each frame comes as soon as the last is done, so the interval
		// is what a frame costs (chart drawing, heatmap, compositing), not the 60 Hz refresh period.
		const uncappedBrowser = await chromium.launch({ ...launchOptions, args: [...launchOptions.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
		const uncappedPage = await uncappedBrowser.newPage({ viewport: { width: 1280, height: 800 } });
		await uncappedPage.addInitScript('window.__name = (f) => f;');
		const uncapped = await panZoomFrames(uncappedPage, `${url}?mode=history`);
		extra.p95FrameUncappedMs = percentile95(uncapped);
		extra.framesUncapped = uncapped.length;
		await uncappedBrowser.close();
	} finally {
		server.kill();
	}
}

const embedded = decodeCandlePack(JSON.parse(readFileSync('static/data/bybit-btcusdt-perp-5m.json', 'utf8')) as CandlePack);
const oneYear = randomWalkCandles({ count: 105_120, seed: 1, startPrice: 30_000 });
// The memory figure needs --expose-gc (npm run bench passes it): heap + array buffers (typed arrays live outside it).
const gc = (globalThis as { gc?: () => void }).gc;
const fiveYears = randomWalkCandles({ count: 525_600, seed: 5, startPrice: 30_000 });

/** What the analysis worker holds for 525,600 candles (candles, cached frame and engine, analysis), MB, in a child process. */
function measureWorkerState(): number | null {
	const script = `
		import { AnalysisCache } from './src/lib/core/analysis/analysis-cache.ts';
		import { defaultAnalysisParams } from './src/lib/core/analysis/params.ts';
		import { randomWalkCandles } from './src/lib/core/market/synthetic.ts';
		const used = () => { gc(); const u = process.memoryUsage(); return (u.heapUsed + u.arrayBuffers) / 1e6; };
		const before = used();
		const candles = randomWalkCandles({ count: 525_600, seed: 5, startPrice: 30_000 });
		const cache = new AnalysisCache(); // as the worker keeps it: the frame, the engine and the analysis
		const analysis = cache.analyze({ candles }, { ...defaultAnalysisParams(), timeframe: '5m', lookbackDays: 3700 });
		console.log(Math.round(used() - before), analysis.candles.length);`;
	const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
	const mb = Number(result.stdout.trim().split(' ')[0]);
	return Number.isFinite(mb) ? mb : null;
}
if (!json) process.stderr.write('measuring…\n');
if (!browserOnly) {
	// Issue 15's table, each against the plain pass over the five years.
	const embeddedParams = { ...defaultAnalysisParams(), timeframe: '5m' as const, lookbackDays: Math.ceil((embedded.length * 5) / 1440) + 1 };
	timeAgainstPlain('issue 15: engine, 525,600 candles (5 years of 5m)', fiveYears.length, 5, '≤ 8× (stretch 4×)', () => engineRun(fiveYears), fiveYears);
	timeAgainstPlain('issue 15: previous per-level engine (reference twin), same candles', fiveYears.length, 3, '–', () => perLevelRun(fiveYears), fiveYears);
	aggrCases(fiveYears);
	timeAgainstPlain('issue 15: whole analyze(), embedded 25,920 candles (5m)', embedded.length, 9, '≤ 3×', () => analyze({ candles: embedded }, embeddedParams), fiveYears);
	{
		// The live path: the engine holds the five years but the last 60 candles; each run feeds the next one and bins
		// the map and detects its clusters on the grid of the open range (as a live tick does).
		const engine = engineRun(fiveYears.slice(0, -60));
		const range = engine.openRange()!;
		const lastClose = fiveYears[fiveYears.length - 61].close;
		const grid = binGrid(range.low, range.high, autoBinWidth(lastClose));
		let next = fiveYears.length - 60;
		timeAgainstPlain('issue 15: one incremental append (map + clusters), 5-year state', fiveYears.length, 51, '≤ 0.07×', () => {
			const candle = fiveYears[next++];
			engine.add(candle);
			const map = engine.map(grid.priceMin, grid.binWidth, grid.binCount);
			return detectClusters(map, { threshold: 0.25, lastClose: candle.close, atr: null });
		}, fiveYears);
	}
	extra.plainPassMs = Math.round(median(plainSamples) * 100) / 100;
	extra.plainPassCpuMs = Math.round(median(plainCpuSamples) * 100) / 100;
	if (!issueOnly) {
		nodeCases('embedded', embedded, 7);
		cachedCases(embedded, 7);
		nodeCases('synthetic 1y', oneYear, 3);
		nodeCases('synthetic 5y', fiveYears, 3);
	}

	// What a worker holds for five years of 5m candles: measured in a fresh process (no garbage from the cases above).
	extra.workerStateMb5y = gc && !issueOnly ? measureWorkerState() : null;
}

extra.allClientJsGzipKb = (() => {
	const bytes = clientBundleGzip();
	return bytes === null ? null : Math.round(bytes / 102.4) / 10;
})();
if (withBrowser && extra.allClientJsGzipKb !== null) await browserCases();

/** The other figures as rows of the same table: label, candles involved, value and unit. */
const EXTRA_ROWS: Record<string, [label: string, candles: number | null, unit: string]> = {
	plainPassCpuMs: ['plain pass, CPU time of this process (median)', 525_600, 'ms'],
	plainPassMs: ['plain pass: 525,600 candles × 10 liquidation prices into a typed array (median)', 525_600, 'ms'],
	enginePerLevelNs: ['issue 15: our engine, cost per level per candle (10 levels/candle)', 525_600, 'ns'],
	aggrLightPerLevelNs: ['aggr.trade Heatmap Light, cost per level per candle (6 levels/candle)', 525_600, 'ns'],
	aggrFadingPerLevelNs: ['aggr.trade Heatmap (fading), cost per level per candle (6 levels/candle)', 525_600, 'ns'],
	enginePerLevelVsAggrLight: ['issue 15: ours per level ÷ aggr.trade Light per level (target < 1)', null, '×'],
	enginePerLevelVsAggrFading: ['ours per level ÷ aggr.trade Heatmap (fading) per level', null, '×'],
	firstCandlesMs: ['issue 15: browser, first candles drawn after navigation, median of 3 (target < 1 s)', 25_920, 'ms'],
	firstCandlesEachMs: ['browser: first candles in each of the 3 loads', 25_920, 'ms'],
	switchLongestTaskMs: ['issue 15: browser, switch to 5m / 90 days / history, longest main-thread task, median of 3 (target ≤ 100 ms)', 25_920, 'ms'],
	switchLongestTaskEachMs: ['browser: that longest task in each of the 3 switches', 25_920, 'ms'],
	switchMostTaskCpuMs: ['browser: the same switches, most CPU time of one main-thread task (trace), median of 3', 25_920, 'ms'],
	switchMostTaskCpuEachMs: ['browser: that CPU time in each of the 3 switches', 25_920, 'ms'],
	p95FrameMs: ['browser: p95 frame interval, pan/zoom 5 s, history mode', 25_920, 'ms'],
	frames: ['browser: frames in those 5 s', null, 'frames'],
	p95FrameUncappedMs: ['browser: p95 frame time, same gestures, frame rate unlocked', 25_920, 'ms'],
	framesUncapped: ['browser: frames in those 5 s, unlocked', null, 'frames'],
	loadedJsGzipKb: ['client JS loaded by the page, gzip', null, 'kB'],
	allClientJsGzipKb: ['client JS, every file of the build, gzip', null, 'kB'],
	workerStateMb5y: ['analysis worker memory (candles, cached engine, analysis)', 525_600, 'MB'],
	candlesMb5y: ['of which candles', 525_600, 'MB'],
	analysedCandles5y: ['candles analysed in the memory case', 525_600, 'candles']
};

if (json) {
	console.log(JSON.stringify({ cases, ...extra, machine: `${process.platform} ${process.arch}, node ${process.version}` }, null, 2));
} else {
	const rows = [
		...cases.map((c) => [
			c.name,
			c.candles.toLocaleString('en-US'),
			`${c.ms.toFixed(2)} ms${c.ratio === undefined ? '' : ` = ${c.ratio}× plain (CPU ${c.cpuRatio}×; target ${c.target})`}`
		]),
		...Object.entries(extra).map(([key, value]) => {
			const [label, candles, unit] = EXTRA_ROWS[key] ?? [key, null, ''];
			return [label, candles === null ? '' : candles.toLocaleString('en-US'), value === null ? 'n/a (npm run build first)' : `${value} ${unit}`];
		})
	];
	const widths = [0, 1, 2].map((col) => Math.max(...rows.map((row) => row[col].length), ['case', 'candles', 'figure'][col].length));
	console.log(`\n${'case'.padEnd(widths[0])}  ${'candles'.padStart(widths[1])}  ${'figure'.padStart(widths[2])}`);
	for (const [name, candles, figure] of rows) console.log(`${name.padEnd(widths[0])}  ${candles.padStart(widths[1])}  ${figure.padStart(widths[2])}`);
}
