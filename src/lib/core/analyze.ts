/**
 * `analyze()`: the one entry point that the UI, the API and the CLI call. It resamples base candles to the requested
 * timeframe on UTC boundaries, keeps the lookback window, runs the liquidation engine over it (open-interest model
 * where an OI series covers a candle, volume proxy elsewhere), and returns the map as of the last candle, its clusters,
 * the estimated liquidations and, in history mode, the time-evolving grid.
 *
 * Units: see `types.ts`. ATR is Wilder's ATR(14) in USDT on the analysed timeframe (`indicators.ts`).
 */
import { findGaps, mostCommonStep } from './candle-parse.ts';
import { detectClusters } from './clusters.ts';
import { scoreClusters, type ScoredCluster } from './confluence.ts';
import { confluenceAnalysis } from './confluence-analysis.ts';
import { DEFAULT_CONTEXT, type ContextTrend } from './context.ts';
import type { Divergence } from './divergence.ts';
import { lastValue, smaSeries } from './indicators.ts';
import type { MarketStructure } from './structure.ts';
import type { ConsolidationRange, SrZone } from './support-resistance.ts';
import { volumeProfile, type VolumeProfile } from './volume.ts';
import { HistoryGridBuilder, MAX_HISTORY_BINS } from './history-grid.ts';
import { LiquidationEngine } from './liquidation-engine.ts';
import type { AnalysisParams } from './params.ts';
import { autoBinWidth, binGrid } from './price-bins.ts';
import { resampleToTimeframe, TIMEFRAME_MS } from './resample.ts';
import type {
	Candle,
	CandleGap,
	EngineTotals,
	HistoryGrid,
	Liquidation,
	LiquidationMap,
	Timeframe
} from './types.ts';

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

/** Candles of the timeframe within the lookback window. */
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

export function analyze(input: AnalysisInput, params: AnalysisParams): Analysis {
	const { timeframe, model } = params;
	const candleMs = TIMEFRAME_MS[timeframe];
	const { baseMs, all, window: candles } = resampleForAnalysis(input.candles, timeframe, params.lookbackDays);
	const last = candles[candles.length - 1];
	const contextTimeframe = params.contextTimeframe ?? DEFAULT_CONTEXT[timeframe];
	const confluence = confluenceAnalysis(
		candles,
		params,
		all,
		contextCandles(input.candles, baseMs, contextTimeframe, last.time + candleMs)
	);
	const { atr, rsi, structure, divergences, ranges, zones, context } = confluence;
	const openInterest = input.openInterest?.length ? alignOpenInterest(candles, candleMs, input.openInterest) : null;

	const engine = new LiquidationEngine({ ...model, candleMs, capacityHint: candles.length, keepLiquidations: MAX_LIQUIDATION_EVENTS });
	const binWidth = model.binWidth ?? autoBinWidth(last.close);
	let history: HistoryGridBuilder | null = null;
	if (params.history) {
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
		history = new HistoryGridBuilder(binGrid(low, high, width), candles.length, (perColumn) =>
			candles.filter((_, i) => i % perColumn === 0).map((c) => c.time)
		);
		engine.listeners.push(history);
	}
	let openInterestCandles = 0;
	candles.forEach((candle, i) => {
		const oi = openInterest?.[i] ?? null;
		if (oi !== null) openInterestCandles++;
		engine.add(candle, oi);
		history?.afterCandle(i, engine.scale, i === candles.length - 1);
	});

	const range = engine.openRange() ?? { low: last.close, high: last.close };
	const grid = binGrid(range.low, range.high, binWidth);
	const map = engine.map(grid.priceMin, grid.binWidth, grid.binCount);

	const clusters = detectClusters(map, { threshold: model.clusterThreshold, lastClose: last.close, atr });
	return {
		timeframe,
		candles,
		gaps: findGaps(candles, candleMs),
		lastClose: last.close,
		lastTime: last.time,
		atr,
		modelKind: openInterestCandles > 0 ? 'open-interest' : 'volume-proxy',
		openInterestCandles,
		map,
		clusters: scoreClusters(clusters, {
			candles,
			atr,
			zones,
			divergences,
			events: structure.events,
			context,
			weights: params.weights
		}),
		indicators: { rsi: lastValue(rsi), atr },
		rsi,
		volumeSma: smaSeries(candles.map((c) => c.volume), 20),
		structure,
		divergences,
		supportResistance: { zones, ranges },
		context,
		volumeProfile: volumeProfile(candles),
		liquidations: engine.liquidations(engine.liquidationCount - MAX_LIQUIDATION_EVENTS),
		liquidationSeries: { long: engine.liquidationSeries().long.slice(), short: engine.liquidationSeries().short.slice() },
		history: history?.grid ?? null,
		totals: { ...engine.totals }
	};
}
