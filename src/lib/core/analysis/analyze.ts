/**
 * `analyze()`: the fresh analysis of one series (callers go through `analyzeMarket()`, `market-analysis.ts`, which
 * runs this or the incremental `AnalysisCache` built from the same pieces: `analysisWindow`, `analysisFrame`,
 * `ModelRun`, `assembleAnalysis`; calibration drives `ModelRun` candle by candle). It resamples base candles to the requested
 * timeframe on UTC boundaries, keeps the lookback window, runs the liquidation engine over it (open-interest model
 * where an OI series covers a candle, volume proxy elsewhere), and returns the map as of the last candle, its clusters,
 * the estimated liquidations and, in history mode, the time-evolving grid.
 *
 * Units: see `types.ts`. ATR is Wilder's ATR(14) in USDT on the analysed timeframe (`indicators.ts`).
 */
import { findGaps, mostCommonStep } from '../market/candle-parse.ts';
import { firstCandleAtOrAfter } from '../market/candle-search.ts';
import { detectClusters } from '../model/clusters.ts';
import { confluenceInput, scoreClusters, type ConfluenceWeights, type ScoredCluster } from '../confluence/confluence.ts';
import { confluenceAnalysis, type ConfluenceAnalysis } from '../confluence/confluence-analysis.ts';
import { DEFAULT_CONTEXT, type ContextTrend } from '../confluence/context.ts';
import type { Divergence } from '../confluence/divergence.ts';
import { CandleIndicators, lastValue, type CandleIndicatorSeries } from '../confluence/indicators.ts';
import type { MarketStructure } from '../confluence/structure.ts';
import type { ConsolidationRange, SrZone } from '../confluence/support-resistance.ts';
import { volumeProfile, type VolumeProfile } from '../confluence/volume.ts';
import { HistoryGridBuilder, MAX_HISTORY_BINS } from '../model/history-grid.ts';
import { LiquidationEngine } from '../model/liquidation-engine.ts';
import type { AnalysisParams, ModelOptions } from './params.ts';
import { autoBinWidth, binGrid, cellWidthFor } from '../model/price-bins.ts';
import { resampleToTimeframe, TIMEFRAME_MS } from '../market/resample.ts';
import type {
	Candle,
	CandleGap,
	Cluster,
	EngineTotals,
	HistoryGrid,
	Liquidation,
	LiquidationMap,
	Timeframe
} from '../types.ts';

export type ModelKind = 'volume-proxy' | 'open-interest';

/** Individual liquidation events kept in an `Analysis` (the per-candle series covers the rest). */
export const MAX_LIQUIDATION_EVENTS = 5_000;

export interface Analysis {
	timeframe: Timeframe;
	/** The analysed candles (resampled, lookback applied), oldest first. */
	candles: Candle[];
	/** Holes in the analysed candles (reported, never filled). */
	gaps: CandleGap[];
	lastClose: number;
	/** Open time (ms) of the last candle. */
	lastTime: number;
	/** ATR(14) at the last candle (USDT), null with fewer than 14 candles. */
	atr: number | null;
	/** Which model opened positions; `open-interest` when an OI series covered at least one candle. */
	modelKind: ModelKind;
	/** Candles whose positions came from open interest (the rest used the volume proxy). */
	openInterestCandles: number;
	map: LiquidationMap;
	/** Clusters of both sides, strongest (by intensity) first, each with its confluence score and breakdown. */
	clusters: ScoredCluster[];
	/** Last RSI(14) and ATR(14). */
	indicators: { rsi: number | null; atr: number | null };
	/** RSI(14) per candle (null during warm-up), for the RSI pane. */
	rsi: (number | null)[];
	/** SMA(20) of volume per candle (BTC), for the volume pane. */
	volumeSma: (number | null)[];
	structure: MarketStructure;
	divergences: Divergence[];
	supportResistance: { zones: SrZone[]; ranges: ConsolidationRange[] };
	/** Higher-timeframe trend, null when the data is too short for it. */
	context: ContextTrend | null;
	/** Volume profile of the analysed window (the chart computes its own for the visible range). */
	volumeProfile: VolumeProfile | null;
	/** The most recent estimated liquidations (at most `MAX_LIQUIDATION_EVENTS`), oldest first. */
	liquidations: Liquidation[];
	/** Liquidated notional per analysed candle (USDT): the estimated-liquidations series. */
	liquidationSeries: { long: Float64Array; short: Float64Array };
	history: HistoryGrid | null;
	totals: EngineTotals;
}

