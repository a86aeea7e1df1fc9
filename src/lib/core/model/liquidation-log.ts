/**
 * The estimated liquidation events of an engine run, in columns (millions over years of 5m candles would not fit as
 * objects): open time of the candle (ms UTC), price (USDT), side and notional (USDT). With `keep` set, only the most
 * recent `keep` events are held (a ring); `count` still counts every event.
 */
import type { Liquidation } from '../types.ts';

export class LiquidationLog {
	/** Ring size; Infinity keeps every event. */
	readonly #keep: number;
	#time: Float64Array;
	#price: Float64Array;
	#notional: Float64Array;
	#isShort: Uint8Array;
	#count = 0;
	/** Slot of the next event (wraps at `#keep`, no division per event). */
	#next = 0;

	/** `capacity`: expected number of events (sizes the columns once); `keep`: ring size (default all). */
	constructor(capacity = 1024, keep = Infinity) {
		this.#keep = Math.max(1, keep);
		const size = Math.max(16, Math.min(capacity, this.#keep));
		this.#time = new Float64Array(size);
		this.#price = new Float64Array(size);
		this.#notional = new Float64Array(size);
		this.#isShort = new Uint8Array(size);
	}

	/** Events recorded so far (including those the ring dropped). */
	get count(): number {
		return this.#count;
	}

	push(time: number, price: number, isShort: boolean, notional: number): void {
		this.#count++;
		const i = this.#next;
		this.#next = i + 1 === this.#keep ? 0 : i + 1;
		if (i >= this.#time.length) this.#grow(Math.min(this.#keep, this.#time.length * 2));
		this.#time[i] = time;
		this.#price[i] = price;
		this.#notional[i] = notional;
		this.#isShort[i] = isShort ? 1 : 0;
	}

	/** Events `from` … end that are still held, oldest first. */
	list(from = 0): Liquidation[] {
		const out: Liquidation[] = [];
		const ring = this.#keep;
		for (let n = Math.max(0, from, this.#count - ring); n < this.#count; n++) {
			const i = ring === Infinity ? n : n % ring;
			out.push({ time: this.#time[i], price: this.#price[i], side: this.#isShort[i] ? 'short' : 'long', notional: this.#notional[i] });
		}
		return out;
	}

	#grow(length: number): void {
		const grown = <T extends Float64Array | Uint8Array>(from: T, next: T): T => {
			next.set(from);
			return next;
		};
		this.#time = grown(this.#time, new Float64Array(length));
		this.#price = grown(this.#price, new Float64Array(length));
		this.#notional = grown(this.#notional, new Float64Array(length));
		this.#isShort = grown(this.#isShort, new Uint8Array(length));
	}
}
