/**
 * Everything the confluence score needs, computed from the execution candles: ATR and RSI series, market structure,
 * RSI divergences, consolidation ranges, S/R zones and the higher-timeframe context. Shared by `analyze()` (the
 * latest bar) and the walk-forward calibration (each evaluation time, on the candles known then).
 */
import { contextTrend, DEFAULT_CONTEXT, type ContextTrend } from './context.ts';
import { rsiDivergences, type Divergence } from './divergence.ts';
import { atrSeries, lastValue, rsiSeries, type CandleIndicatorSeries } from './indicators.ts';
import type { AnalysisParams } from '../analysis/params.ts';
import { resampleToTimeframe, TIMEFRAME_MS } from '../market/resample.ts';
import { marketStructure, type MarketStructure } from './structure.ts';
import { consolidationRanges, srLevels, srZones, type ConsolidationRange, type SrZone } from './support-resistance.ts';
import type { Candle } from '../types.ts';

export interface ConfluenceAnalysis {
	atrs: (number | null)[];
	atr: number | null;
	rsi: (number | null)[];
	structure: MarketStructure;
	divergences: Divergence[];
	ranges: ConsolidationRange[];
	zones: SrZone[];
	context: ContextTrend | null;
}

/**
 * `candles`: the execution timeframe's candles up to now; `periodCandles`: candles reaching further back for the
 * prior day/week levels (default: the same); `contextCandles`: complete candles of the context timeframe closed by
 * now (default: resampled from `candles`); `series`: ATR(14) and RSI(14) of `candles` when the caller has them
 * (default: computed here).
 */
export function confluenceAnalysis(
	candles: readonly Candle[],
	params: Pick<AnalysisParams, 'timeframe' | 'contextTimeframe' | 'swingLength'>,
	periodCandles: readonly Candle[] = candles,
	contextCandles?: readonly Candle[],
	series?: Pick<CandleIndicatorSeries, 'atr' | 'rsi'>
): ConfluenceAnalysis {
	const atrs = series?.atr ?? atrSeries(candles);
	const atr = lastValue(atrs);
	const rsi = series?.rsi ?? rsiSeries(candles.map((c) => c.close));
	const structure = marketStructure(candles, params.swingLength);
	const divergences = rsiDivergences(candles, rsi);
	const ranges = consolidationRanges(candles, atrs);
	const levels = srLevels(candles, structure.swings, ranges, undefined, periodCandles);
	const zones = atr ? srZones(candles, levels, atr) : [];
	const contextTimeframe = params.contextTimeframe ?? DEFAULT_CONTEXT[params.timeframe];
	const context =
		contextCandles ??
		(candles.length ? resampleToTimeframe(candles, contextTimeframe, TIMEFRAME_MS[params.timeframe]) : []);
	const contextResult = context.length > 2 * params.swingLength + 1 ? contextTrend([...context], contextTimeframe, params.swingLength) : null;
	return { atrs, atr, rsi, structure, divergences, ranges, zones, context: contextResult };
}
