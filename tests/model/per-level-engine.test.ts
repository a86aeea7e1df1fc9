import { describe, expect, it } from 'vitest';
import { PerLevelEngine as LiquidationEngine, type EngineOptions } from '../reference/per-level-engine.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { candle, embeddedCandles, HOUR } from '../helpers.ts';

const TEN_X_ONLY: EngineOptions = {
	...DEFAULT_MODEL,
	tiers: [{ leverage: 10, weight: 100, enabled: true }],
	participation: 1,
	decayHalfLifeHours: null,
	candleMs: HOUR,
	trackLevels: true
};

function openLevels(engine: LiquidationEngine) {
	const levels: { side: string; price: number; notional: number; startIndex: number }[] = [];
	engine.forEachOpenLevel((side, price, notional, startIndex) => levels.push({ side, price, notional, startIndex }));
	return levels.sort((a, b) => a.price - b.price);
}

describe('LiquidationEngine on a hand-made case', () => {
	// One 10x tier, participation 1. Candle 0: H 101, L 99, C 100.5, volume 1 BTC.
	// Entry = typical = (101 + 99 + 100.5)/3 = 100.1667; notional = 1 × 100.1667 = 100.1667 USDT.
	// Long share = (100.5 − 99)/(101 − 99) = 0.75 → long 75.125, short 25.0417.
	// Long level = 100.1667·0.9/0.996 = 90.5120; short level = 100.1667·1.1/1.004 = 109.7444.
	const first = candle(0, 100, 101, 99, 100.5);

	it('opens one long and one short level at the bracket liquidation prices, split by the close location', () => {
		const engine = new LiquidationEngine(TEN_X_ONLY);
		engine.add(first);
		const [long, short] = openLevels(engine);
		expect(long).toMatchObject({ side: 'long', startIndex: 0 });
		expect(long.price.toFixed(4)).toBe('90.5120');
		expect(long.notional.toFixed(4)).toBe('75.1250');
		expect(short.price.toFixed(4)).toBe('109.7444');
		expect(short.notional.toFixed(4)).toBe('25.0417');
	});

	it('splits a zero-range candle evenly', () => {
		const engine = new LiquidationEngine(TEN_X_ONLY);
		engine.add(candle(0, 100, 100, 100, 100, 2));
		expect(openLevels(engine).map((l) => l.notional)).toEqual([100, 100]);
	});

	it('removes a level once a LATER candle trades through it and records the liquidation', () => {
		const engine = new LiquidationEngine(TEN_X_ONLY);
		engine.add(first);
		engine.add(candle(1, 100, 100, 90.6, 95, 0)); // low 90.6 stays above the long level 90.512
		expect(openLevels(engine)).toHaveLength(2);
		engine.add(candle(2, 95, 96, 90.5, 91, 0)); // low 90.5 ≤ 90.512 → long liquidated
		expect(openLevels(engine).map((l) => l.side)).toEqual(['short']);
		expect(engine.liquidations()).toHaveLength(1);
		const [event] = engine.liquidations();
		expect(event).toMatchObject({ side: 'long', time: candle(2, 0, 0, 0, 0).time });
		expect(event.price.toFixed(4)).toBe('90.5120');
		expect(event.notional.toFixed(4)).toBe('75.1250');
	});

	it('does not let a candle liquidate the levels it opened itself (intra-candle order is unknown)', () => {
		const engine = new LiquidationEngine({ ...TEN_X_ONLY, tiers: [{ leverage: 100, weight: 100, enabled: true }] });
		engine.add(candle(0, 100, 110, 90, 100)); // its own 100x levels (≈99.4 and ≈100.6) lie inside its range
		expect(openLevels(engine)).toHaveLength(2);
		engine.add(candle(1, 100, 100.1, 99.9, 100, 0)); // a later candle inside both levels removes nothing
		expect(openLevels(engine)).toHaveLength(2);
		engine.add(candle(2, 100, 101, 99, 100, 0)); // a later candle through both removes both
		expect(engine.liquidations().map((l) => l.side).sort()).toEqual(['long', 'short']);
	});

	it('drops a disabled tier instead of redistributing its weight', () => {
		const engine = new LiquidationEngine({
			...TEN_X_ONLY,
			tiers: [
				{ leverage: 10, weight: 50, enabled: true },
				{ leverage: 100, weight: 50, enabled: false }
			]
		});
		engine.add(candle(0, 100, 100, 100, 100, 2)); // notional 200, half to the disabled tier
		expect(engine.totals.opened).toBe(100);
	});

	it('opens the rise of open interest and closes a fall in proportion (OI model)', () => {
		const engine = new LiquidationEngine(TEN_X_ONLY);
		engine.add(candle(0, 100, 100, 100, 100, 999), 1_000); // first sample: no change known, nothing opens
		expect(engine.totals.opened).toBe(0);
		engine.add(candle(1, 100, 100, 100, 100, 999), 1_400); // +400 USDT opens, split evenly (zero range)
		expect(engine.totals.opened).toBe(400);
		// −100 with no liquidation: 100/1400 of all open interest closed, so each modelled level loses that share:
		// 400 × 100/1400 = 28.571429 closes, 200 × 1300/1400 = 185.714286 stays on each side.
		engine.add(candle(2, 100, 100, 100, 100, 999), 1_300);
		expect(engine.totals.closed).toBeCloseTo(28.571429, 6);
		expect(openLevels(engine).map((l) => l.notional.toFixed(6))).toEqual(['185.714286', '185.714286']);
		// A fall larger than everything the model opened (OI ebbing below its level at the start) does not empty the map.
		engine.add(candle(3, 100, 100, 100, 100, 999), 900);
		expect(engine.totals.open).toBeCloseTo(371.428571 * (900 / 1300), 6);
	});

	it('lets positions decay with the half-life (voluntary closes)', () => {
		const engine = new LiquidationEngine({ ...TEN_X_ONLY, decayHalfLifeHours: 2 });
		engine.add(candle(0, 100, 100, 100, 100, 1)); // 100 USDT opened
		engine.add(candle(1, 100, 100, 100, 100, 0)); // one hour: × 2^(−1/2)
		engine.add(candle(2, 100, 100, 100, 100, 0)); // two hours: × 1/2
		expect(engine.totals.open).toBeCloseTo(50, 9);
		expect(engine.totals.closed).toBeCloseTo(50, 9);
	});
});

