/**
 * `analyzeMarket()`, the one analysis entry point, across the aggregate path: several series analysed through their
 * caches (a live session, settings changed between calls) and summed must give exactly what a fresh analysis of each
 * series, summed, gives. The second "exchange" is the embedded Bybit sample with prices × 1.001 and volume × 0.7, so
 * its map differs from the first's but overlaps it.
 */
import { describe, expect, it } from 'vitest';
import { aggregateAnalyses } from '../../src/lib/core/analysis/aggregate.ts';
import { analyze, type Analysis } from '../../src/lib/core/analysis/analyze.ts';
import { analyzeMarket, requireAnalysis, SeriesCaches, type MarketSeries } from '../../src/lib/core/analysis/market-analysis.ts';
import { defaultAnalysisParams, type AnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { embeddedCandles } from '../helpers.ts';

const hourly = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
const other: Candle[] = hourly.map((c) => ({ ...c, open: c.open * 1.001, high: c.high * 1.001, low: c.low * 1.001, close: c.close * 1.001, volume: c.volume * 0.7 }));
const params = (change: Partial<AnalysisParams> = {}): AnalysisParams => ({ ...defaultAnalysisParams(), timeframe: '1h', lookbackDays: 14, ...change });
const seriesUpTo = (end: number): MarketSeries[] => [
	{ name: 'Bybit', candles: hourly.slice(0, end), openInterest: [] },
	{ name: 'Other', candles: other.slice(0, end), openInterest: [] }
];

function facts(analysis: Analysis) {
	return {
		...analysis,
		map: { ...analysis.map, long: Array.from(analysis.map.long), short: Array.from(analysis.map.short) },
		liquidationSeries: { long: Array.from(analysis.liquidationSeries.long), short: Array.from(analysis.liquidationSeries.short) }
	};
}

describe('analyzeMarket over several series (aggregate)', () => {
	it('a live session through per-series caches equals the fresh analyses from the session start, summed, at each poll', () => {
		const caches = new SeriesCaches();
		const p = params();
		const firstEnd = hourly.length - 12;
		const first = analyzeMarket(seriesUpTo(firstEnd), p, { caches, live: true });
		expect(first.agreement).not.toBeNull();
		const start = first.analysis!.candles[0].time;
		for (let end = firstEnd + 1; end <= hourly.length; end++) {
			const series = seriesUpTo(end);
			const cached = analyzeMarket(series, p, { caches, live: true });
			expect(caches.of('Bybit').lastReuse).toBe('append');
			expect(caches.of('Other').lastReuse).toBe('append');
			if (end % 4 !== 0 && end !== hourly.length) continue;
			const fresh = aggregateAnalyses(
				series.map((s) => ({ name: s.name, analysis: analyze({ candles: s.candles }, p, { from: start }) })),
				p
			);
			expect(facts(cached.analysis!)).toEqual(facts(fresh.analysis));
			expect(cached.agreement).toEqual(fresh.agreement);
		}
	});

	it('a model change, then a weights change, through the caches equal a fresh aggregate each time', () => {
		const caches = new SeriesCaches();
		const series = seriesUpTo(hourly.length);
		analyzeMarket(series, params(), { caches });
		for (const p of [params({ model: { ...params().model, clusterThreshold: 0.4 } }), params({ model: { ...params().model, clusterThreshold: 0.4 }, weights: { ...params().weights, intensity: 50 } })]) {
			const cached = analyzeMarket(series, p, { caches });
			const fresh = analyzeMarket(series, p);
			expect(facts(cached.analysis!)).toEqual(facts(fresh.analysis!));
			expect(cached.agreement).toEqual(fresh.agreement);
			expect(cached.outcomes).toEqual([
				{ candles: 14 * 24, openInterestCandles: 0, modelKind: 'volume-proxy' }, // 14 days of hourly candles
				{ candles: 14 * 24, openInterestCandles: 0, modelKind: 'volume-proxy' }
			]);
		}
		expect(caches.of('Bybit').lastReuse).toBe('model');
	});

	it('leaves a series the analysis refuses out of the sum and names why; requireAnalysis throws it', () => {
		const series = [...seriesUpTo(hourly.length), { name: 'Short', candles: hourly.slice(0, 2), openInterest: [] }] // two hours: no whole 4h candle;
		const result = analyzeMarket(series, params({ timeframe: '4h' }));
		expect(result.outcomes[2]).toEqual({ error: 'the data holds no complete 4h candle' });
		expect(result.agreement!.every((a) => a.total === 2)).toBe(true);
		expect(() => requireAnalysis(result)).toThrow('the data holds no complete 4h candle');
	});
});
