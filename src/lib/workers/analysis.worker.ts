/**
 * The analysis worker: holds the series the page registered (the embedded pack it fetches and decodes itself, or
 * columns sent once and then extended by appended candles), and answers `analyze` (one series or several summed, whole
 * or cut at a replay bar) and `calibrate` requests naming them, off the page's thread. Results travel packed
 * (`analysis-pack.ts`) with their big buffers transferred.
 *
 * Requests are handled one macrotask after they arrive, newest per channel only: a request overtaken by a newer one on
 * the same channel is skipped (the page has already dropped it).
 */
/// <reference lib="webworker" />
import { AnalysisCache } from '$lib/core/analysis/analysis-cache.ts';
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import { timeframeCandles, type Analysis, type OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import { analyzeMarket, requireAnalysis } from '$lib/core/analysis/market-analysis.ts';
import { firstCandleAtOrAfter } from '$lib/core/market/candle-search.ts';
import { calibrationRun } from '$lib/core/calibration/calibration.ts';
import { decodeCandlePack, type CandlePack } from '$lib/core/market/candle-pack.ts';
import { analysisScaleData } from '$lib/core/model/intensity-scale.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';
import { columnsToCandles, packAnalysis } from './analysis-pack.ts';
import type { ReplayPosition, WorkerRequest, WorkerResponse } from './analysis-protocol.ts';
import { baselineCurve } from './baseline-curve.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Timeframe bars before the first bar a replay may start from (indicators and the map need some history). */
const REPLAY_WARM_UP_BARS = 50;

/** A registered series and what was computed from it. */
interface HeldSeries {
	name: string;
	live: boolean;
	candles: Candle[];
	openInterest: OpenInterestPoint[];
	/** What the last analysis of this series computed, reused by the next (a live candle feeds only what closed). */
	cache: AnalysisCache;
	/** Complete candles per timeframe, built once per timeframe and data. */
	byTimeframe: Map<Timeframe, Candle[]>;
}

const held = new Map<string, HeldSeries>();
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
			const candles = decodeCandlePack((await response.json()) as CandlePack);
			hold(request.id, request.series, { name: request.series, live: false, candles, openInterest: [] });
			return;
		}
		case 'register':
			hold(request.id, request.series, {
				name: request.name,
				live: request.live,
				candles: columnsToCandles(request.candles),
				openInterest: request.openInterest
			});
			return;
		case 'append': {
			const series = requireSeries(request.series);
			const kept = series.candles.slice(firstCandleAtOrAfter(series.candles, request.from));
			hold(request.id, request.series, {
				...series,
				candles: kept.concat(columnsToCandles(request.candles)),
				openInterest: series.openInterest.filter((point) => point.time >= request.openInterestFrom).concat(request.openInterest)
			});
			return;
		}
		case 'drop':
			held.delete(request.series);
			post({ id: request.id, type: 'dropped' });
			return;
		case 'analyze': {
			const started = performance.now();
			const [first] = request.series.map(requireSeries);
			let replay: ReplayPosition | null = null;
			let result: { analysis: Analysis; agreement: ClusterAgreement[] | null };
			if (request.until === null) {
				// Each held series keeps its own cache: a model change or a live append recomputes only what it touches.
				const series = request.series.map(requireSeries);
				const caches = { of: (name: string) => series.find((s) => s.name === name)!.cache };
				const market = analyzeMarket(series, request.params, { caches, live: series.every((s) => s.live) });
				result = { analysis: requireAnalysis(market), agreement: market.agreement };
			} else {
				// Each replay bar is a different cut of the data: nothing to reuse. (Candles alone, as the replay always was.)
				replay = replayPosition(first, request.params.timeframe, request.until);
				const end = firstCandleAtOrAfter(first.candles, replay.time + TIMEFRAME_MS[request.params.timeframe]);
				const cut = { name: first.name, candles: first.candles.slice(0, end), openInterest: [] };
				result = { analysis: requireAnalysis(analyzeMarket([cut], request.params)), agreement: null };
			}
			// The colour scales too (a history grid's is a pass over every cell, a sort in percentile mode): off the page's thread.
			const scales = analysisScaleData(result.analysis, request.scale);
			const { packed, transfer } = packAnalysis(result.analysis);
			const sorted = [scales.map.sorted, scales.history?.sorted].flatMap((values) => (values ? [values.buffer as ArrayBuffer] : []));
			post(
				{ id: request.id, type: 'analysis', analysis: packed, agreement: result.agreement, replay, scales, ms: performance.now() - started },
				[...transfer, ...sorted]
			);
			return;
		}
		case 'calibrate': {
			const started = performance.now();
			const all = candlesOf(requireSeries(request.series), request.params.timeframe);
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

/** Keeps `series` under `id` (a new cache when it is new, its cache kept when it was extended) and answers its span. */
function hold(requestId: number, id: string, series: Omit<HeldSeries, 'cache' | 'byTimeframe'> & { cache?: AnalysisCache }): void {
	const { candles } = series;
	if (candles.length === 0) throw new Error('the data holds no candles');
	held.set(id, { ...series, cache: series.cache ?? new AnalysisCache(), byTimeframe: new Map() });
	post({ id: requestId, type: 'loaded', info: { series: id, count: candles.length, from: candles[0].time, to: candles[candles.length - 1].time } });
}

function requireSeries(id: string): HeldSeries {
	const series = held.get(id);
	if (!series) throw new Error(`no data loaded yet for "${id}"`);
	return series;
}

function candlesOf(series: HeldSeries, timeframe: Timeframe): Candle[] {
	let candles = series.byTimeframe.get(timeframe);
	if (!candles) {
		candles = timeframeCandles(series.candles, timeframe);
		series.byTimeframe.set(timeframe, candles);
	}
	return candles;
}

/** The timeframe bar open at or before `until`, kept between the warm-up and the last bar, and its neighbours. */
function replayPosition(series: HeldSeries, timeframe: Timeframe, until: number): ReplayPosition {
	const bars = candlesOf(series, timeframe);
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
