/**
 * The worker's analysis cache against plain `analyze()`: reusing a frame, a model run, or the engine state of a live
 * session must give exactly what a fresh call gives (the reference here is always a fresh `analyze()` on the same
 * candles, with the live session's start where one is pinned).
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/lib/core/analysis/analysis-cache.ts';
import { analyze, type Analysis, type OpenInterestPoint } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams, type AnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';

/** Real Bybit hourly candles (the embedded 5m sample resampled; tests/resample.test.ts checks it against Bybit's 60m). */
const hourly = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
const params = (change: Partial<AnalysisParams> = {}): AnalysisParams => ({ ...defaultAnalysisParams(), timeframe: '1h', lookbackDays: 14, ...change });

/** Everything an analysis says, in comparable form (typed arrays as plain arrays). */
function facts(analysis: Analysis) {
	return {
		...analysis,
		map: { ...analysis.map, long: Array.from(analysis.map.long), short: Array.from(analysis.map.short) },
		liquidationSeries: { long: Array.from(analysis.liquidationSeries.long), short: Array.from(analysis.liquidationSeries.short) },
		history: analysis.history ? { ...analysis.history, long: Array.from(analysis.history.long), short: Array.from(analysis.history.short) } : null
	};
}

describe('AnalysisCache', () => {
	it('a live session fed one closed candle at a time equals a full run from the session start, each time', () => {
		const cache = new AnalysisCache();
		const p = params();
		const firstEnd = hourly.length - 30;
		const first = cache.analyze({ candles: hourly.slice(0, firstEnd) }, p, { live: true });
		expect(cache.lastReuse).toBe('none');
		const start = first.candles[0].time;
		expect(first.candles).toHaveLength(14 * 24); // the lookback window: 14 days of hourly candles
		for (let end = firstEnd + 1; end <= hourly.length; end++) {
			const candles = hourly.slice(0, end); // a new array each poll, as the page sends it
			const live = cache.analyze({ candles }, p, { live: true });
			expect(cache.lastReuse).toBe('append');
			if (end % 10 === 0 || end === hourly.length) expect(facts(live)).toEqual(facts(analyze({ candles }, p, { from: start })));
		}
	});

	it('a closed candle that changes the automatic bin width (so the engine cell width) is a full run, equal to a fresh one', () => {
		// The sample's last hour closes near 105,000 (bins of $100, cells of $12.50); scaled × 0.6 (≈ 63,000, bins of
		// $50) for the last candle only, the fresh analysis uses cells of $6.25: the session's engine cannot extend.
		const cache = new AnalysisCache();
		const p = params();
		const end = hourly.length - 1;
		cache.analyze({ candles: hourly.slice(0, end) }, p, { live: true });
		const last = hourly[end];
		const dropped = { ...last, open: last.open * 0.6, high: last.high * 0.6, low: last.low * 0.6, close: last.close * 0.6 };
		const candles = [...hourly.slice(0, end), dropped];
		const live = cache.analyze({ candles }, p, { live: true });
		expect(cache.lastReuse).toBe('none');
		expect(live.map.binWidth).toBe(50);
		expect(facts(live)).toEqual(facts(analyze({ candles }, p)));
	});

	it('a source that sends a sliding window of fixed length is joined onto the session, still equal to a full run', () => {
		const cache = new AnalysisCache();
		const p = params({ lookbackDays: 7 });
		const window = 7 * 24 + 1; // what /api/candles sends: the lookback's candles, plus one for the forming candle's neighbour
		const firstEnd = hourly.length - 20;
		const first = cache.analyze({ candles: hourly.slice(firstEnd - window, firstEnd) }, p, { live: true });
		for (let end = firstEnd + 1; end <= hourly.length; end++) {
			const live = cache.analyze({ candles: hourly.slice(end - window, end) }, p, { live: true });
			expect(cache.lastReuse).toBe('append');
			if (end % 5 === 0) expect(facts(live)).toEqual(facts(analyze({ candles: hourly.slice(firstEnd - window, end) }, p, { from: first.candles[0].time })));
		}
		// A window that does not meet the session's candles (a gap of a day) is a full run on it.
		const apart = hourly.slice(hourly.length - window - 100, hourly.length - 100);
		cache.analyze({ candles: [...hourly.slice(0, 10), ...apart] }, p, { live: true });
		expect(cache.lastReuse).toBe('none');
	});

	it('with open interest: appended candles use the OI model as a full run does', () => {
		// OI sampled at each candle's close, rising 0.1 % an hour from 5 bn USDT (synthetic OI; real candles).
		const oi: OpenInterestPoint[] = hourly.map((c, i) => ({ time: c.time + HOUR, notional: 5e9 * 1.001 ** i }));
		const cache = new AnalysisCache();
		const p = params({ lookbackDays: 7 });
		const n = hourly.length - 5;
		const first = cache.analyze({ candles: hourly.slice(0, n), openInterest: oi.slice(0, n) }, p, { live: true });
		const next = cache.analyze({ candles: hourly.slice(0, n + 2), openInterest: oi.slice(0, n + 2) }, p, { live: true });
		expect(cache.lastReuse).toBe('append');
		expect(next.modelKind).toBe('open-interest');
		expect(facts(next)).toEqual(facts(analyze({ candles: hourly.slice(0, n + 2), openInterest: oi.slice(0, n + 2) }, p, { from: first.candles[0].time })));
	});

	it('a revised earlier candle, or OI that changed for a candle already fed, forces a full run', () => {
		const cache = new AnalysisCache();
		const p = params();
		const n = hourly.length - 3;
		cache.analyze({ candles: hourly.slice(0, n) }, p, { live: true });
		const revised: Candle[] = hourly.slice(0, n + 1).map((c, i) => (i === n - 2 ? { ...c, volume: c.volume * 2 } : c));
		const result = cache.analyze({ candles: revised }, p, { live: true });
		expect(cache.lastReuse).toBe('none');
		expect(facts(result)).toEqual(facts(analyze({ candles: revised }, p)));

		const late: OpenInterestPoint[] = revised.map((c) => ({ time: c.time + HOUR, notional: 6e9 }));
		cache.analyze({ candles: revised, openInterest: late.slice(0, -3) }, p, { live: true });
		cache.analyze({ candles: [...revised, hourly[n + 1]], openInterest: late }, p, { live: true });
		expect(cache.lastReuse, 'the OI of fed candles arrived late').toBe('none');
	});

	it('moves the window start up once the window has grown by a quarter of the lookback', () => {
		const cache = new AnalysisCache();
		const p = params({ lookbackDays: 7 });
		const n = hourly.length - 60; // 7 days = 168 h; a quarter = 42 h
		cache.analyze({ candles: hourly.slice(0, n) }, p, { live: true });
		let reuses = 0;
		for (let end = n + 1; end <= n + 50; end++) {
			cache.analyze({ candles: hourly.slice(0, end) }, p, { live: true });
			if (cache.lastReuse === 'append') reuses++;
			else {
				expect(end - n, 'the first full run comes after 42 appended hours').toBe(43);
				break;
			}
		}
		expect(reuses).toBe(42);
		const result = cache.analyze({ candles: hourly.slice(0, n + 43) }, p, { live: true });
		expect(result.candles).toHaveLength(168);
	});

	it('a model change re-runs the engine only; a weights change re-scores only; both equal a fresh analyze()', () => {
		const cache = new AnalysisCache();
		const input = { candles: embeddedCandles() };
		const p = params({ history: true });
		cache.analyze(input, p);
		const model = { ...p.model, tiers: p.model.tiers.map((t) => (t.leverage === 100 ? { ...t, enabled: false } : t)) };
		const modelChanged = cache.analyze(input, { ...p, model });
		expect(cache.lastReuse).toBe('frame');
		expect(facts(modelChanged)).toEqual(facts(analyze(input, { ...p, model })));
		const weights = { ...p.weights, structure: p.weights.structure * 2 };
		const weightsChanged = cache.analyze(input, { ...p, model, weights });
		expect(cache.lastReuse).toBe('model');
		expect(facts(weightsChanged)).toEqual(facts(analyze(input, { ...p, model, weights })));
		// The history grid handed out before is not shared with the new answer (the worker transfers its buffers).
		expect(weightsChanged.history!.long).not.toBe(modelChanged.history!.long);
		cache.analyze(input, { ...p, model, weights, lookbackDays: 30 });
		expect(cache.lastReuse).toBe('none');
	});
});

