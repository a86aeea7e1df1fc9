/**
 * A bound on concurrent upstream requests: at most `limit` tasks run at once, the rest wait in arrival order.
 * One limiter is shared by every exchange adapter of the process, so a burst of browsers (or an aggregate request
 * that asks three exchanges for many pages) never opens more than `limit` exchange connections at a time.
 * A waiter may give an abort signal: aborted before a slot is free, it leaves the queue and `run` throws
 * `SlotWaitTimeout`.
 */
export class SlotWaitTimeout extends Error {
	name = 'SlotWaitTimeout';
}

interface Waiter {
	start: () => void;
	signal: AbortSignal | undefined;
	onAbort: () => void;
}

export class ConcurrencyLimiter {
	#active = 0;
	readonly #waiting: Waiter[] = [];
	readonly #idle: (() => void)[] = [];

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

	#wait(signal: AbortSignal | undefined): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {
				start: resolve,
				signal,
				onAbort: () => {
					const index = this.#waiting.indexOf(waiter);
					if (index >= 0) this.#waiting.splice(index, 1);
					reject(new SlotWaitTimeout(`no request slot free (${this.limit} busy)`));
				}
			};
			if (signal?.aborted) return waiter.onAbort();
			signal?.addEventListener('abort', waiter.onAbort, { once: true });
			this.#waiting.push(waiter);
		});
	}

	/** Resolves once no task runs or waits (tests: a request cut at its deadline has ended). */
	whenIdle(): Promise<void> {
		if (this.#active === 0) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	/** Runs `task` when a slot is free (unless `signal` aborts first); the slot is released whether the task succeeds or fails. */
	async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		if (this.#active >= this.limit) await this.#wait(signal);
		else this.#active++;
		try {
			return await task();
		} finally {
			const next = this.#waiting.shift();
			// The slot passes straight to the next waiter (the active count stays), or is released.
			if (next) {
				next.signal?.removeEventListener('abort', next.onAbort);
				next.start();
			} else if (--this.#active === 0) for (const resolve of this.#idle.splice(0)) resolve();
		}
	}
}
