/**
 * The liquidation engine: a causal, streaming estimate of where leveraged positions would be force-closed.
 *
 * For each closed candle i, in this order:
 * 1. Voluntary closes (optional): every open position shrinks by 2^(−Δt / half-life), Δt = one candle.
 * 2. Liquidations: open long notional at or above low_i and open short notional at or below high_i is removed and
 *    recorded as an estimated liquidation (time_i, price, side, notional). Only positions opened by EARLIER candles
 *    can be hit (the order of trades inside a candle is unknown), so the map as of candle i depends on candles ≤ i.
 * 3. Open-interest closes (OI model only): if OI fell by more than the notional just liquidated, the rest of the fall
 *    is a share of the whole open interest (fall / OI_{i−1}) that closed, and every modelled position closes that same
 *    share. (The modelled positions are only the OI opened since the window began; charging the whole fall to them
 *    would wipe the map whenever OI ebbs below its level at the window's start.)
 * 4. New positions: notional N_i is opened at entry E_i and split into longs and shorts, then across leverage tiers.
 *    - N_i = max(0, OI_i − OI_{i−1}) with an open-interest series (USDT);
 *      otherwise the volume proxy N_i = volume_i (BTC) × E_i × participation.
 *    - E_i = (high + low + close) / 3 (typical price), or the close (`entryPrice: 'close'`).
 *    - Long share s = (close − low) / (high − low): a close near the high means buyers were the aggressors; a
 *      zero-range candle splits evenly (`sideSplit: 'even'` always does).
 *    - Tier k receives weight_k / Σ weights of ALL tiers; a disabled tier's share is dropped, not redistributed.
 *    - Liquidation price: the isolated-margin price in the first maintenance bracket (`liquidation-price.ts`):
 *      long = E·(1 − 1/L)/(1 − m), short = E·(1 + 1/L)/(1 + m).
 *
 * Storage: the map only needs open notional per price and side, so positions are summed into fine price CELLS of
 * width w (USDT; cell k covers [k·w, (k+1)·w)), one flat Float64Array per side (`price-cells.ts`). Opening a level is one addition; a
 * candle's liquidations zero the cells it fully crossed, walking only the crossed range; voluntary and OI closes are
 * one global multiplier. Nothing is allocated per level, so a run costs O(levels + crossed cells).
 *
 * The one approximation, the boundary cell: a cell is taken only once price has crossed ALL of it (longs: low ≤ k·w;
 * shorts: high ≥ (k+1)·w). So a level is never removed early, and removed late by at most one cell: exactly as if its
 * trigger price were moved outward to its cell's far edge, by less than w. The reference twin (the per-level engine,
 * tests/reference/per-level-engine.ts) with that trigger agrees with this engine to rounding; with each level's own
 * price, the maps differ only by levels within one cell of a later candle's extreme. Totals are exact either way:
 * opened = open + liquidated + closed (USDT).
 *
 * Cell width: 1/8 of the map's bin width (`cellWidthFor`: the user's, or the automatic one, about 0.1 % of the last
 * close), so cells are about 0.0125 % of the price and every bin of the map is a whole number of cells. The caller
 * derives it from the data (`analyze.ts`: the window's last close); by default the first candle's close. The cells
 * cover the levels' price range only, growing at either end; past `MAX_CELLS` they merge in pairs (w doubles), so
 * memory stays bounded whatever the prices and tiers: O(candles) for the per-candle series, O(MAX_CELLS) for cells.
 */
import { firstBracketRatio } from './liquidation-price.ts';
import type { ModelOptions } from '../analysis/params.ts';
import { LiquidationLog } from './liquidation-log.ts';
import { cellWidthFor, type BinGrid } from './price-bins.ts';
import { EMPTY_HIGH, EMPTY_LOW, PriceCells, type SideCells } from './price-cells.ts';
import type { Candle, EngineTotals, Liquidation, LiquidationMap, Side } from '../types.ts';

export type EngineOptions = Pick<
	ModelOptions,
	'tiers' | 'participation' | 'decayHalfLifeHours' | 'entryPrice' | 'sideSplit'
