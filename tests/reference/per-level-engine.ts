/**
 * REFERENCE TWIN of `src/lib/core/model/liquidation-engine.ts`: the per-level engine the app ran until the cell engine
 * replaced it (kept for tests only). Every level is its own record, so each one is removed exactly when a later candle
 * trades through its own price. With `triggerCellWidth` set, each level's trigger price (not its displayed price) moves
 * to the far edge of its cell, as the cell engine does: long at floor(p/w)·w, short at (floor(p/w) + 1)·w; the two
 * engines must then agree exactly (tests/model/engine-reference.test.ts).
 *
 * The liquidation engine: a causal, streaming estimate of where leveraged positions would be force-closed.
 *
 * For each closed candle i, in this order:
 * 1. Voluntary closes (optional): every open position shrinks by 2^(−Δt / half-life), Δt = one candle.
 * 2. Liquidations: every open long level with price ≥ low_i and every short level with price ≤ high_i is removed and
 *    recorded as an estimated liquidation (time_i, level price, side, notional still open). Only levels opened by
 *    EARLIER candles can be hit (the order of trades inside a candle is unknown), so the map as of candle i depends on
 *    candles ≤ i only.
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
 *    - Level price: the isolated-margin liquidation price in the first maintenance bracket (`liquidation-price.ts`):
 *      long = E·(1 − 1/L)/(1 − m), short = E·(1 + 1/L)/(1 + m).
 *
 * Cost: each level is added once (O(1)) to a price-ordered bucket queue per side and removed at most once by walking
 * only the price range a candle crossed (`price-buckets.ts`); proportional closes are one global multiplier. A run
 * is O(levels + crossed buckets), not O(levels × candles).
 * Invariant: opened = open + liquidated + closed (USDT).
 */
import { firstBracketRatio } from '../../src/lib/core/model/liquidation-price.ts';
import type { EngineOptions as CellEngineOptions } from '../../src/lib/core/model/liquidation-engine.ts';
import { PriceBuckets } from './price-buckets.ts';
import type { Candle, EngineTotals, Liquidation, LiquidationMap, Side } from '../../src/lib/core/types.ts';

export type EngineOptions = Omit<CellEngineOptions, 'cellWidth'> & {
	/** Cell width (USDT) whose far edge becomes each level's trigger price; unset: the level's own price. */
	triggerCellWidth?: number;
	/** Record each level's opening and liquidating candle (`levels()`, audits and tests); off by default to save memory. */
	trackLevels?: boolean;
};

/** Below this the global multiplier is folded into the stored units to stay clear of underflow. */
const RESCALE_BELOW = 1e-100;

class GrowableArray<T extends Float64Array | Int32Array | Uint8Array> {
	constructor(
		public data: T,
		private readonly make: (length: number) => T
	) {}
	ensure(length: number): void {
		if (length <= this.data.length) return;
		const next = this.make(Math.max(length, this.data.length * 2));
		next.set(this.data);
		this.data = next;
	}
}

/** Per-tier multipliers from entry price to liquidation price, precomputed once. */
interface TierPlan {
	share: number;
	longRatio: number;
	shortRatio: number;
}

/** Listener told about level changes, used to build the time-evolving grid without a second pass. */
export interface LevelListener {
	opened(side: Side, price: number, units: number): void;
	removed(side: Side, price: number, units: number): void;
	/** All stored units were multiplied by `factor` (rescaling). */
	rescaled(factor: number): void;
}

