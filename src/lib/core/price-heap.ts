/**
 * A binary min-heap of integer ids keyed by a number (a price), in typed arrays. The liquidation engine keeps one per
 * side: shorts keyed by price (the lowest short level is the first a rising high reaches) and longs keyed by −price
 * (the highest long level is the first a falling low reaches). Push and pop are O(log n); a candle that crosses k
 * levels costs O(k log n), so a run costs O(positions · log n), not O(positions × candles).
 */
export class PriceHeap {
	#keys: Float64Array;
	#ids: Int32Array;
	#size = 0;

	constructor(capacity = 1024) {
		this.#keys = new Float64Array(capacity);
		this.#ids = new Int32Array(capacity);
	}

	get size(): number {
		return this.#size;
	}

	/** Smallest key, or +Infinity when empty. */
	peekKey(): number {
		return this.#size > 0 ? this.#keys[0] : Infinity;
	}

	/** The ids currently held, in heap order (for snapshots). */
	ids(): Int32Array {
		return this.#ids.subarray(0, this.#size);
	}

	push(key: number, id: number): void {
		if (this.#size === this.#keys.length) this.#grow();
		let index = this.#size++;
		const keys = this.#keys;
		const ids = this.#ids;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (keys[parent] <= key) break;
			keys[index] = keys[parent];
			ids[index] = ids[parent];
			index = parent;
		}
		keys[index] = key;
		ids[index] = id;
	}

	/** Removes the smallest entry and returns its id (−1 when empty). */
	pop(): number {
		if (this.#size === 0) return -1;
		const keys = this.#keys;
		const ids = this.#ids;
		const top = ids[0];
		const size = --this.#size;
		const key = keys[size];
		const id = ids[size];
		let index = 0;
		for (;;) {
			let child = 2 * index + 1;
			if (child >= size) break;
			if (child + 1 < size && keys[child + 1] < keys[child]) child++;
			if (keys[child] >= key) break;
			keys[index] = keys[child];
			ids[index] = ids[child];
			index = child;
		}
		keys[index] = key;
		ids[index] = id;
		return top;
	}

	#grow(): void {
		const keys = new Float64Array(this.#keys.length * 2);
		const ids = new Int32Array(this.#ids.length * 2);
		keys.set(this.#keys);
		ids.set(this.#ids);
		this.#keys = keys;
		this.#ids = ids;
	}
}