> & {
	/** Candle length in ms (for the decay per candle). */
	candleMs: number;
	/** Cell width (USDT); default `cellWidthFor(first candle's close)`. */
	cellWidth?: number;
	/** Expected number of candles, to size the per-candle series once instead of growing them (optional). */
	capacityHint?: number;
	/** Keep only the most recent N liquidation events (the per-candle series keeps every candle); default all. */
	keepLiquidations?: number;
};

/** Below this the global multiplier is folded into the stored units to stay clear of underflow. */
const RESCALE_BELOW = 1e-100;

export class LiquidationEngine {
	readonly #options: EngineOptions;
	readonly #decayFactor: number;
	// Tier plan: share of the notional, long and short ratio from entry to liquidation price.
	readonly #shares: Float64Array;
	readonly #longRatios: Float64Array;
	readonly #shortRatios: Float64Array;
	readonly #cells = new PriceCells();
	/** Actual notional = units × scale. */
	#scale = 1;
	/** 1 − the decay factor: the share of open notional closed voluntarily per candle. */
	readonly #decayFraction: number;
	// Results of the liquidation pass of the candle in progress (USDT, units).
	#liquidated = 0;
	#takenUnits = 0;
	#candleIndex = -1;
	#previousOpenInterest: number | null = null;
	readonly #log: LiquidationLog;
	// Liquidated notional per candle and side (USDT): the estimated-liquidations series.
	#candleLong: Float64Array;
	#candleShort: Float64Array;
	readonly #totals: EngineTotals = { opened: 0, open: 0, liquidated: 0, closed: 0 };

	constructor(options: EngineOptions) {
		this.#options = options;
		const hint = Math.max(16, Math.min(options.capacityHint ?? 0, 5_000_000));
		this.#candleLong = new Float64Array(hint);
		this.#candleShort = new Float64Array(hint);
		this.#log = new LiquidationLog(Math.min(hint * 4, 1 << 20), options.keepLiquidations);
		if (options.cellWidth !== undefined) this.#cells.setWidth(options.cellWidth);
		const totalWeight = options.tiers.reduce((sum, tier) => sum + tier.weight, 0);
		const plan = options.tiers.filter((tier) => tier.enabled && tier.weight > 0);
		this.#shares = Float64Array.from(plan, (tier) => tier.weight / totalWeight);
		this.#longRatios = Float64Array.from(plan, (tier) => firstBracketRatio('long', tier.leverage));
		this.#shortRatios = Float64Array.from(plan, (tier) => firstBracketRatio('short', tier.leverage));
		const halfLifeMs = (options.decayHalfLifeHours ?? 0) * 3_600_000;
		this.#decayFactor = halfLifeMs > 0 ? Math.pow(0.5, options.candleMs / halfLifeMs) : 1;
		this.#decayFraction = 1 - this.#decayFactor;
	}

	/** Current multiplier from stored units to USDT. */
	get scale(): number {
		return this.#scale;
	}

	/** Cell width (USDT), 0 before the first candle when not given. */
	get cellWidth(): number {
		return this.#cells.width;
	}

	/** Cells allocated per side (at most `MAX_CELLS`). */
	get cellCapacity(): number {
		return this.#cells.capacity;
	}

	get totals(): Readonly<EngineTotals> {
		return this.#totals;
	}

	/** Index of the last candle added (−1 before the first). */
	get candleIndex(): number {
		return this.#candleIndex;
	}

	get liquidationCount(): number {
		return this.#log.count;
	}

	/** Liquidation events `from` … end (all kept by default), oldest first: one per cell taken, at its far edge. */
	liquidations(from = 0): Liquidation[] {
		return this.#log.list(from);
	}

