import { describe, expect, it } from 'vitest';
import { LiquidationEngine, type EngineOptions } from '../../src/lib/core/model/liquidation-engine.ts';
import { MAX_CELLS } from '../../src/lib/core/model/price-cells.ts';
import { DEFAULT_MODEL } from '../../src/lib/core/analysis/params.ts';
import { resampleToTimeframe } from '../../src/lib/core/market/resample.ts';
import type { Candle } from '../../src/lib/core/types.ts';
import { candle, embeddedCandles, HOUR } from '../helpers.ts';
import { PerLevelEngine } from '../reference/per-level-engine.ts';

/** One 10x tier, participation 1, cells of 1e-6 USDT (so a cell centre is the level's price to 6 decimals). */
const TEN_X_ONLY: EngineOptions = {
	...DEFAULT_MODEL,
	tiers: [{ leverage: 10, weight: 100, enabled: true }],
	participation: 1,
	decayHalfLifeHours: null,
	candleMs: HOUR,
	cellWidth: 1e-6
};

type Open = { side: string; price: number; notional: number }[];

function openCells(engine: LiquidationEngine): Open {
	const cells: Open = [];
	engine.forEachOpenCell((side, price, notional) => cells.push({ side, price, notional }));
	return cells.sort((a, b) => a.price - b.price);
}

/** What the hand-made cases need of an engine: the cell engine and its per-level reference twin both have it. */
interface EngineUnderTest {
	add(candle: Candle, openInterest?: number | null): void;
	readonly totals: LiquidationEngine['totals'];
	liquidations(): ReturnType<LiquidationEngine['liquidations']>;
	liquidationSeries(): ReturnType<LiquidationEngine['liquidationSeries']>;
}

const engines: [string, (options: EngineOptions) => EngineUnderTest, (engine: EngineUnderTest) => Open][] = [
	['LiquidationEngine (cells)', (options) => new LiquidationEngine(options), (engine) => openCells(engine as LiquidationEngine)],
	[
		'PerLevelEngine (reference twin)',
		(options) => new PerLevelEngine(options),
		(engine) => {
			const levels: Open = [];
			(engine as PerLevelEngine).forEachOpenLevel((side, price, notional) => levels.push({ side, price, notional }));
			return levels.sort((a, b) => a.price - b.price);
		}
	]
];