describe('LiquidationEngine invariants on the real 1h BTC candles (90 days)', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const options: EngineOptions = { ...DEFAULT_MODEL, candleMs: HOUR, trackLevels: true };
	const engine = new LiquidationEngine(options);
	for (const c of candles) engine.add(c);

	it('keeps opened = still open + liquidated + closed', () => {
		const { opened, open, liquidated, closed } = engine.totals;
		expect(closed).toBeGreaterThan(0);
		expect(liquidated).toBeGreaterThan(0);
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
		const summed = openLevels(engine).reduce((sum, level) => sum + level.notional, 0);
		expect(summed / open).toBeCloseTo(1, 9);
	});

	it('keeps long levels below their entry and short levels above it', () => {
		for (const level of openLevels(engine)) {
			const c = candles[level.startIndex];
			const entry = (c.high + c.low + c.close) / 3; // typical price, the default entry rule
			if (level.side === 'long') expect(level.price).toBeLessThan(entry);
			else expect(level.price).toBeGreaterThan(entry);
		}
	});

	it('has no open level that a later candle traded through, and removed every level at the first such candle', () => {
		const suffixLow = new Float64Array(candles.length + 1).fill(Infinity);
		const suffixHigh = new Float64Array(candles.length + 1).fill(-Infinity);
		for (let i = candles.length - 1; i >= 0; i--) {
			suffixLow[i] = Math.min(suffixLow[i + 1], candles[i].low);
			suffixHigh[i] = Math.max(suffixHigh[i + 1], candles[i].high);
		}
		for (const level of openLevels(engine)) {
			if (level.side === 'long') expect(level.price).toBeLessThan(suffixLow[level.startIndex + 1]);
			else expect(level.price).toBeGreaterThan(suffixHigh[level.startIndex + 1]);
		}
		// Each liquidated level: no candle between its opening and its removal crossed it.
		const levels = engine.levels().filter((l) => l.endIndex >= 0);
		expect(levels.length).toBeGreaterThan(1000);
		for (const level of levels.slice(0, 2000)) {
			const hit = candles[level.endIndex];
			expect(level.endIndex).toBeGreaterThan(level.startIndex);
			expect(hit.low <= level.price || hit.high >= level.price).toBe(true);
			for (let i = level.startIndex + 1; i < level.endIndex; i++)
				expect(candles[i].low > level.price || candles[i].high < level.price).toBe(true);
		}
	});

	it('keeps only the most recent liquidation events when asked, oldest first, and still counts them all', () => {
		const ring = new LiquidationEngine({ ...options, keepLiquidations: 50 });
		for (const c of candles) ring.add(c);
		const all = engine.liquidations();
		expect(ring.liquidationCount).toBe(all.length);
		expect(ring.liquidations()).toEqual(all.slice(-50));
		expect(ring.liquidations(all.length - 10)).toEqual(all.slice(-10));
		expect(ring.totals).toEqual(engine.totals);
	});

	it('is causal: the map as of candle i ignores every later candle', () => {
		const cut = 1_000;
		const run = (series: Candle[]) => {
			const e = new LiquidationEngine(options);
			for (const c of series.slice(0, cut + 1)) e.add(c);
			return e.map(60_000, 100, 800);
		};
		const crashed = candles.map((c, i) => (i > cut ? { ...c, low: c.low * 0.5 } : c));
		expect(run(crashed)).toEqual(run(candles));
	});
});
