/**
 * Checklist steps 1 and 6 from derivatives (`core/workflow/derivatives.ts`), on the real embedded candles (Bybit
 * BTCUSDT, 15m, the default 30-day lookback) with constructed open-interest, funding and print series. Every expected
 * number is worked out beside it from the constructed series and the candles themselves.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { evaluateChecklist } from '../../src/lib/core/workflow/checklist.ts';
import {
	derivativesUpTo,
	fundingReading,
	oiIntoCluster,
	openInterestTrend,
	realisedSpike
} from '../../src/lib/core/workflow/derivatives.ts';
import type { DerivativesContext, FundingPoint, OpenInterestPoint, RealisedLiquidation } from '../../src/lib/core/types.ts';
import { embeddedCandles, HOUR } from '../helpers.ts';

const analysis = analyze({ candles: embeddedCandles() }, { ...defaultAnalysisParams(), timeframe: '15m' });
const { candles } = analysis;
const n = candles.length;
const BAR = 15 * 60_000;
const last = candles[n - 1].time;

const derivatives = (change: Partial<DerivativesContext>): DerivativesContext => ({ openInterest: [], funding: [], realised: [], ...change });
const funding = (rate: number): FundingPoint[] => [{ time: last - 8 * HOUR, rate: 0.0001 }, { time: last, rate }];

describe('funding (step 1)', () => {
	it('says there is no data for a source without derivatives, and no reading for an empty series', () => {
		expect(fundingReading(null)).toEqual({ code: 'no-derivatives' });
		expect(fundingReading(derivatives({}))).toEqual({ code: 'no-readings' });
	});

	it('reports the latest rate, annualised ×3×365, and flags extremes from 0.05 % per 8 h', () => {
		// 0.01 % per 8 h: 0.0001 × 1095 = 10.95 % a year, the exchanges' baseline: not extreme
		const baseline = fundingReading(derivatives({ funding: funding(0.0001) }));
		expect(baseline).toMatchObject({ code: 'funding', time: last, rate: 0.0001, extreme: false, crowded: null });
		expect(baseline.code === 'funding' && baseline.annualisedPct.toFixed(2)).toBe('10.95');
		// 0.06 %: above 0.05 % → longs pay shorts, longs crowded; 0.0006 × 1095 = 65.70 %
		const hot = fundingReading(derivatives({ funding: funding(0.0006) }));
		expect(hot).toMatchObject({ extreme: true, crowded: 'long' });
		expect(hot.code === 'funding' && hot.annualisedPct.toFixed(2)).toBe('65.70');
		// −0.05 % exactly: at the threshold → shorts crowded; 0.049 % is not extreme
		expect(fundingReading(derivatives({ funding: funding(-0.0005) }))).toMatchObject({ extreme: true, crowded: 'short' });
		expect(fundingReading(derivatives({ funding: funding(0.00049) }))).toMatchObject({ extreme: false, crowded: null });
	});
});

describe('open-interest trend over the context window (step 1)', () => {
	/** Hourly readings over the last three days (k = 0 … 72, the last at k = 72): `before` while k < `change`, then `after`. */
	const oi = (before: number, after: number, change: number): OpenInterestPoint[] =>
		Array.from({ length: 73 }, (_, k) => ({ time: last - (72 - k) * HOUR, value: k < change ? before : after }));

	it('measures the change over 6 context bars (4h → 24 h) from the reading at the window start', () => {
		// The window starts at last − 24 h (k = 48). A change AT k = 48 is inside the reading the window starts from:
		// 8.2e9 → 8.2e9, flat.
		expect(openInterestTrend(derivatives({ openInterest: oi(8e9, 8.2e9, 48) }), '4h')).toMatchObject({ code: 'oi-trend', changePct: 0, trend: 'flat' });
		// readings changing 23 h before the last: from 8.0e9 (at −24 h) to 8.2e9 → +2.5 %: rising, over 24 h
		expect(openInterestTrend(derivatives({ openInterest: oi(8e9, 8.2e9, 49) }), '4h')).toEqual({
			code: 'oi-trend',
			from: last - 24 * HOUR,
			to: last,
			fromValue: 8e9,
			toValue: 8.2e9,
			changePct: 2.5,
			trend: 'rising',
			windowMs: 24 * HOUR
		});
	});

	it('calls ±1 % and beyond a trend, less flat; the 1h context window is 6 h', () => {
		const series = (from: number, to: number) => [
			{ time: last - 7 * HOUR, value: from },
			{ time: last - 6 * HOUR, value: from },
			{ time: last - HOUR, value: to },
			{ time: last, value: to }
		];
		// 1h context: window 6 h, from the reading at last − 6 h
		expect(openInterestTrend(derivatives({ openInterest: series(1e9, 0.99e9) }), '1h')).toMatchObject({ changePct: -1, trend: 'falling', windowMs: 6 * HOUR });
		expect(openInterestTrend(derivatives({ openInterest: series(1e9, 1.009e9) }), '1h')).toMatchObject({ trend: 'flat' });
		expect(openInterestTrend(derivatives({ openInterest: [{ time: last, value: 1e9 }] }), '1h')).toEqual({ code: 'no-readings' });
		expect(openInterestTrend(null, '1h')).toEqual({ code: 'no-derivatives' });
	});
});

