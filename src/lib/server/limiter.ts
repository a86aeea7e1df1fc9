/**
 * A bound on concurrent upstream requests: at most `limit` tasks run at once, the rest wait in arrival order.
 * One limiter is shared by every exchange adapter of the process, so a burst of browsers (or an aggregate request
 * that asks three exchanges for many pages) never opens more than `limit` exchange connections at a time.
 */
export class ConcurrencyLimiter {
	#active = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(readonly limit: number) {
		if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`limit ${limit} must be a whole number ≥ 1`);
	}

	/** Tasks running now. */
	get active(): number {
		return this.#active;
	}

	/** Tasks waiting for a slot. */
	get queued(): number {
		return this.#waiting.length;
	}

	/** Runs `task` when a slot is free; the slot is released whether the task succeeds or fails. */
	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
		else this.#active++;
		try {
			return await task();
		} finally {
			const next = this.#waiting.shift();
			// The slot passes straight to the next waiter (the active count stays), or is released.
			if (next) next();
			else this.#active--;
		}
	}
}