describe('AnalysisCache on a live feed, settings changed between polls', () => {
	it('a model change on the same poll reuses the frame of the session (its start stays)', () => {
		const cache = new AnalysisCache();
		const p = params({ lookbackDays: 7 });
		const window = 7 * 24;
		const end = hourly.length - 5;
		const first = cache.analyze({ candles: hourly.slice(end - window - 1, end - 1) }, p, { live: true });
		const poll = { candles: hourly.slice(end - window, end) };
		cache.analyze(poll, p, { live: true });
		expect(cache.lastReuse).toBe('append');
		const model = { ...p.model, participation: 0.2 };
		const changed = cache.analyze(poll, { ...p, model }, { live: true });
		expect(cache.lastReuse).toBe('frame');
		expect(facts(changed)).toEqual(facts(analyze({ candles: hourly.slice(end - window - 1, end) }, { ...p, model }, { from: first.candles[0].time })));
	});

	it('after a refused request, the next one is a full run, not a reuse of half-updated state', () => {
		const cache = new AnalysisCache();
		const p = params();
		cache.analyze({ candles: hourly.slice(0, -5) }, p, { live: true });
		expect(() => cache.analyze({ candles: hourly.slice(0, -4) }, { ...p, timeframe: '15m' }, { live: true })).toThrow(/cannot be built/);
		const next = cache.analyze({ candles: hourly.slice(0, -4) }, p, { live: true });
		expect(cache.lastReuse).toBe('none');
		expect(facts(next)).toEqual(facts(analyze({ candles: hourly.slice(0, -4) }, p)));
	});
});
