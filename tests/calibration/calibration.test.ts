import { describe, expect, it } from 'vitest';
import { calibrate, DEFAULT_CALIBRATION, wilsonInterval } from '../../src/lib/core/calibration/calibration.ts';
import { ModelRun } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { atrSeries, StreamingAtr } from '../../src/lib/core/confluence/indicators.ts';
import { autoBinWidth } from '../../src/lib/core/model/price-bins.ts';
import { normalRandom, randomWalkCandles, seededRandom } from '../../src/lib/core/market/synthetic.ts';
import type { Candle } from '../../src/lib/core/types.ts';

const FIFTEEN_MINUTES = 900_000;
const params = { ...defaultAnalysisParams(), timeframe: '15m' as const };
const options = { ...DEFAULT_CALIBRATION, bootstrap: 400 };

describe('Wilson 95 % interval', () => {
	// Published values (Wilson 1927; e.g. Newcombe 1998, Table I; any binomial CI calculator with z = 1.96).
	it.each([
		[0, 10, '0.0000', '0.2775'],
		[5, 10, '0.2366', '0.7634'],
		[50, 100, '0.4038', '0.5962'],
		[10, 10, '0.7225', '1.0000']
	])('%i of %i → %s–%s', (hits, events, lo, hi) => {
		const [low, high] = wilsonInterval(hits, events)!;
		expect([low.toFixed(4), high.toFixed(4)]).toEqual([lo, hi]);
	});

	it('is undefined without events', () => {
		expect(wilsonInterval(0, 0)).toBeNull();
	});
});

describe('calibration on a seeded random walk (the past cannot predict the future)', () => {
	it.each([3, 8])('finds no lift beyond distance (seed %i)', (seed) => {
		const walk = randomWalkCandles({ count: 8_000, seed, intervalMs: FIFTEEN_MINUTES });
		const result = calibrate(walk, params, options);
		expect(result.events).toBeGreaterThan(100);
		const [lo, hi] = result.overall.liftCi!;
		expect(lo).toBeLessThanOrEqual(1);
		expect(hi).toBeGreaterThanOrEqual(1);
		expect(result.verdict).toEqual({ code: 'no-evidence' });
	});
});

/**
 * A series built so that price goes to the liquidation clusters: from each evaluation time, price moves to the
 * strongest cluster within reach (the same choice the calibration makes) over half the horizon, then random-walks
 * (σ 150 USDT a bar) for the other half, so it keeps reaching new ground where new positions build up.
 */
const magnetOptions = { ...options, reach: 5 };

function magnetSeries(count: number, seed: number): Candle[] {
	const normal = normalRandom(seededRandom(seed));
	const candles = randomWalkCandles({ count: options.warmUp + 1, seed, intervalMs: FIFTEEN_MINUTES });
	// The analysis' engine fed candle by candle, its bin width fixed at the start (as calibration runs it).
	const frame = { candles, candleMs: FIFTEEN_MINUTES, openInterest: null };
	const run = new ModelRun(frame, { ...params.model, binWidth: autoBinWidth(candles[candles.length - 1].close) }, false);
	const streamingAtr = new StreamingAtr();
	let atr: number | null = null;
	for (const candle of candles) atr = streamingAtr.add(candle);
	const push = (close: number, volume: number) => {
		const open = candles[candles.length - 1].close;
		const wick = Math.abs(close - open) * 0.2 + 60; // BTC-like: 5m-15m ranges of a few hundred USDT
		const candle = { time: candles[candles.length - 1].time + FIFTEEN_MINUTES, open, close, high: Math.max(open, close) + wick * Math.abs(normal()), low: Math.min(open, close) - wick * Math.abs(normal()), volume };
		candles.push(candle);
		run.extend(frame);
		atr = streamingAtr.add(candle);
	};
	while (candles.length < count) {
		const start = candles[candles.length - 1].close;
		const inReach = run.mapAndClusters(candles[candles.length - 1].close, atr).clusters.filter((c) => c.distanceAtr !== null && Math.abs(c.distanceAtr) <= magnetOptions.reach);
		const target = inReach.sort((a, b) => b.intensity - a.intensity)[0]?.price ?? start;
		const half = options.horizon / 2;
		let level = start;
		for (let i = 1; i <= options.horizon; i++) {
			level = i <= half ? start + ((target - start) * i) / half + normal() * 150 : level + normal() * 150;
			push(level, 200 + 100 * Math.abs(normal()));
		}
	}
	return candles;
}

describe('calibration on a series where price is drawn to its clusters', () => {
	const series = magnetSeries(6_000, 4);
	const result = calibrate(series, params, magnetOptions);

	it('measures a lift clearly above 1 and says so', () => {
		expect(result.events).toBeGreaterThan(60);
		expect(result.overall.liftCi![0]).toBeGreaterThan(1);
		expect(result.verdict).toEqual({ code: 'reached-more-often', lift: result.overall.lift, liftCi: result.overall.liftCi });
	});

	it('reports both sides, four score buckets and the reaction after touches', () => {
		expect(result.sides.long.events + result.sides.short.events).toBe(result.events);
		expect(result.byScore.map((b) => [b.low, b.high])).toEqual([
			[0, 25],
			[25, 50],
			[50, 75],
			[75, 100]
		]);
		expect(result.byScore.reduce((s, b) => s + b.events, 0)).toBe(result.events);
		expect(result.reaction.touches).toBe(result.overall.hits - result.detail.filter((e) => e.hit && e.reactionAtr === null).length);
	});

	it('uses at each evaluation time the map computed from the data cut there', () => {
		const first = result.detail.slice(0, 6);
		expect(first.length).toBe(6);
		for (const event of first) {
			const t = series.findIndex((c) => c.time === event.time);
			// A fresh run over the candles up to t, with the bin width of the series' first candle (as calibrate fixes it).
			const known = series.slice(0, t + 1);
			const cut = new ModelRun({ candles: known, candleMs: FIFTEEN_MINUTES, openInterest: null }, { ...params.model, binWidth: autoBinWidth(series[0].close) }, false);
			const atr = atrSeries(known).at(-1)!;
			const above = event.side === 'short';
			const strongest = cut
				.mapAndClusters(series[t].close, atr)
				.clusters.filter((c) => c.distanceAtr !== null && Math.abs(c.distanceAtr) <= magnetOptions.reach && c.distancePct > 0 === above)
				.sort((a, b) => b.intensity - a.intensity)[0];
			const edge = above ? strongest.low : strongest.high;
			const close = series[t].close;
			expect(event.distanceAtr).toBeCloseTo(Math.max(0, (above ? edge - close : close - edge) / atr), 9);
		}
	});

	it('is causal: changing candles after an evaluation horizon never changes that evaluation', () => {
		const cut = 3_000;
		const changed = series.map((c, i) => (i > cut ? { ...c, close: c.close * 1.1, high: c.high * 1.1, low: c.low * 1.1, open: c.open * 1.1 } : c));
		const before = calibrate(series, params, { ...magnetOptions, bootstrap: 10 }).detail;
		const after = calibrate(changed, params, { ...magnetOptions, bootstrap: 10 }).detail;
		const lastSafe = series[cut].time - options.horizon * FIFTEEN_MINUTES;
		const safe = (events: typeof before) => events.filter((e) => e.time < lastSafe).map(({ baseline: _baseline, ...event }) => event);
		expect(safe(after)).toEqual(safe(before));
		expect(safe(before).length).toBeGreaterThan(20);
	});
});
