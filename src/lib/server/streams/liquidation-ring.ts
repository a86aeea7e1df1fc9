/**
 * The liquidation prints the server has seen, in a ring of fixed size (the oldest are overwritten): memory stays
 * bounded however long the server runs. Prints are appended in arrival order (each exchange's own order is checked
 * by its stream); queries return them sorted by time, newest last.
 */
import type { LiquidationPrint } from './types.ts';

export class LiquidationRing {
	readonly #prints: (LiquidationPrint | undefined)[];
	#next = 0;
	#size = 0;

	constructor(readonly capacity: number) {
		this.#prints = new Array(capacity);
	}

	get size(): number {
		return this.#size;
	}

	add(print: LiquidationPrint): void {
		this.#prints[this.#next] = print;
		this.#next = (this.#next + 1) % this.capacity;
		this.#size = Math.min(this.#size + 1, this.capacity);
	}

	/** Prints of the given exchanges with time ≥ `since`, sorted by time, the newest `limit` of them. */
	query(exchanges: ReadonlySet<string>, since: number, limit: number): LiquidationPrint[] {
		const found: LiquidationPrint[] = [];
		for (const print of this.#prints) if (print && print.time >= since && exchanges.has(print.exchange)) found.push(print);
		return found.sort((a, b) => a.time - b.time).slice(-limit);
	}
}
