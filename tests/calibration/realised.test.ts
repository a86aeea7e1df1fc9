/**
 * The realised-liquidation calibration on a seeded random walk of 15-minute candles (`randomWalkCandles`), with
 * prints placed by the test:
 * - at the centre of a cluster of the map as of the candle before (the engine the analysis uses, fed the same
 *   candles): every print is inside, so insideShare is exactly 1 and the lift 1 ÷ coveredShare, clearly above 1;
 * - uniformly at random in the candle's range (seeded): inside as often as the clusters cover the range, so the lift's
 *   interval holds 1 and the verdict says there is no evidence;
 * - candles overlapping an outage are left out, prints and baseline alike.
 */
import { describe, expect, it } from 'vitest';
import { ModelRun } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { calibrateRealised, DEFAULT_REALISED, scoreMeeting, type RealisedPrint } from '../../src/lib/core/calibration/realised.ts';
import { confluenceInput, scoreClusters } from '../../src/lib/core/confluence/confluence.ts';
import { confluenceAnalysis } from '../../src/lib/core/confluence/confluence-analysis.ts';
import { StreamingAtr } from '../../src/lib/core/confluence/indicators.ts';
import { randomWalkCandles, seededRandom } from '../../src/lib/core/market/synthetic.ts';
import { autoBinWidth } from '../../src/lib/core/model/price-bins.ts';

const FIFTEEN_MINUTES = 900_000;
const params = { ...defaultAnalysisParams(), timeframe: '15m' as const };
const options = { ...DEFAULT_REALISED, bootstrap: 300 };
const candles = randomWalkCandles({ count: 900, seed: 5, intervalMs: FIFTEEN_MINUTES });

/** One print per candle after the warm-up, where `place` puts it (null: none), given the map as of the candle before. */
function printsWhere(place: (clusters: { side: 'long' | 'short'; low: number; high: number; price: number }[], low: number, high: number, k: number) => RealisedPrint | null) {
	const frame = { candles, candleMs: FIFTEEN_MINUTES, openInterest: null };
	const run = new ModelRun(frame, { ...params.model, binWidth: autoBinWidth(candles[0].close) }, false, 1);
	const atr = new StreamingAtr();
	atr.add(candles[0]);
	const prints: RealisedPrint[] = [];
	for (let t = 1; t + 1 < candles.length; t++) {
		run.extend(frame, t + 1);
		const a = atr.add(candles[t]);
		if (t + 1 < options.warmUp) continue;
		const { clusters } = run.mapAndClusters(candles[t].close, a);
		const print = place(clusters, candles[t + 1].low, candles[t + 1].high, t + 1);
		if (print) prints.push(print);
	}
	return prints;
}

describe('realised-liquidation calibration', () => {
	it('finds every print placed in a cluster of the causal map inside: insideShare 1, lift above 1', () => {
		const prints = printsWhere((clusters, low, high, k) => {
			const hit = clusters.find((c) => c.low <= high && c.high >= low);
			if (!hit) return null;
			const price = Math.min(Math.max(hit.price, low, hit.low), high, hit.high);
			return { time: candles[k].time + 60_000, side: hit.side, price, notional: 10_000 };
		});
		expect(prints.length).toBeGreaterThan(50);
		const result = calibrateRealised([{ exchange: 'bybit', candles, prints, outages: [] }], params, options);
		expect(result.prints).toBe(prints.length);
		expect(result.notional).toBe(prints.length * 10_000);
		expect(result.insideShare).toBe(1);
		expect(result.lift).toBeCloseTo(1 / result.coveredShare!, 10);
		expect(result.liftInterval![0]).toBeGreaterThan(1);
		expect(result.verdict).toMatch(/^realised liquidations happened inside the map's clusters more than their share of the price range: lift /);
		expect(result.byExchange.bybit.prints).toBe(prints.length);
		expect(result.bySide.long.prints + result.bySide.short.prints).toBe(prints.length);
		// Every print is inside a cluster of some score bucket: the buckets' inside notional adds up to all of it.
		expect(result.byScore.reduce((s, b) => s + b.insideShare!, 0)).toBeCloseTo(1, 10);
	});

	it('finds no evidence for prints placed at random in the candle range, and is repeatable with the same seed', () => {
		const random = seededRandom(11);
		const prints = printsWhere((_clusters, low, high, k) => ({ time: candles[k].time + 1000, side: random() < 0.5 ? 'long' : 'short', price: low + random() * (high - low), notional: 5_000 }));
		const result = calibrateRealised([{ exchange: 'okx', candles, prints, outages: [] }], params, options);
		expect(result.prints).toBe(900 - options.warmUp);
		const [lo, hi] = result.liftInterval!;
		expect(lo).toBeLessThanOrEqual(1);
		expect(hi).toBeGreaterThanOrEqual(1);
		expect(result.verdict).toBe("no evidence on this data that realised liquidations happen inside the map's clusters more than their share of the price range");
		expect(calibrateRealised([{ exchange: 'okx', candles, prints, outages: [] }], params, options).liftInterval).toEqual(result.liftInterval);
	});

	it('leaves out candles overlapping an outage, and says when there are too few prints', () => {
		const prints = printsWhere((_c, low, high, k) => ({ time: candles[k].time + 1000, side: 'long', price: (low + high) / 2, notional: 1 }));
		// Candles 400–409 (open times) overlap [open of 400 + 1 ms, open of 409 + 1 ms]: 10 candles.
		const outage = { from: candles[400].time + 1, to: candles[409].time + 1 };
		const result = calibrateRealised([{ exchange: 'bybit', candles, prints, outages: [outage] }], params, options);
		expect(result.outages).toEqual({ count: 1, excludedCandles: 10 });
		expect(result.prints).toBe(prints.length - 10);
		expect(result.skippedPrints).toBe(10);
		const few = calibrateRealised([{ exchange: 'bybit', candles, prints: prints.slice(0, 5), outages: [] }], params, options);
		expect(few.verdict).toBe("too few recorded prints (5 in 5 candles) to say whether liquidations happen inside the map's clusters");
	});
});

describe('scoring only the clusters a candle meets', () => {
	it('gives each of them the score the whole map gives it, at every candle after the warm-up', () => {
		const frame = { candles, candleMs: FIFTEEN_MINUTES, openInterest: null };
		const run = new ModelRun(frame, { ...params.model, binWidth: autoBinWidth(candles[0].close) }, false, 1);
		const atrs = new StreamingAtr();
		atrs.add(candles[0]);
		let compared = 0;
		for (let t = 1; t + 1 < candles.length; t++) {
			run.extend(frame, t + 1);
			const atr = atrs.add(candles[t]);
			if (t + 1 < options.warmUp) continue;
			const { clusters } = run.mapAndClusters(candles[t].close, atr);
			const known = candles.slice(Math.max(0, t + 1 - 500), t + 1);
			const input = confluenceInput(known, { ...confluenceAnalysis(known, params), atr }, params.weights);
			const { low, high } = candles[t + 1];
			const whole = scoreClusters(clusters, input).filter((c) => c.high >= low && c.low <= high);
			expect(scoreMeeting(clusters, low, high, atr, (subset) => scoreClusters(subset, input))).toEqual(whole);
			compared += whole.length;
		}
		// The comparison is not vacuous: clusters met the next candle's range.
		expect(compared).toBeGreaterThan(20);
	});
});