export class PerLevelEngine {
	readonly #plan: TierPlan[];
	readonly #options: EngineOptions;
	readonly #decayFactor: number;
	/** Open levels per side, ordered by price; created at the first level (bucket width from its price). */
	#longs: PriceBuckets | null = null;
	#shorts: PriceBuckets | null = null;
	// State of the liquidation pass in progress, read by `#liquidated` (one closure for the whole run).
	#passTime = 0;
	#passIndex = 0;
	#passSide: Side = 'long';
	#passTotal = 0;
	readonly #liquidated = (id: number): void => {
		const price = this.#price.data[id];
		const units = this.#units.data[id];
		const notional = units * this.#scale;
		if (this.#trackLevels) this.#end.data[id] = this.#passIndex;
		this.#recordLiquidation(this.#passTime, price, this.#passSide, notional);
		for (let k = 0; k < this.listeners.length; k++) this.listeners[k].removed(this.#passSide, price, units);
		this.#passTotal += notional;
	};
	readonly #price = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #units = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #start = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
	readonly #end = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
	/** Linked lists of the price buckets (see `price-buckets.ts`). */
	readonly #next = new GrowableArray(new Int32Array(1024), (n) => new Int32Array(n));
	/** Price at which a level is taken: its own, or its cell's far edge (`triggerCellWidth`). */
	readonly #trigger = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #columns = { next: () => this.#next.data, prices: () => this.#trigger.data };
	#levelCount = 0;
	/** Actual notional of a level = units × scale. */
	#scale = 1;
	#candleIndex = -1;
	#previousOpenInterest: number | null = null;
	// Estimated liquidations, columnar (millions over years of 5m candles would not fit as objects).
	readonly #liquidationTime = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #liquidationPrice = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #liquidationNotional = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #liquidationIsShort = new GrowableArray(new Uint8Array(1024), (n) => new Uint8Array(n));
	#liquidationCount = 0;
	/** Ring size of the event columns when only the most recent events are kept; Infinity keeps all. */
	readonly #keepLiquidations: number;
	readonly #trackLevels: boolean;
	// Liquidated notional per candle and side (USDT): the estimated-liquidations series.
	readonly #candleLongLiquidated = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #candleShortLiquidated = new GrowableArray(new Float64Array(1024), (n) => new Float64Array(n));
	readonly #totals: EngineTotals = { opened: 0, open: 0, liquidated: 0, closed: 0 };
	readonly listeners: LevelListener[] = [];

	constructor(options: EngineOptions) {
		this.#options = options;
		this.#keepLiquidations = Math.max(1, options.keepLiquidations ?? Infinity);
		this.#trackLevels = options.trackLevels ?? false;
		const hint = Math.max(0, Math.min(options.capacityHint ?? 0, 5_000_000));
		if (hint > 0) {
			const levels = hint * 2 * options.tiers.length;
			for (const column of [this.#price, this.#trigger, this.#units]) column.ensure(levels);
			this.#next.ensure(levels);
			if (this.#trackLevels) for (const column of [this.#start, this.#end]) column.ensure(levels);
			const events = Math.min(levels, this.#keepLiquidations);
			for (const column of [this.#liquidationTime, this.#liquidationPrice, this.#liquidationNotional]) column.ensure(events);
			this.#liquidationIsShort.ensure(events);
			this.#candleLongLiquidated.ensure(hint);
			this.#candleShortLiquidated.ensure(hint);
		}
		const totalWeight = options.tiers.reduce((sum, tier) => sum + tier.weight, 0);
		this.#plan = options.tiers
			.filter((tier) => tier.enabled && tier.weight > 0)
			.map((tier) => ({
				share: tier.weight / totalWeight,
				longRatio: firstBracketRatio('long', tier.leverage),
				shortRatio: firstBracketRatio('short', tier.leverage)
			}));
		const halfLifeMs = (options.decayHalfLifeHours ?? 0) * 3_600_000;
		this.#decayFactor = halfLifeMs > 0 ? Math.pow(0.5, options.candleMs / halfLifeMs) : 1;
	}

	/** Current multiplier from stored units to USDT (see `LevelListener`). */
	get scale(): number {
		return this.#scale;
	}

	get totals(): Readonly<EngineTotals> {
		return this.#totals;
	}

	/** Index of the last candle added (−1 before the first). */
	get candleIndex(): number {
		return this.#candleIndex;
	}

	get liquidationCount(): number {
		return this.#liquidationCount;
	}

	/** Liquidation events `from` … end (all kept by default), oldest first. */
	liquidations(from = 0): Liquidation[] {
		const out: Liquidation[] = [];
		const ring = this.#keepLiquidations;
		for (let i = Math.max(0, from, this.#liquidationCount - ring); i < this.#liquidationCount; i++) {
			const slot = ring === Infinity ? i : i % ring;
			out.push({
				time: this.#liquidationTime.data[slot],
				price: this.#liquidationPrice.data[slot],
				side: this.#liquidationIsShort.data[slot] ? 'short' : 'long',
				notional: this.#liquidationNotional.data[slot]
			});
		}
		return out;
	}

	/** Liquidated notional per candle (USDT), long and short, as typed arrays (views; copy before keeping). */
	liquidationSeries(): { long: Float64Array; short: Float64Array } {
		const n = this.#candleIndex + 1;
		return { long: this.#candleLongLiquidated.data.subarray(0, n), short: this.#candleShortLiquidated.data.subarray(0, n) };
	}

	get levelCount(): number {
		return this.#levelCount;
	}

	/** Processes one closed candle. `openInterest` (USDT notional at the close) switches to the OI model. */
	add(candle: Candle, openInterest: number | null = null): void {
		const index = ++this.#candleIndex;
		this.#candleLongLiquidated.ensure(index + 1);
		this.#candleShortLiquidated.ensure(index + 1);
		this.#candleLongLiquidated.data[index] = 0;
		this.#candleShortLiquidated.data[index] = 0;
		if (this.#decayFactor < 1) this.#closeFraction(1 - this.#decayFactor);
		const liquidated = this.#liquidate(candle, index);
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
		this.#open(candle, index, opened);
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
		const factor = this.#scale;
		const units = this.#units.data;
		const rescale = (id: number) => {
			units[id] *= factor;
		};
		this.#longs?.forEach(rescale);
		this.#shorts?.forEach(rescale);
		this.#scale = 1;
		for (let k = 0; k < this.listeners.length; k++) this.listeners[k].rescaled(factor);
	}

	#liquidate(candle: Candle, index: number): number {
		return this.#take(this.#longs, candle.low, 'long', candle.time, index) + this.#take(this.#shorts, candle.high, 'short', candle.time, index);
	}

	/** Removes every level of one side that the candle traded through (long: price ≥ low; short: price ≤ high). */
	#take(levels: PriceBuckets | null, limit: number, side: Side, time: number, index: number): number {
		if (!levels || levels.size === 0) return 0;
		this.#passTime = time;
		this.#passIndex = index;
		this.#passSide = side;
		this.#passTotal = 0;
		levels.take(limit, this.#liquidated);
		const total = this.#passTotal;
		(side === 'long' ? this.#candleLongLiquidated : this.#candleShortLiquidated).data[index] += total;
		this.#totals.liquidated += total;
		this.#totals.open = Math.max(0, this.#totals.open - total);
		return total;
	}

	#open(candle: Candle, index: number, notional: number): void {
		if (!(notional > 0) || this.#plan.length === 0) return;
		// Grow the level columns once per candle, not once per level (this is the hot path).
		const needed = this.#levelCount + 2 * this.#plan.length;
		this.#price.ensure(needed);
		this.#trigger.ensure(needed);
		this.#units.ensure(needed);
		if (this.#trackLevels) {
			this.#start.ensure(needed);
			this.#end.ensure(needed);
		}
		this.#next.ensure(needed);
		const entry = this.#entry(candle);
		if (!this.#longs || !this.#shorts) {
			// Buckets of 0.01 % of the first entry price: a few levels per boundary bucket at any later price level.
			this.#longs = new PriceBuckets(entry * 1e-4, 'down', this.#columns);
			this.#shorts = new PriceBuckets(entry * 1e-4, 'up', this.#columns);
		}
		const range = candle.high - candle.low;
		const longShare =
			this.#options.sideSplit === 'even' || range <= 0 ? 0.5 : (candle.close - candle.low) / range;
		for (const tier of this.#plan) {
			const tierNotional = notional * tier.share;
			this.#addLevel('long', entry * tier.longRatio, tierNotional * longShare, index);
			this.#addLevel('short', entry * tier.shortRatio, tierNotional * (1 - longShare), index);
		}
	}

	#addLevel(side: Side, price: number, notional: number, index: number): void {
		if (!(notional > 0)) return;
		const id = this.#levelCount++;
		const units = notional / this.#scale;
		this.#price.data[id] = price;
		this.#units.data[id] = units;
		if (this.#trackLevels) {
			this.#start.data[id] = index;
			this.#end.data[id] = -1;
		}
		const w = this.#options.triggerCellWidth;
		const trigger = w ? (Math.floor(price * (1 / w)) + (side === 'long' ? 0 : 1)) * w : price;
		this.#trigger.data[id] = trigger;
		(side === 'long' ? this.#longs! : this.#shorts!).add(id, trigger);
		this.#totals.opened += notional;
		this.#totals.open += notional;
		for (let k = 0; k < this.listeners.length; k++) this.listeners[k].opened(side, price, units);
	}

	#recordLiquidation(time: number, price: number, side: Side, notional: number): void {
		const count = this.#liquidationCount++;
		const i = this.#keepLiquidations === Infinity ? count : count % this.#keepLiquidations;
		if (i >= this.#liquidationTime.data.length) {
			this.#liquidationTime.ensure(i + 1);
			this.#liquidationPrice.ensure(i + 1);
			this.#liquidationNotional.ensure(i + 1);
			this.#liquidationIsShort.ensure(i + 1);
		}
		this.#liquidationTime.data[i] = time;
		this.#liquidationPrice.data[i] = price;
		this.#liquidationNotional.data[i] = notional;
		this.#liquidationIsShort.data[i] = side === 'short' ? 1 : 0;
	}

	/** Calls `visit` for every open level with its actual notional (USDT); `startIndex` is −1 unless levels are tracked. */
	forEachOpenLevel(visit: (side: Side, price: number, notional: number, startIndex: number) => void): void {
		const price = this.#price.data;
		const units = this.#units.data;
		const start = this.#trackLevels ? this.#start.data : null;
		this.#longs?.forEach((id) => visit('long', price[id], units[id] * this.#scale, start ? start[id] : -1));
		this.#shorts?.forEach((id) => visit('short', price[id], units[id] * this.#scale, start ? start[id] : -1));
	}

	/** Every level ever opened: price, candle index where it opened, and where it was liquidated (−1 = still open). */
	levels(): { price: number; startIndex: number; endIndex: number }[] {
		if (!this.#trackLevels) throw new Error('levels() needs an engine created with trackLevels: true');
		const out = [];
		for (let id = 0; id < this.#levelCount; id++)
			out.push({ price: this.#price.data[id], startIndex: this.#start.data[id], endIndex: this.#end.data[id] });
		return out;
	}

	/** The price-binned map of open levels. Levels outside `[priceMin, priceMin + binCount·binWidth)` are left out. */
	map(priceMin: number, binWidth: number, binCount: number): LiquidationMap {
		const long = new Float64Array(binCount);
		const short = new Float64Array(binCount);
		this.forEachOpenLevel((side, price, notional) => {
			const bin = Math.floor((price - priceMin) / binWidth);
			if (bin < 0 || bin >= binCount) return;
			(side === 'long' ? long : short)[bin] += notional;
		});
		let maxBin = 0;
		for (let i = 0; i < binCount; i++) maxBin = Math.max(maxBin, long[i], short[i]);
		return { priceMin, binWidth, long, short, maxBin };
	}

	/** The price range spanned by open levels, or null when none is open. */
	openRange(): { low: number; high: number } | null {
		let low = Infinity;
		let high = -Infinity;
		this.forEachOpenLevel((_side, price) => {
			if (price < low) low = price;
			if (price > high) high = price;
		});
		return low <= high ? { low, high } : null;
	}
}