export interface OpenInterestPoint {
	/** Sample time (ms UTC). */
	time: number;
	/** Open interest in USDT notional. */
	notional: number;
}

/** Base candles, oldest first, with an optional open-interest series (USDT notional, sampled at candle closes). */
export interface AnalysisInput {
	candles: Candle[];
	openInterest?: OpenInterestPoint[] | null;
}

/** Refused input: wrong timeframe for the data, too few candles. */
export class AnalysisError extends Error {
	name = 'AnalysisError';
}

/** Every complete candle of the timeframe built from the input (no lookback window). */
export function timeframeCandles(input: readonly Candle[], timeframe: Timeframe): Candle[] {
	return resampleForAnalysis(input, timeframe, Infinity).all;
}

/** The candles an analysis of `timeframe` over `lookbackDays` runs on, as `analyze()` cuts them (the page's preview). */
export function windowCandles(input: readonly Candle[], timeframe: Timeframe, lookbackDays: number): Candle[] {
	return resampleForAnalysis(input, timeframe, lookbackDays).window;
}

/** Base interval of the input, all complete candles of the timeframe, and those within the lookback window. */
function resampleForAnalysis(input: readonly Candle[], timeframe: Timeframe, lookbackDays: number) {
	if (input.length === 0) throw new AnalysisError('no candles to analyse');
	const baseMs = input.length > 1 ? mostCommonStep(input) : TIMEFRAME_MS[timeframe];
	const targetMs = TIMEFRAME_MS[timeframe];
	if (targetMs < baseMs || targetMs % baseMs !== 0)
		throw new AnalysisError(
			`the data has ${baseMs / 60_000}-minute candles: ${timeframe} cannot be built from them (choose a multiple)`
		);
	const candles = resampleToTimeframe(input, timeframe, baseMs);
	if (candles.length === 0) throw new AnalysisError(`the data holds no complete ${timeframe} candle`);
	const from = candles[candles.length - 1].time + targetMs - lookbackDays * 86_400_000;
	const start = candles.findIndex((candle) => candle.time >= from);
	return { baseMs, all: candles, window: candles.slice(start) };
}

/** Context candles: complete, and closed by the close of the chart's last candle. */
function contextCandles(input: readonly Candle[], baseMs: number, timeframe: Timeframe, until: number): Candle[] {
	const ms = TIMEFRAME_MS[timeframe];
	return resampleToTimeframe(input, timeframe, baseMs).filter((c) => c.time + ms <= until);
}

/** OI at each candle's close: the last sample taken at or before it, or null where the series has not started. */
function alignOpenInterest(candles: readonly Candle[], candleMs: number, series: readonly OpenInterestPoint[]): (number | null)[] {
	const sorted = [...series].sort((a, b) => a.time - b.time);
	const out: (number | null)[] = [];
	let j = -1;
	for (const candle of candles) {
		const close = candle.time + candleMs;
		while (j + 1 < sorted.length && sorted[j + 1].time <= close) j++;
		const fresh = j >= 0 && close - sorted[j].time <= candleMs;
		out.push(fresh ? sorted[j].notional : null);
	}
	return out;
}

/** Where the analysed window starts. */
export interface WindowOptions {
	/**
	 * Open time (ms UTC) of the first candle to analyse, instead of the lookback window's first. A live session pins
	 * its start so that new candles extend the analysed series (see `analysis-cache.ts`).
	 */
	from?: number;
}

/** The analysed candles of a request: the timeframe's complete candles, the window, and the OI aligned with it. */
export interface AnalysisWindow {
	timeframe: Timeframe;
	candleMs: number;
	/** Interval of the input candles (ms). */
	baseMs: number;
	/** Every complete candle of the timeframe (prior day/week levels reach back into them). */
	all: Candle[];
	/** The analysed candles, oldest first. */
	candles: Candle[];
	/** OI (USDT) at each candle's close, null where unknown; null when no OI series was given. */
	openInterest: (number | null)[] | null;
}

export function analysisWindow(input: AnalysisInput, params: AnalysisParams, options: WindowOptions = {}): AnalysisWindow {
	const { timeframe } = params;
	const candleMs = TIMEFRAME_MS[timeframe];
	const resampled = resampleForAnalysis(input.candles, timeframe, params.lookbackDays);
	const { baseMs, all } = resampled;
	const candles = options.from === undefined ? resampled.window : all.slice(firstCandleAtOrAfter(all, options.from));
	if (candles.length === 0) throw new AnalysisError(`the data holds no ${timeframe} candle after the session's start`);
	const openInterest = input.openInterest?.length ? alignOpenInterest(candles, candleMs, input.openInterest) : null;
	return { timeframe, candleMs, baseMs, all, candles, openInterest };
}

