/**
 * `analyze()`: the one entry point that the UI, the API and the CLI call. It resamples base candles to the requested
 * timeframe on UTC boundaries, keeps the lookback window, runs the liquidation engine over it (open-interest model
 * where an OI series covers a candle, volume proxy elsewhere), and returns the map as of the last candle, its clusters,
 * the estimated liquidations and, in history mode, the time-evolving grid.
 *
 * Units: see `types.ts`. ATR is Wilder's ATR(14) in USDT on the analysed timeframe (`indicators.ts`).
 */
import { atrSeries, lastValue } from './indicators.ts';
import { findGaps, mostCommonStep } from './candle-parse.ts';
import { detectClusters } from './clusters.ts';
import { HistoryGridBuilder, MAX_HISTORY_BINS } from './history-grid.ts';
import { LiquidationEngine } from './liquidation-engine.ts';
import type { AnalysisParams } from './params.ts';
import { autoBinWidth, binGrid } from './price-bins.ts';
import { resampleToTimeframe, TIMEFRAME_MS } from './resample.ts';
import type {
	Candle,
	CandleGap,
	Cluster,
	EngineTotals,
	HistoryGrid,
	Liquidation,
	LiquidationMap,
	Timeframe
} from './types.ts';

export type ModelKind = 'volume-proxy' | 'open-interest';

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
	/** Clusters of both sides, strongest (by intensity) first. */
	clusters: Cluster[];
	/** Estimated liquidations inside the window, oldest first. */
	liquidations: Liquidation[];
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

/** Candles of the timeframe within the lookback window. */
export function windowCandles(input: readonly Candle[], timeframe: Timeframe, lookbackDays: number): Candle[] {
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
	return candles.slice(start);
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
	const candles = windowCandles(input.candles, timeframe, params.lookbackDays);
	const last = candles[candles.length - 1];
	const atr = lastValue(atrSeries(candles));
	const openInterest = input.openInterest?.length ? alignOpenInterest(candles, candleMs, input.openInterest) : null;

	const engine = new LiquidationEngine({ ...model, candleMs });
	const binWidth = model.binWidth ?? autoBinWidth(last.close);
	let history: HistoryGridBuilder | null = null;
	if (params.history) {
		const low = Math.min(...candles.map((c) => c.low)) * 0.9;
		const high = Math.max(...candles.map((c) => c.high)) * 1.1;
		const width = Math.max(binWidth, (high - low) / MAX_HISTORY_BINS);
		history = new HistoryGridBuilder(binGrid(low, high, width), candles.length, (perColumn) =>
			candles.filter((_, i) => i % perColumn === 0).map((c) => c.time)
		);
		engine.listener = history;
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
		clusters: detectClusters(map, { threshold: model.clusterThreshold, lastClose: last.close, atr }),
		liquidations: engine.liquidations.slice(),
		history: history?.grid ?? null,
		totals: { ...engine.totals }
	};
}