describe.each(engines)('%s on a hand-made case', (_name, make, open) => {
	// Candle 0: H 101, L 99, C 100.5, volume 1 BTC. Entry = typical = (101 + 99 + 100.5)/3 = 100.1667; notional =
	// 100.1667 USDT; long share = (100.5 − 99)/(101 − 99) = 0.75 → long 75.125, short 25.0417.
	// Long level = 100.1667·0.9/0.996 = 90.5120; short level = 100.1667·1.1/1.004 = 109.7444 (liquidation-price.ts).
	const first = candle(0, 100, 101, 99, 100.5);

	it('puts one long and one short at the bracket liquidation prices, split by the close location', () => {
		const engine = make(TEN_X_ONLY);
		engine.add(first);
		const [long, short] = open(engine);
		expect(long.side).toBe('long');
		expect(long.price.toFixed(4)).toBe('90.5120');
		expect(long.notional.toFixed(4)).toBe('75.1250');
		expect(short.price.toFixed(4)).toBe('109.7444');
		expect(short.notional.toFixed(4)).toBe('25.0417');
	});

	it('splits a zero-range candle evenly', () => {
		const engine = make(TEN_X_ONLY);
		engine.add(candle(0, 100, 100, 100, 100, 2));
		expect(open(engine).map((l) => l.notional)).toEqual([100, 100]);
	});

	it('removes a cell once a LATER candle trades through it and records the liquidation', () => {
		const engine = make(TEN_X_ONLY);
		engine.add(first);
		engine.add(candle(1, 100, 100, 90.6, 95, 0)); // low 90.6 stays above the long level 90.512
		expect(open(engine)).toHaveLength(2);
		engine.add(candle(2, 95, 96, 90.5, 91, 0)); // low 90.5 ≤ 90.512 → long liquidated
		expect(open(engine).map((l) => l.side)).toEqual(['short']);
		const events = engine.liquidations();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ side: 'long', time: candle(2, 0, 0, 0, 0).time });
		expect(events[0].price.toFixed(4)).toBe('90.5120');
		expect(events[0].notional.toFixed(4)).toBe('75.1250');
		expect(engine.liquidationSeries().long[2].toFixed(4)).toBe('75.1250');
	});


	it('does not let a candle liquidate the levels it opened itself (intra-candle order is unknown)', () => {
		const engine = make({ ...TEN_X_ONLY, tiers: [{ leverage: 100, weight: 100, enabled: true }] });
		engine.add(candle(0, 100, 110, 90, 100)); // its own 100x levels (≈99.4 and ≈100.6) lie inside its range
		expect(open(engine)).toHaveLength(2);
		engine.add(candle(1, 100, 100.1, 99.9, 100, 0)); // a later candle inside both levels removes nothing
		expect(open(engine)).toHaveLength(2);
		engine.add(candle(2, 100, 101, 99, 100, 0)); // a later candle through both removes both
		expect(engine.liquidations().map((l) => l.side).sort()).toEqual(['long', 'short']);
	});

	it('drops a disabled tier instead of redistributing its weight', () => {
		const engine = make({
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
		const engine = make(TEN_X_ONLY);
		engine.add(candle(0, 100, 100, 100, 100, 999), 1_000); // first sample: no change known, nothing opens
		expect(engine.totals.opened).toBe(0);
		engine.add(candle(1, 100, 100, 100, 100, 999), 1_400); // +400 USDT opens, split evenly (zero range)
		expect(engine.totals.opened).toBe(400);
		// −100 with no liquidation: 100/1400 of all open interest closed, so each modelled position loses that share:
		// 400 × 100/1400 = 28.571429 closes, 200 × 1300/1400 = 185.714286 stays on each side.
		engine.add(candle(2, 100, 100, 100, 100, 999), 1_300);
		expect(engine.totals.closed).toBeCloseTo(28.571429, 6);
		expect(open(engine).map((l) => l.notional.toFixed(6))).toEqual(['185.714286', '185.714286']);
		// A fall larger than everything the model opened (OI ebbing below its level at the start) does not empty the map.
		engine.add(candle(3, 100, 100, 100, 100, 999), 900);
		expect(engine.totals.open).toBeCloseTo(371.428571 * (900 / 1300), 6);
	});

	it('lets positions decay with the half-life (voluntary closes)', () => {
		const engine = make({ ...TEN_X_ONLY, decayHalfLifeHours: 2 });
		engine.add(candle(0, 100, 100, 100, 100, 1)); // 100 USDT opened
		engine.add(candle(1, 100, 100, 100, 100, 0)); // one hour: × 2^(−1/2)
		engine.add(candle(2, 100, 100, 100, 100, 0)); // two hours: × 1/2
		expect(engine.totals.open).toBeCloseTo(50, 9);
		expect(engine.totals.closed).toBeCloseTo(50, 9);
	});
});

describe('LiquidationEngine (cells): the boundary cell', () => {
	const first = candle(0, 100, 101, 99, 100.5); // levels at 90.512 (long) and 109.744 (short), as above
	it('takes the boundary cell only once it is crossed whole: late by less than one cell, never early', () => {
		// Cells of 1 USDT: the long level 90.512 sits in [90, 91), the short 109.744 in [109, 110).
		const engine = new LiquidationEngine({ ...TEN_X_ONLY, cellWidth: 1 });
		engine.add(first);
		engine.add(candle(1, 100, 109.9, 90.3, 100, 0)); // through both levels, not through their whole cells
		expect(openCells(engine)).toHaveLength(2);
		engine.add(candle(2, 100, 110, 90, 100, 0)); // low 90 and high 110: both cells crossed whole
		expect(engine.liquidations().map((e) => [e.side, e.price])).toEqual([
			['long', 90],
			['short', 110]
		]);
	});
});