/**
 * The part of an analysis that depends on the candles and the chart settings only (timeframe, lookback, context,
 * swing length), never on the liquidation model: the window, its gaps, the confluence inputs, the volume SMA and
 * profile. A model change reuses it.
 */
export interface AnalysisFrame extends AnalysisWindow {
	gaps: CandleGap[];
	/** RSI(14), ATR(14) and volume SMA(20) per candle (the confluence inputs and the panes' lines). */
	series: CandleIndicatorSeries;
	confluence: ConfluenceAnalysis;
	volumeProfile: VolumeProfile | null;
	/** The indicator state after the window's last candle; a live session extends it (`analysis-cache.ts`). */
	indicators: CandleIndicators;
}

/**
 * The frame of a window. `extending`: a frame over a prefix of these very candles (a live session's), whose indicator
 * state is carried on over the rest (that frame's indicators must not be used again); default: a fresh start.
 */
export function analysisFrame(input: AnalysisInput, window: AnalysisWindow, params: AnalysisParams, extending?: AnalysisFrame): AnalysisFrame {
	const { candles, candleMs, timeframe } = window;
	const last = candles[candles.length - 1];
	const contextTimeframe = params.contextTimeframe ?? DEFAULT_CONTEXT[timeframe];
	const indicators = extending?.indicators ?? new CandleIndicators();
	const series = indicators.extend(candles, extending?.series);
	return {
		...window,
		gaps: findGaps(candles, candleMs),
		confluence: confluenceAnalysis(
			candles,
			params,
			window.all,
			contextCandles(input.candles, window.baseMs, contextTimeframe, last.time + candleMs),
			series
		),
		series,
		volumeProfile: volumeProfile(candles),
		indicators
	};
}

/** What the liquidation model yields for a frame: everything in `Analysis` that depends on the model settings. */
export type ModelResult = Pick<
	Analysis,
	'modelKind' | 'openInterestCandles' | 'map' | 'liquidations' | 'liquidationSeries' | 'history' | 'totals'
> & { clusters: Cluster[] };

/** What the engine reads of a frame: the candles, their interval, and the OI at each candle's close. */
export type ModelFrame = Pick<AnalysisWindow, 'candles' | 'candleMs' | 'openInterest'>;

/**
 * The liquidation engine run over a frame's candles. `extend` feeds candles appended since (a live tick), so the
 * state after extending equals a run over all of them at once: the same engine, fed the same candles in order.
 * History mode (the time-evolving grid) is sized for a fixed candle count and is never extended.
 */
export class ModelRun {
	readonly #engine: LiquidationEngine;
	readonly #model: ModelOptions;
	readonly #history: HistoryGridBuilder | null;
	#fed = 0;
	#openInterestCandles = 0;

