/**
 * A liquidation map kept up to date as levels open and close, so that a new candle costs O(levels it touches) and a
 * snapshot costs O(bins), never O(open levels). Bins are fixed-width (USDT) and indexed from an origin that moves down
 * (the array grows at either end) when a level falls outside the covered range.
 * Stored values are engine units; a snapshot multiplies by the engine's current scale (see `LevelListener`).
 */
import type { LevelListener } from './liquidation-engine.ts';
import type { LiquidationMap, Side } from '../types.ts';

export class RunningMap implements LevelListener {
	readonly binWidth: number;
	/** Bin index (floor(price / binWidth)) of array slot 0. */
	#origin = 0;
	#long = new Float64Array(0);
	#short = new Float64Array(0);
	/** Levels per bin, so an emptied bin is exactly 0 rather than float dust. */
	#longCount = new Int32Array(0);
	#shortCount = new Int32Array(0);
	#min = Infinity;
	#max = -Infinity;

	constructor(binWidth: number) {
		if (!(binWidth > 0)) throw new RangeError(`bin width ${binWidth} must be positive`);
		this.binWidth = binWidth;
	}

	#slot(price: number): number {
		const bin = Math.floor(price / this.binWidth);
		if (this.#long.length === 0) {
			this.#origin = bin - 64;
			this.#long = new Float64Array(128);
			this.#short = new Float64Array(128);
			this.#longCount = new Int32Array(128);
			this.#shortCount = new Int32Array(128);
		}
		if (bin < this.#origin || bin >= this.#origin + this.#long.length) this.#grow(bin);
		const slot = bin - this.#origin;
		if (slot < this.#min) this.#min = slot;
		if (slot > this.#max) this.#max = slot;
		return slot;
	}

	#grow(bin: number): void {
		const low = Math.min(this.#origin, bin);
		const high = Math.max(this.#origin + this.#long.length, bin + 1);
		const length = Math.max(2 * this.#long.length, high - low + 64);
		const origin = bin < this.#origin ? high - length : low;
		const shift = this.#origin - origin;
		const moved = <T extends Float64Array | Int32Array>(from: T, make: (n: number) => T): T => {
			const next = make(length);
			next.set(from, shift);
			return next;
		};
		this.#long = moved(this.#long, (n) => new Float64Array(n));
		this.#short = moved(this.#short, (n) => new Float64Array(n));
		this.#longCount = moved(this.#longCount, (n) => new Int32Array(n));
		this.#shortCount = moved(this.#shortCount, (n) => new Int32Array(n));
		this.#min += this.#origin - origin;
		this.#max += this.#origin - origin;
		this.#origin = origin;
	}

	opened(side: Side, price: number, units: number): void {
		const slot = this.#slot(price);
		(side === 'long' ? this.#long : this.#short)[slot] += units;
		(side === 'long' ? this.#longCount : this.#shortCount)[slot]++;
	}

	removed(side: Side, price: number, units: number): void {
		const slot = this.#slot(price);
		const bins = side === 'long' ? this.#long : this.#short;
		const counts = side === 'long' ? this.#longCount : this.#shortCount;
		bins[slot] = --counts[slot] === 0 ? 0 : Math.max(0, bins[slot] - units);
	}

	rescaled(factor: number): void {
		for (let i = 0; i < this.#long.length; i++) {
			this.#long[i] *= factor;
			this.#short[i] *= factor;
		}
	}

	/** The map in USDT: every bin that ever held a level, values × `scale`. */
	snapshot(scale: number): LiquidationMap {
		if (this.#max < this.#min) return { priceMin: 0, binWidth: this.binWidth, long: new Float64Array(1), short: new Float64Array(1), maxBin: 0 };
		const count = this.#max - this.#min + 1;
		const long = new Float64Array(count);
		const short = new Float64Array(count);
		let maxBin = 0;
		for (let i = 0; i < count; i++) {
			long[i] = this.#long[this.#min + i] * scale;
			short[i] = this.#short[this.#min + i] * scale;
			if (long[i] > maxBin) maxBin = long[i];
			if (short[i] > maxBin) maxBin = short[i];
		}
		return { priceMin: (this.#origin + this.#min) * this.binWidth, binWidth: this.binWidth, long, short, maxBin };
	}
}