	/** Liquidated notional per candle (USDT), long and short, as typed arrays (views; copy before keeping). */
	liquidationSeries(): { long: Float64Array; short: Float64Array } {
		const n = this.#candleIndex + 1;
		return { long: this.#candleLong.subarray(0, n), short: this.#candleShort.subarray(0, n) };
	}

	/** Keeps open units per bin of `grid` as cells change (history mode reads them with `trackedBins`). */
	trackBins(grid: BinGrid): void {
		this.#cells.trackBins(grid);
	}

	/** Open units per tracked bin (× `scale` for USDT); each cell counts in the bin of its centre. */
	trackedBins(): { long: Float64Array; short: Float64Array } {
		return { long: this.#cells.long.bins, short: this.#cells.short.bins };
	}

	/** Processes one closed candle. `openInterest` (USDT notional at the close) switches to the OI model. */
	add(candle: Candle, openInterest: number | null = null): void {
		const index = ++this.#candleIndex;
		if (index >= this.#candleLong.length) {
			this.#candleLong = grown(this.#candleLong, index * 2);
			this.#candleShort = grown(this.#candleShort, index * 2);
		}
		if (this.#cells.width === 0) this.#cells.setWidth(cellWidthFor(candle.close));
		// Doubles are passed through fields and candles, not as arguments or results: a call that is not inlined would
		// box each one (garbage per candle).
		if (this.#decayFactor < 1) this.#closeFraction(this.#decayFraction);
		this.#liquidated = 0;
		this.#takeLongs(candle, index);
		this.#takeShorts(candle, index);
		const liquidated = this.#liquidated;
		let opened: number;
		if (openInterest !== null) {
			const previous = this.#previousOpenInterest;
			const change = previous === null ? 0 : openInterest - previous;
			this.#previousOpenInterest = openInterest;
			const voluntaryFall = -change - liquidated;
			if (voluntaryFall > 0 && previous !== null && previous > 0) this.#closeFraction(Math.min(1, voluntaryFall / previous));
			opened = Math.max(0, change);
		} else {
			opened = candle.volume * this.#entry(candle) * this.#options.participation;
		}
		if (opened > 0) this.#open(candle, opened);
	}

	#entry(candle: Candle): number {
		return this.#options.entryPrice === 'close' ? candle.close : (candle.high + candle.low + candle.close) / 3;
	}

	#closeFraction(fraction: number): void {
		this.#totals.closed += this.#totals.open * fraction;
		this.#totals.open *= 1 - fraction;
		this.#scale *= 1 - fraction;
		if (this.#scale < RESCALE_BELOW) this.#rescale();
	}

	#rescale(): void {
		this.#cells.rescale(this.#scale);
		this.#scale = 1;
	}

	/** Zeroes every long cell the low crossed whole (k·w ≥ low), from the highest occupied one down. */
	#takeLongs(candle: Candle, index: number): void {
		const side = this.#cells.long;
		const first = Math.max(side.low, Math.ceil(candle.low * this.#cells.inverse) - this.#cells.origin);
		if (first > side.high) return;
		this.#takeRange(side, first, side.high, candle, false);
		side.high = first - 1;
		this.#taken(side, this.#candleLong, index);
	}

	/** Zeroes every short cell the high crossed whole ((k+1)·w ≤ high), from the lowest occupied one up. */
	#takeShorts(candle: Candle, index: number): void {
		const side = this.#cells.short;
		const last = Math.min(side.high, Math.floor(candle.high * this.#cells.inverse) - 1 - this.#cells.origin);
		if (last < side.low) return;
		this.#takeRange(side, side.low, last, candle, true);
		side.low = last + 1;
		this.#taken(side, this.#candleShort, index);
	}

	/**
	 * Zeroes the occupied cells of slots `first` … `last` and records each as an event at its far edge; leaves the
	 * units taken in `#takenUnits`. Empty cells are skipped 32 at a time through the occupancy bits.
	 */
	#takeRange(side: SideCells, first: number, last: number, candle: Candle, isShort: boolean): void {
		const time = candle.time;
		const cells = this.#cells;
		let taken = 0;
		const firstWord = first >> 5;
		const lastWord = last >> 5;
		for (let word = firstWord; word <= lastWord; word++) {
			let bits = side.bits[word];
			if (bits === 0) continue;
			if (word === firstWord) bits &= ~((1 << (first & 31)) - 1);
			if (word === lastWord && (last & 31) !== 31) bits &= (1 << ((last & 31) + 1)) - 1;
			side.bits[word] ^= bits;
			while (bits !== 0) {
				const bit = 31 - Math.clz32(bits);
				bits ^= 1 << bit;
				const slot = (word << 5) + bit;
				const cell = side.units[slot];
				side.units[slot] = 0;
				taken += cell;
				this.#log.push(time, (slot + cells.origin + (isShort ? 1 : 0)) * cells.width, isShort, cell * this.#scale);
				if (cells.binGrid) cells.addToBin(side, slot, -cell);
			}
		}
		this.#takenUnits = taken;
	}

	#taken(side: SideCells, series: Float64Array, index: number): void {
		if (side.low > side.high) {
			side.low = EMPTY_LOW;
			side.high = EMPTY_HIGH;
		}
		const notional = this.#takenUnits * this.#scale;
		series[index] = notional;
		this.#liquidated += notional;
		this.#totals.liquidated += notional;
		this.#totals.open = Math.max(0, this.#totals.open - notional);
	}

	/**
	 * Adds each tier's long and short notional to the cell of its liquidation price: the hot path, one addition per
	 * level, written inline (a call per level would box its price and units).
	 */
	#open(candle: Candle, notional: number): void {
		const entry = this.#entry(candle);
		const range = candle.high - candle.low;
		const longShare = this.#options.sideSplit === 'even' || range <= 0 ? 0.5 : (candle.close - candle.low) / range;
		const inverseScale = 1 / this.#scale;
		const shares = this.#shares;
		const cells = this.#cells;
		const tracking = cells.binGrid !== null;
		let opened = 0;
		for (let sideIndex = 0; sideIndex < 2; sideIndex++) {
			const side = sideIndex === 0 ? cells.long : cells.short;
			const ratios = sideIndex === 0 ? this.#longRatios : this.#shortRatios;
			const sideNotional = notional * (sideIndex === 0 ? longShare : 1 - longShare);
			if (!(sideNotional > 0)) continue;
			let units = side.units;
			let bits = side.bits;
			let inverse = cells.inverse;
			let origin = cells.origin;
			let low = side.low;
			let high = side.high;
			for (let tier = 0; tier < shares.length; tier++) {
				const tierNotional = sideNotional * shares[tier];
				const price = entry * ratios[tier];
				let slot = Math.floor(price * inverse) - origin;
				if (!(slot >= 0 && slot < units.length)) {
					if (!Number.isFinite(price)) continue;
					side.low = low;
					side.high = high;
					cells.cover(Math.floor(price * inverse));
					[units, bits, inverse, origin, low, high] = [side.units, side.bits, cells.inverse, cells.origin, side.low, side.high];
					slot = Math.floor(price * inverse) - origin;
				}
				const added = tierNotional * inverseScale;
				units[slot] += added;
				bits[slot >> 5] |= 1 << (slot & 31);
				if (slot < low) low = slot;
				if (slot > high) high = slot;
				if (tracking) cells.addToBin(side, slot, added);
				opened += tierNotional;
			}
			side.low = low;
			side.high = high;
		}
		this.#totals.opened += opened;
		this.#totals.open += opened;
	}

	/** Calls `visit` for every open cell with its centre price and notional (USDT). */
	forEachOpenCell(visit: (side: Side, price: number, notional: number) => void): void {
		this.#cells.forEachCell((side, price, units) => visit(side, price, units * this.#scale));
	}

	/** The price-binned map of open cells (each in the bin of its centre); cells outside the bins are left out. */
	map(priceMin: number, binWidth: number, binCount: number): LiquidationMap {
		return this.#cells.map(priceMin, binWidth, binCount, this.#scale);
	}

	/** The range of the centres of the open cells, or null when none is open. */
	openRange(): { low: number; high: number } | null {
		return this.#cells.openRange();
	}
}

function grown(from: Float64Array, length: number): Float64Array {
	const next = new Float64Array(length);
	next.set(from);
	return next;
}