	/** `end`: feed only the frame's first `end` candles (calibration walks forward with `extend`). */
	constructor(frame: ModelFrame, model: ModelOptions, history: boolean, end = frame.candles.length) {
		const { candles } = frame;
		this.#model = model;
		this.#engine = new LiquidationEngine({
			...model,
			candleMs: frame.candleMs,
			cellWidth: modelCellWidth(frame, model),
			capacityHint: candles.length,
			keepLiquidations: MAX_LIQUIDATION_EVENTS
		});
		this.#history = history ? historyGrid(candles, model.binWidth ?? autoBinWidth(candles[candles.length - 1].close)) : null;
		this.#history?.attach(this.#engine);
		this.extend(frame, end);
	}

	/** Candles fed so far. */
	get fed(): number {
		return this.#fed;
	}

	/**
	 * Whether `extend(frame)` would give what a fresh run over the frame gives: no history grid (sized for a fixed
	 * candle count), and the engine's cells as wide as a fresh run's (they follow the last close's bin width).
	 */
	extendable(frame?: ModelFrame): boolean {
		return this.#history === null && (!frame || modelCellWidth(frame, this.#model) === this.#engine.cellWidth);
	}

	/**
	 * Feeds the frame's candles from the first not yet fed up to `end` (default: all; the frame must extend the
	 * candles fed before).
	 */
	extend(frame: ModelFrame, end = frame.candles.length): void {
		const { candles, openInterest } = frame;
		if (this.#fed > 0 && !this.extendable(frame)) throw new Error('this model run cannot be extended over that frame');
		for (let i = this.#fed; i < end; i++) {
			const oi = openInterest?.[i] ?? null;
			if (oi !== null) this.#openInterestCandles++;
			this.#engine.add(candles[i], oi);
			this.#history?.afterCandle(i, this.#engine, i === candles.length - 1);
		}
		this.#fed = end;
	}

	/** The map as of the last fed candle (USDT per bin, over the bins holding open notional) and its clusters. */
	mapAndClusters(lastClose: number, atr: number | null): { map: LiquidationMap; clusters: Cluster[] } {
		const engine = this.#engine;
		const range = engine.openRange() ?? { low: lastClose, high: lastClose };
		const grid = binGrid(range.low, range.high, this.#model.binWidth ?? autoBinWidth(lastClose));
		const map = engine.map(grid.priceMin, grid.binWidth, grid.binCount);
		return { map, clusters: detectClusters(map, { threshold: this.#model.clusterThreshold, lastClose, atr }) };
	}

	/** The map as of the last fed candle, its clusters and the engine's records. */
	result(lastClose: number, atr: number | null): ModelResult {
		const engine = this.#engine;
		const { map, clusters } = this.mapAndClusters(lastClose, atr);
		const series = engine.liquidationSeries();
		return {
			modelKind: this.#openInterestCandles > 0 ? 'open-interest' : 'volume-proxy',
			openInterestCandles: this.#openInterestCandles,
			map,
			clusters,
			liquidations: engine.liquidations(engine.liquidationCount - MAX_LIQUIDATION_EVENTS),
			liquidationSeries: { long: series.long.slice(0, this.#fed), short: series.short.slice(0, this.#fed) },
			history: this.#history?.grid ?? null,
			totals: { ...engine.totals }
		};
	}
}

/**
 * The engine's cell width for a frame: 1/8 of the map's bin width (the user's, or the automatic one at the last close,
 * as `result` bins the map), so the map's bins are whole cells (`cellWidthFor`).
 */
function modelCellWidth(frame: ModelFrame, model: ModelOptions): number {
	return cellWidthFor(frame.candles[frame.candles.length - 1].close, model.binWidth);
}

/**
 * A copy of a model result whose typed arrays share nothing with it: the worker transfers (moves) those when it sends
 * an answer. The rest is never mutated and is shared (`scoreClusters` builds new cluster objects anyway).
 */
export function copyModelResult(result: ModelResult): ModelResult {
	const { map, liquidationSeries: series, history } = result;
	return {
		...result,
		map: { ...map, long: map.long.slice(), short: map.short.slice() },
		liquidationSeries: { long: series.long.slice(), short: series.short.slice() },
		history: history && { ...history, long: history.long.slice(), short: history.short.slice() }
	};
}

/** The history grid's builder: prices from 10 % below the window's low to 10 % above its high. */
function historyGrid(candles: readonly Candle[], binWidth: number): HistoryGridBuilder {
	// A loop, not Math.min(...spread): years of 5m candles exceed the engine's argument limit.
	let low = Infinity;
	let high = -Infinity;
	for (const c of candles) {
		if (c.low < low) low = c.low;
		if (c.high > high) high = c.high;
	}
	low *= 0.9;
	high *= 1.1;
	const width = Math.max(binWidth, (high - low) / MAX_HISTORY_BINS);
	return new HistoryGridBuilder(binGrid(low, high, width), candles.length, (perColumn) =>
		candles.filter((_, i) => i % perColumn === 0).map((c) => c.time)
	);
}

/** The analysis of a frame and its model result: the clusters scored with the confluence weights. */
export function assembleAnalysis(frame: AnalysisFrame, model: ModelResult, weights: ConfluenceWeights): Analysis {
	const { candles, confluence } = frame;
	const { atr, rsi, structure, divergences, ranges, zones, context } = confluence;
	const last = candles[candles.length - 1];
	return {
		timeframe: frame.timeframe,
		candles,
		gaps: frame.gaps,
		lastClose: last.close,
		lastTime: last.time,
		atr,
		...model,
		clusters: scoreClusters(model.clusters, confluenceInput(candles, confluence, weights)),
		indicators: { rsi: lastValue(rsi), atr },
		rsi,
		volumeSma: frame.series.volumeSma,
		structure,
		divergences,
		supportResistance: { zones, ranges },
		context,
		volumeProfile: frame.volumeProfile
	};
}

export function analyze(input: AnalysisInput, params: AnalysisParams, options: WindowOptions = {}): Analysis {
	const frame = analysisFrame(input, analysisWindow(input, params, options), params);
	const run = new ModelRun(frame, params.model, params.history);
	return assembleAnalysis(frame, run.result(frame.candles[frame.candles.length - 1].close, frame.confluence.atr), params.weights);
}
