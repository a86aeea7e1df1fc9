/**
 * Hand-made analyses for the checklist's tests (core codes in `checklist.test.ts`, sentences in
 * `tests/wording/checklist-wording.test.ts`): last close 100, ATR 2, a 15m chart with a 4h context.
 */
import type { Analysis } from '../../src/lib/core/analysis/analyze.ts';
import type { ScoredCluster } from '../../src/lib/core/confluence/confluence.ts';
import type { ContextTrend } from '../../src/lib/core/confluence/context.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { candle } from '../helpers.ts';

/** 48 flat hourly candles 99–101 (ATR 2 given), then the caller's. Recent range = 2/2 → at least 1 ATR. */
export function flat(extra: Candle[] = []): Candle[] {
	return [...Array.from({ length: 48 }, (_, i) => candle(i, 100, 101, 99, 100, 10)), ...extra];
}

export const context = (trend: ContextTrend['trend']): ContextTrend => ({
	timeframe: '4h',
	trend,
	structureTrend: null,
	emaSlopePct: 0,
	emaLength: 50,
	emaVote: null,
	lastEvent: null
});

export function scored(side: 'long' | 'short', low: number, high: number, change: Partial<ScoredCluster> = {}): ScoredCluster {
	const price = (low + high) / 2;
	return {
		side,
		low,
		high,
		price,
		notional: 1e6,
		intensity: 0.8,
		percentile: 95,
		distancePct: price - 100,
		distanceAtr: (price - 100) / 2,
		score: 50,
		breakdown: [],
		zone: null,
		...change
	};
}

/** A minimal Analysis: last close 100, ATR 2, 15m chart. */
export function analysis(change: Partial<Analysis>): Analysis {
	const candles = change.candles ?? flat();
	return {
		timeframe: '15m',
		candles,
		gaps: [],
		lastClose: 100,
		lastTime: candles[candles.length - 1].time,
		atr: 2,
		modelKind: 'volume-proxy',
		openInterestCandles: 0,
		map: { priceMin: 0, binWidth: 1, long: new Float64Array(0), short: new Float64Array(0), maxBin: 0 },
		clusters: [],
		liquidations: [],
		liquidationSeries: { long: new Float64Array(candles.length), short: new Float64Array(candles.length) },
		history: null,
		totals: { opened: 0, open: 0, liquidated: 0, closed: 0 },
		indicators: { rsi: 50, atr: 2 },
		rsi: [],
		volumeSma: [],
		structure: { swings: [], events: [], trend: null },
		divergences: [],
		supportResistance: { zones: [], ranges: [] },
		context: context('up'),
		volumeProfile: null,
		...change
	};
}

