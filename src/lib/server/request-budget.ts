/**
 * A per-exchange request budget: at most `units` of the exchange's own request cost in any rolling window of
 * `windowMs` (Binance counts request weight per minute, Bybit requests per 5 s, OKX requests per 2 s per endpoint;
 * the published figures are in each adapter). Every request of the process to that exchange takes its cost from the
 * one budget, so no burst of browsers can push the server past the exchange's limit (and into a ban).
 *
 * A request is given the earliest time at which its cost fits in the window, in arrival order, and that time is
 * reserved at once; when that time would fall after the caller's deadline, nothing is reserved and the caller is
 * refused immediately (the wait is known in advance: no one waits only to time out).
 */
export interface RateLimit {
	/** Cost units allowed per window (the exchange's published limit). */
	units: number;
	windowMs: number;
}

export class RequestBudget {
	/** Reserved sends, oldest first: when (ms) and what they cost. */
	readonly #sends: { time: number; cost: number }[] = [];

	constructor(
		readonly limit: RateLimit,
		readonly clock: () => number = Date.now
	) {
		if (!(limit.units > 0 && limit.windowMs > 0)) throw new RangeError(`budget ${limit.units} per ${limit.windowMs} ms must be positive`);
	}

	/** Units taken in the window ending now. */
	used(now = this.clock()): number {
		return this.#sends.filter((send) => send.time > now - this.limit.windowMs && send.time <= now).reduce((sum, send) => sum + send.cost, 0);
	}

	/** The earliest time (ms, ≥ now, never before an earlier reservation) at which `cost` units fit; reserves nothing. */
	earliest(cost: number): number {
		const { units, windowMs } = this.limit;
		const now = this.clock();
		while (this.#sends.length > 0 && this.#sends[0].time <= now - windowMs) this.#sends.shift();
		const wanted = Math.min(cost, units);
		let time = Math.max(now, this.#sends.at(-1)?.time ?? now);
		let used = this.#sends.reduce((sum, send) => sum + send.cost, 0);
		let oldest = 0;
		for (;;) {
			while (oldest < this.#sends.length && this.#sends[oldest].time <= time - windowMs) used -= this.#sends[oldest++].cost;
			if (used + wanted <= units) return time;
			// Wait until the oldest send still counted leaves the window.
			time = this.#sends[oldest].time + windowMs;
		}
	}

	/** Reserves `cost` units at `earliest(cost)` and returns that time; null (nothing reserved) when it is after `deadline`. */
	reserve(cost: number, deadline = Infinity): number | null {
		const time = this.earliest(cost);
		if (time > deadline) return null;
		this.#sends.push({ time, cost: Math.min(cost, this.limit.units) });
		return time;
	}
}