describe('LiquidationEngine (cells): bounded whatever the tiers and prices', () => {
	const hours = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const invariant = (engine: LiquidationEngine) => {
		const { opened, open, liquidated, closed } = engine.totals;
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
	};

	it('runs leverage 1 (a long liquidates at price 0, a short at about twice the entry)', () => {
		const engine = new LiquidationEngine({ ...DEFAULT_MODEL, candleMs: HOUR, tiers: [{ leverage: 1, weight: 100, enabled: true }] });
		for (const c of hours) engine.add(c);
		invariant(engine);
		const range = engine.openRange()!;
		// Long: E·(1 − 1/1)/(1 − 0.004) = 0, in the first cell; short: E·2/1.004, about 2 × 75,000–112,000 (the data's range).
		expect(range.low).toBe(engine.cellWidth / 2);
		expect(range.high).toBeGreaterThan(140_000);
		expect(engine.cellCapacity).toBeLessThanOrEqual(MAX_CELLS);
	});

	it('runs 1,231 tiers from 1.00001x to 100x with cells bounded by MAX_CELLS', () => {
		const tiers = Array.from({ length: 1231 }, (_, k) => ({ leverage: 1.00001 + (k * (100 - 1.00001)) / 1230, weight: 1, enabled: true }));
		const engine = new LiquidationEngine({ ...DEFAULT_MODEL, candleMs: HOUR, tiers });
		for (const c of hours.slice(0, 500)) engine.add(c);
		invariant(engine);
		expect(engine.cellCapacity).toBeLessThanOrEqual(MAX_CELLS);
		expect(engine.totals.opened).toBeGreaterThan(0);
	});

	it('merges cells in pairs when the prices would need more than MAX_CELLS, keeping every total', () => {
		// Cells of 1e-4 USDT over levels from 0 (leverage 1) to ≈ 220,000: 2.2e9 cells unmerged.
		const tiers = [1, 10, 100].map((leverage) => ({ leverage, weight: 1, enabled: true }));
		const engine = new LiquidationEngine({ ...DEFAULT_MODEL, candleMs: HOUR, tiers, cellWidth: 1e-4 });
		for (const c of hours) engine.add(c);
		invariant(engine);
		expect(engine.cellCapacity).toBeLessThanOrEqual(MAX_CELLS);
		// Merging doubles the width: 1e-4 × 2^k, wide enough that the open levels (0 to ≈ 2 × the highest entry) fit.
		const doublings = Math.log2(engine.cellWidth / 1e-4);
		expect(doublings).toBe(Math.round(doublings));
		expect(doublings).toBeGreaterThanOrEqual(12); // 2.2e9 cells of 1e-4 → at most 2^19 (MAX_CELLS / 2): 2^12 at least
		const range = engine.openRange()!;
		expect((range.high - range.low) / engine.cellWidth).toBeLessThan(MAX_CELLS);
		let summed = 0;
		engine.forEachOpenCell((_side, _price, notional) => (summed += notional));
		expect(summed / engine.totals.open).toBeCloseTo(1, 9);
	});
});

describe('LiquidationEngine (cells) invariants on the real 1h BTC candles (90 days)', () => {
	const candles = resampleToTimeframe(embeddedCandles(), '1h', 300_000);
	const options: EngineOptions = { ...DEFAULT_MODEL, candleMs: HOUR };
	const engine = new LiquidationEngine(options);
	for (const c of candles) engine.add(c);

	it('keeps opened = still open + liquidated + closed, and the open cells sum to the open notional', () => {
		const { opened, open, liquidated, closed } = engine.totals;
		expect(closed).toBeGreaterThan(0);
		expect(liquidated).toBeGreaterThan(0);
		expect((open + liquidated + closed) / opened).toBeCloseTo(1, 9);
		const summed = openCells(engine).reduce((sum, cell) => sum + cell.notional, 0);
		expect(summed / open).toBeCloseTo(1, 9);
		const series = engine.liquidationSeries();
		const perCandle = series.long.reduce((a, b) => a + b, 0) + series.short.reduce((a, b) => a + b, 0);
		expect(perCandle / liquidated).toBeCloseTo(1, 9);
	});

	it('has no open cell that a later candle crossed whole', () => {
		// After the last candle, an open long cell [a, a + w) still open was either opened by it or lies below its low.
		const last = candles[candles.length - 1];
		const w = engine.cellWidth;
		const lastLevels = options.tiers.flatMap((tier) => {
			const entry = (last.high + last.low + last.close) / 3;
			return [entry * (1 - 1 / tier.leverage) / 0.996, (entry * (1 + 1 / tier.leverage)) / 1.004];
		});
		const openedByLast = (price: number) => lastLevels.some((level) => Math.abs(level - price) <= w / 2);
		for (const cell of openCells(engine)) {
			if (openedByLast(cell.price)) continue;
			if (cell.side === 'long') expect(cell.price - w / 2).toBeLessThan(last.low);
			else expect(cell.price + w / 2).toBeGreaterThan(last.high);
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
