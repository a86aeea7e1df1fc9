/**
 * The analysis worker: holds the base candles (it fetches and decodes the embedded pack itself, or receives columns
 * once), and answers `analyze` (whole data, or cut at a replay bar) and `calibrate` requests off the page's thread.
 * Results travel packed (`analysis-pack.ts`) with their big buffers transferred.
 *
 * Requests are handled one macrotask after they arrive, newest per channel only: a request overtaken by a newer one on
 * the same channel is skipped (the page has already dropped it).
 */
/// <reference lib="webworker" />
import { timeframeCandles } from '$lib/core/analysis/analyze.ts';
import { analyzeMarket, requireAnalysis, SeriesCaches, type MarketSeries } from '$lib/core/analysis/market-analysis.ts';
import { firstCandleAtOrAfter } from '$lib/core/market/candle-search.ts';
import { calibrationRun } from '$lib/core/calibration/calibration.ts';
import { decodeCandlePack, type CandlePack } from '$lib/core/market/candle-pack.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';
import { columnsToCandles, packAnalysis } from './analysis-pack.ts';
import type { ReplayPosition, WorkerRequest, WorkerResponse } from './analysis-protocol.ts';
import { baselineCurve } from './baseline-curve.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Timeframe bars before the first bar a replay may start from (indicators and the map need some history). */
const REPLAY_WARM_UP_BARS = 50;

let base: Candle[] | null = null;
/** Complete candles per timeframe over all base candles, built once per timeframe and data set. */
const byTimeframe = new Map<Timeframe, Candle[]>();
/** What the last view analysis computed, reused by the next (a model change does not redo indicators, and so on). */
const viewCaches = new SeriesCaches();
/** One cache per market series (exchange or file name): a live poll feeds the engine only the candles that closed. */
const marketCaches = new SeriesCaches();
const queue: WorkerRequest[] = [];
let draining = false;

const post = (message: WorkerResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	queue.push(event.data);
	if (!draining) {
		draining = true;
		setTimeout(drain, 0);
	}
};

async function drain(): Promise<void> {
	while (queue.length) {
		const request = queue.shift()!;
		if (queue.some((later) => later.channel === request.channel && later.channel !== 'data')) continue;
		try {
			await handle(request);
		} catch (error) {
			post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
		}
	}
	draining = false;
}

async function handle(request: WorkerRequest): Promise<void> {
	switch (request.type) {
		case 'load': {
			const response = await fetch(request.url);
			if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
			setBase(decodeCandlePack((await response.json()) as CandlePack), request.id);
			return;
		}
		case 'candles':
			setBase(columnsToCandles(request.candles), request.id);
			return;
		case 'analyze': {
			const candles = requireBase();
			const started = performance.now();
			let replay: ReplayPosition | null = null;
			let analysis;
			if (request.until === null) analysis = requireAnalysis(analyzeMarket([viewSeries(candles)], request.params, { caches: viewCaches }));
			else {
				// Each replay bar is a different cut of the data: nothing to reuse.
				replay = replayPosition(request.params.timeframe, request.until);
				const end = firstCandleAtOrAfter(candles, replay.time + TIMEFRAME_MS[request.params.timeframe]);
				analysis = requireAnalysis(analyzeMarket([viewSeries(candles.slice(0, end))], request.params));
			}
			const { packed, transfer } = packAnalysis(analysis);
			post({ id: request.id, type: 'analysis', analysis: packed, replay, ms: performance.now() - started }, transfer);
			return;
		}
		case 'analyze-market': {
			const started = performance.now();
			const series = request.series.map((s) => ({ name: s.name, candles: columnsToCandles(s.candles), openInterest: s.openInterest }));
			const result = analyzeMarket(series, request.params, { caches: marketCaches, live: request.live });
			const { packed, transfer } = packAnalysis(requireAnalysis(result));
			post({ id: request.id, type: 'market-analysis', analysis: packed, agreement: result.agreement, ms: performance.now() - started }, transfer);
			return;
		}
		case 'calibrate': {
			const started = performance.now();
			const all = candlesOf(request.params.timeframe);
			const candles = request.until === null ? all : all.slice(0, firstCandleAtOrAfter(all, request.until + 1));
			const { calibration, outcomes } = calibrationRun(candles, request.params, request.options);
			const baseline = baselineCurve(outcomes);
			post(
				{ id: request.id, type: 'calibration', calibration, baseline, candles: candles.length, ms: performance.now() - started },
				[baseline.up.buffer, baseline.down.buffer]
			);
			return;
		}
	}
}

/** The loaded data as the one series of a view analysis. */
const viewSeries = (candles: Candle[]): MarketSeries => ({ name: 'view', candles, openInterest: [] });

function setBase(candles: Candle[], id: number): void {
	if (candles.length === 0) throw new Error('the data holds no candles');
	base = candles;
	byTimeframe.clear();
	post({ id, type: 'loaded', info: { count: candles.length, from: candles[0].time, to: candles[candles.length - 1].time } });
}

function requireBase(): Candle[] {
	if (!base) throw new Error('no data loaded yet');
	return base;
}

function candlesOf(timeframe: Timeframe): Candle[] {
	let candles = byTimeframe.get(timeframe);
	if (!candles) {
		candles = timeframeCandles(requireBase(), timeframe);
		byTimeframe.set(timeframe, candles);
	}
	return candles;
}

/** The timeframe bar open at or before `until`, kept between the warm-up and the last bar, and its neighbours. */
function replayPosition(timeframe: Timeframe, until: number): ReplayPosition {
	const bars = candlesOf(timeframe);
	const firstIndex = Math.min(bars.length - 1, REPLAY_WARM_UP_BARS);
	const index = Math.min(bars.length - 1, Math.max(firstIndex, firstCandleAtOrAfter(bars, until + 1) - 1));
	return {
		time: bars[index].time,
		previous: index > firstIndex ? bars[index - 1].time : null,
		next: index < bars.length - 1 ? bars[index + 1].time : null,
		first: bars[firstIndex].time,
		last: bars[bars.length - 1].time
	};
}
