/**
 * Open levels of one side kept ordered by price in fixed-width price buckets (a bucket queue): bucket
 * b = floor(price / width) holds a linked list of level ids. Adding is O(1). Taking every level at or beyond a price
 * (a candle's low for longs, its high for shorts) walks only the crossed buckets, from the extreme occupied bucket to
 * the boundary bucket, and filters that one boundary bucket. So a run costs O(levels + crossed buckets), independent
 * of how many levels stay open. Width: a small share of the price (default 0.01 %), so boundary buckets hold few levels.
 *
 * `direction` 'down' (longs): levels are taken when price falls to them, i.e. every level with price ≥ limit.
 * `direction` 'up' (shorts): every level with price ≤ limit.
 */
/** Per-level arrays indexed by level id (read through functions: the owner may replace them when it grows). */
export interface LevelColumns {
	/** Next level id in the same bucket (−1 at the end of a list). */
	next(): Int32Array;
	/** Price of each level. */
	prices(): Float64Array;
}

export class PriceBuckets {
	readonly #width: number;
	readonly #takeAbove: boolean;
	/** Bucket index of slot 0. */
	#origin = 0;
	/** First level id per bucket slot, −1 when empty. */
	#heads = new Int32Array(0);
	/** Per-level columns owned by the caller (shared by both sides: level ids are unique across them). */
	readonly #columns: LevelColumns;
	/** Lowest and highest occupied slots (may point at emptied slots; tightened lazily). */
	#low = Infinity;
	#high = -Infinity;
	#size = 0;

	constructor(width: number, direction: 'down' | 'up', columns: LevelColumns) {
		if (!(width > 0)) throw new RangeError(`bucket width ${width} must be positive`);
		this.#width = width;
		this.#takeAbove = direction === 'down';
		this.#columns = columns;
	}

	get size(): number {
		return this.#size;
	}

	/** Adds level `id`, whose price the caller has stored in `columns.prices()[id]`. */
	add(id: number, price: number): void {
		const slot = this.#slotOf(Math.floor(price / this.#width));
		this.#columns.next()[id] = this.#heads[slot];
		this.#heads[slot] = id;
		if (slot < this.#low) this.#low = slot;
		if (slot > this.#high) this.#high = slot;
		this.#size++;
	}

	/** Removes every level crossed by `limit` and calls `visit(id)` for each, in bucket order. */
	take(limit: number, visit: (id: number) => void): void {
		if (this.#size === 0) return;
		const boundary = Math.floor(limit / this.#width) - this.#origin;
		const heads = this.#heads;
		if (this.#takeAbove) {
			for (let slot = this.#high; slot > boundary && slot >= this.#low; slot--) this.#drain(slot, visit);
			if (boundary >= this.#low && boundary <= this.#high) this.#filter(boundary, limit, visit);
			while (this.#high >= this.#low && heads[this.#high] < 0) this.#high--;
		} else {
			for (let slot = this.#low; slot < boundary && slot <= this.#high; slot++) this.#drain(slot, visit);
			if (boundary >= this.#low && boundary <= this.#high) this.#filter(boundary, limit, visit);
			while (this.#low <= this.#high && heads[this.#low] < 0) this.#low++;
		}
		if (this.#size === 0) [this.#low, this.#high] = [Infinity, -Infinity];
	}

	/** Calls `visit(id)` for every level held. */
	forEach(visit: (id: number) => void): void {
		const next = this.#columns.next();
		for (let slot = this.#low; slot <= this.#high; slot++) for (let id = this.#heads[slot]; id >= 0; id = next[id]) visit(id);
	}

	#drain(slot: number, visit: (id: number) => void): void {
		const next = this.#columns.next();
		for (let id = this.#heads[slot]; id >= 0; id = next[id]) {
			this.#size--;
			visit(id);
		}
		this.#heads[slot] = -1;
	}

	/** In the boundary bucket, removes the levels at or beyond `limit` and keeps the rest. */
	#filter(slot: number, limit: number, visit: (id: number) => void): void {
		const next = this.#columns.next();
		const prices = this.#columns.prices();
		let kept = -1;
		for (let id = this.#heads[slot]; id >= 0; ) {
			const following = next[id];
			const crossed = this.#takeAbove ? prices[id] >= limit : prices[id] <= limit;
			if (crossed) {
				this.#size--;
				visit(id);
			} else {
				next[id] = kept;
				kept = id;
			}
			id = following;
		}
		this.#heads[slot] = kept;
	}

	/** Slot of a bucket index, growing the slot array (either end) to cover it. */
	#slotOf(bucket: number): number {
		if (this.#heads.length === 0) {
			this.#origin = bucket - 512;
			this.#heads = new Int32Array(1024).fill(-1);
		}
		let slot = bucket - this.#origin;
		if (slot < 0 || slot >= this.#heads.length) {
			const low = Math.min(this.#origin, bucket);
			const high = Math.max(this.#origin + this.#heads.length, bucket + 1);
			const length = Math.max(this.#heads.length * 2, high - low + 1024);
			const origin = bucket < this.#origin ? high - length : low;
			const heads = new Int32Array(length).fill(-1);
			heads.set(this.#heads, this.#origin - origin);
			const shift = this.#origin - origin;
			if (this.#low !== Infinity) [this.#low, this.#high] = [this.#low + shift, this.#high + shift];
			this.#heads = heads;
			this.#origin = origin;
			slot = bucket - origin;
		}
		return slot;
	}
}
