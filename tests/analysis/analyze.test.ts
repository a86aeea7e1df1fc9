import { describe, expect, it } from 'vitest';
import { analyze, AnalysisError } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams, type AnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { candle, embeddedCandles } from '../helpers.ts';

const base = embeddedCandles();
const params = (change: Partial<AnalysisParams> = {}): AnalysisParams => ({ ...defaultAnalysisParams(), ...change });

describe('analyze() on the embedded Bybit sample', () => {
	const result = analyze({ candles: base }, params({ timeframe: '1h', lookbackDays: 30, history: true }));

	it('analyses the last 30 days of complete hourly candles (720), ending 2025-07-02 16:00 UTC', () => {
		expect(result.candles).toHaveLength(720);
		expect(result.lastTime).toBe(Date.UTC(2025, 6, 2, 16));
		expect(result.lastClose).toBe(result.candles[719].close);
		expect(result.gaps).toEqual([]);
		expect(result.modelKind).toBe('volume-proxy');
	});

	it('returns clusters with longs below the last close and shorts above, strongest first', () => {
		expect(result.clusters.length).toBeGreaterThan(4);
		expect(result.clusters[0].intensity).toBe(1);
		for (let i = 1; i < result.clusters.length; i++)
			expect(result.clusters[i].intensity).toBeLessThanOrEqual(result.clusters[i - 1].intensity);
		for (const c of result.clusters) {
			expect(c.side === 'long' ? c.high <= result.lastClose : c.low >= result.lastClose).toBe(true);
			expect(c.distanceAtr! / c.distancePct).toBeCloseTo((result.lastClose / 100) / result.atr!, 6);
		}
	});

	it('bins every open level: the map sums to the open notional', () => {
		const sum = [...result.map.long, ...result.map.short].reduce((s, v) => s + v, 0);
		expect(sum / result.totals.open).toBeCloseTo(1, 9);
		expect(result.map.binWidth).toBe(100); // auto width: 0.1 % of ~107,000 → nearest of 1/2/5 × 10^k is 100
	});

	it('ends the history grid with the same open notional as the map, within its price window', () => {
		const grid = result.history!;
		expect(grid.columnTimes).toHaveLength(720);
		const last = (grid.columnTimes.length - 1) * grid.binCount;
		let gridSum = 0;
		for (let b = 0; b < grid.binCount; b++) gridSum += grid.long[last + b] + grid.short[last + b];
		let mapSum = 0;
		const top = grid.priceMin + grid.binCount * grid.binWidth;
		for (let b = 0; b < result.map.long.length; b++) {
			const price = result.map.priceMin + (b + 0.5) * result.map.binWidth;
			if (price >= grid.priceMin && price < top) mapSum += result.map.long[b] + result.map.short[b];
		}
		expect(gridSum / mapSum).toBeCloseTo(1, 2);
	});

	it('records every estimated liquidation inside the window, oldest first', () => {
		expect(result.liquidations.length).toBeGreaterThan(100);
		const total = result.liquidations.reduce((s, l) => s + l.notional, 0);
		expect(total / result.totals.liquidated).toBeCloseTo(1, 9);
		for (let i = 1; i < result.liquidations.length; i++)
			expect(result.liquidations[i].time).toBeGreaterThanOrEqual(result.liquidations[i - 1].time);
	});

	it('changes the map when a leverage tier is switched off', () => {
		const tiers = defaultAnalysisParams().model.tiers.map((t) => (t.leverage === 100 ? { ...t, enabled: false } : t));
		const without100x = analyze({ candles: base }, params({ timeframe: '1h', model: { ...defaultAnalysisParams().model, tiers } }));
		expect(without100x.totals.opened / result.totals.opened).toBeCloseTo(0.85, 6); // 100x had 15 % of the weight
	});
});

describe('analyze() input checks and the open-interest path', () => {
	it('refuses a timeframe shorter than the data', () => {
		const hourly = [candle(0, 1, 2, 0.5, 1.5), candle(1, 1.5, 2, 1, 1.2)];
		expect(() => analyze({ candles: hourly }, params({ timeframe: '15m' }))).toThrow(AnalysisError);
		expect(() => analyze({ candles: [] }, params())).toThrow('no candles to analyse');
	});

	it('switches to the open-interest model where an OI series covers the candles', () => {
		const hourly = Array.from({ length: 48 }, (_, i) => candle(i, 100, 101, 99, 100, 10));
		const oi = hourly.slice(24).map((c, i) => ({ time: c.time + 3_600_000, notional: 1_000_000 + i * 10_000 }));
		const result = analyze({ candles: hourly, openInterest: oi }, params({ timeframe: '1h' }));
		expect(result.modelKind).toBe('open-interest');
		expect(result.openInterestCandles).toBe(24);
	});
});

describe('analyze() with extreme leverage tiers (issue 13: bounded work)', () => {
	const fiveMinutes = (tiers: AnalysisParams['model']['tiers'], history = false) =>
		analyze({ candles: base }, params({ timeframe: '5m', lookbackDays: 90, history, model: { ...defaultAnalysisParams().model, tiers } }));

	it('maps leverage 1: longs liquidate at price 0, shorts at about twice the entry', () => {
		// Long: E·(1 − 1/1)/(1 − 0.4 %) = 0; short: E·2/1.004, E within the sample's 74,500–112,000 (liquidation-price.ts).
		const result = fiveMinutes([{ leverage: 1, weight: 100, enabled: true }], true);
		expect(result.map.priceMin).toBe(0);
		const lastShortBin = result.map.short.findLastIndex((v) => v > 0);
		expect(result.map.priceMin + lastShortBin * result.map.binWidth).toBeGreaterThan(2 * 74_000);
		// The history grid spans the candles' range ±10 %: no 1x level falls in it, so it is empty, not an error.
		expect(result.history!.maxCell).toBe(0);
		const { opened, open, liquidated, closed } = result.totals;
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
	});

	it('runs 1,231 tiers from 1.00001x to 100x on 25,920 candles, history included', () => {
		const tiers = Array.from({ length: 1231 }, (_, k) => ({ leverage: 1.00001 + (k * (100 - 1.00001)) / 1230, weight: 1, enabled: true }));
		const result = fiveMinutes(tiers, true);
		expect(result.candles).toHaveLength(25_920);
		expect(result.clusters.length).toBeGreaterThan(0);
		const { opened, open, liquidated, closed } = result.totals;
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
	});
});