describe('OI rising into the cluster (step 6)', () => {
	// The candles' own move over the last 12 bars: from the close before the window to the last close.
	const before = candles[n - 13].close;
	const priceChangePct = (100 * (candles[n - 1].close - before)) / before;
	const upward = priceChangePct > 0;
	const windowStart = candles[n - 12].time;
	const readings = (to: number) => [
		{ time: windowStart - 5 * 60_000, value: 8e9 },
		{ time: last, value: to }
	];

	it('is met when OI rose by 1 % or more while price moved toward the cluster', () => {
		// 8.0e9 → 8.1e9 = +1.25 %, with a cluster on the side price moved to
		const toward = oiIntoCluster(derivatives({ openInterest: readings(8.1e9) }), candles, upward);
		expect(toward).toMatchObject({ code: 'oi-into-cluster', met: true, bars: 12, toward: true });
		expect(toward.code === 'oi-into-cluster' && [toward.oiChangePct, toward.priceChangePct]).toEqual([1.25, priceChangePct]);
		// the same OI with the cluster on the other side: price moved away from it
		expect(oiIntoCluster(derivatives({ openInterest: readings(8.1e9) }), candles, !upward)).toMatchObject({ met: false, toward: false });
		// toward, but OI +0.5 %: not met
		expect(oiIntoCluster(derivatives({ openInterest: readings(8.04e9) }), candles, upward)).toMatchObject({ met: false, oiChangePct: 0.5 });
	});

	it('says so when there is no reading in the last 12 bars', () => {
		const stale = [{ time: windowStart - 2 * HOUR, value: 8e9 }, { time: windowStart - HOUR, value: 8.5e9 }];
		expect(oiIntoCluster(derivatives({ openInterest: stale }), candles, upward)).toEqual({ code: 'no-readings', bars: 12 });
	});
});

describe('realised liquidations spiking (step 6)', () => {
	/** One print of `notional` USDT of `side` in the middle of each of bars n−k … n−1. */
	const prints = (side: 'long' | 'short', fromEnd: number, toEnd: number, notional: number): RealisedLiquidation[] =>
		Array.from({ length: fromEnd - toEnd }, (_, k) => ({ time: candles[n - fromEnd + k].time + BAR / 2, side, price: 100_000, notional }));

	it('compares the last 3 bars with up to 48 before them, for the cluster side only', () => {
		// 48 baseline bars of 10,000 (mean 10,000), 3 recent bars of 60,000 (mean 60,000): 6× ≥ 3×
		const realised = [...prints('short', 51, 3, 10_000), ...prints('short', 3, 0, 60_000), ...prints('long', 3, 0, 5e6)];
		expect(realisedSpike(derivatives({ realised: realised.sort((a, b) => a.time - b.time) }), candles, 'short', '15m')).toEqual({
			code: 'realised-spike',
			met: true,
			side: 'short',
			recentBars: 3,
			baselineBars: 48,
			recentPerBar: 60_000,
			baselinePerBar: 10_000,
			ratio: 6
		});
		// recent mean 25,000 over a 10,000 baseline: 2.5× < 3× → not spiking
		const mild = [...prints('short', 51, 3, 10_000), ...prints('short', 3, 0, 25_000)];
		expect(realisedSpike(derivatives({ realised: mild }), candles, 'short', '15m')).toMatchObject({ met: false, ratio: 2.5 });
	});

	it('counts the baseline only from the first print seen, and wants 12 bars of it', () => {
		// first print 20 bars before the end: the baseline is bars n−20 … n−4, 17 bars (10,000 in each)
		const short = [...prints('short', 20, 3, 10_000), ...prints('short', 3, 0, 40_000)];
		expect(realisedSpike(derivatives({ realised: short }), candles, 'short', '15m')).toMatchObject({ baselineBars: 17, baselinePerBar: 10_000, ratio: 4, met: true });
		// first print 8 bars before the end: 5 baseline bars < 12
		expect(realisedSpike(derivatives({ realised: prints('short', 8, 0, 10_000) }), candles, 'short', '15m')).toEqual({
			code: 'too-little-history',
			side: 'short',
			baselineBars: 5,
			needed: 12
		});
		expect(realisedSpike(null, candles, 'short', '15m')).toEqual({ code: 'no-derivatives' });
	});
});

describe('the checklist with derivatives', () => {
	const hot: DerivativesContext = derivatives({
		funding: funding(0.0006),
		// +2.5 % over the last 24 h (8.0e9 at last − 24 h, 8.2e9 from last − 23 h on)
		openInterest: Array.from({ length: 73 }, (_, k) => ({ time: last - (72 - k) * HOUR, value: k <= 48 ? 8e9 : 8.2e9 }))
	});

	it('step 1 reads funding and the OI trend and warns on a crowded side; step 6 measures six confirmations', () => {
		const result = evaluateChecklist(analysis, null, hot);
		const [context, , , , , confirmations] = result.steps;
		expect(context).toMatchObject({ status: 'warn', funding: { extreme: true, crowded: 'long' }, openInterest: { trend: 'rising', changePct: 2.5 } });
		expect(confirmations.total).toBe(6);
		expect(confirmations.confirmations.map((c) => c.code)).toEqual([
			'volume-into-zone',
			'divergence-toward',
			'structure-toward',
			'reaction',
			'oi-into-cluster',
			'realised-spike'
		]);
		// no prints at all: too little realised history to compare, not a spike
		expect(confirmations.confirmations[5]).toMatchObject({ met: false, reading: { code: 'too-little-history', baselineBars: 0 } });
	});

	it('reads nothing after the last candle, so a replay at a past bar sees no later funding', () => {
		const later = { ...hot, funding: [...hot.funding, { time: last + BAR, rate: -0.001 }] };
		expect(derivativesUpTo(later, last + BAR)!.funding).toEqual(hot.funding);
		expect(evaluateChecklist(analysis, null, later).steps[0].funding).toMatchObject({ rate: 0.0006 });
	});
});
