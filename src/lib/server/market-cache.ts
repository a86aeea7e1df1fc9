/**
 * A time-to-live cache with request coalescing and last-good fallback, for upstream market data.
 *
 * - Fresh hit (younger than the TTL): served without contacting the exchange.
 * - Miss or expired: ONE load per key at a time; concurrent callers for the same key await the same promise
 *   (many browsers asking for the same thing at once cause one exchange request).
 * - A failed load stores nothing (the cache is never poisoned) and is forgotten at once (the next caller retries).
 *   If an older good value exists it is served with its age and the failure (`fallback`); otherwise the failure is
 *   thrown to the caller.
 * - At most `maxEntries` keys are kept; the least recently stored is dropped first.
 *
 * TTLs per timeframe (`CACHE_TTL_MS`) are a fraction of the candle period: long enough that a page of polling
 * browsers share one request, short enough that the forming candle stays live.
 */
import { LIVE_REFRESH_MS } from '../core/market/resample.ts';

/** Shared with the browser's poll period (`LIVE_REFRESH_MS` in core). */
export const CACHE_TTL_MS = LIVE_REFRESH_MS;

export interface CachedValue<T> {
	value: T;
	/** When the value was stored (ms UTC). */
	storedAt: number;
	/** Set when a refresh failed and this older value is served instead. */
	fallback: Error | null;
}

export class MarketCache<T> {
	readonly #entries = new Map<string, { value: T; storedAt: number }>();
	readonly #inflight = new Map<string, Promise<{ value: T; storedAt: number }>>();

	constructor(
		readonly maxEntries = 64,
		readonly clock: () => number = Date.now
	) {}

	get size(): number {
		return this.#entries.size;
	}

	/** Loads in progress. */
	get inflight(): number {
		return this.#inflight.size;
	}

	has(key: string): boolean {
		return this.#entries.has(key);
	}

	clear(): void {
		this.#entries.clear();
	}

	#load(key: string, load: () => Promise<T>): Promise<{ value: T; storedAt: number }> {
		let pending = this.#inflight.get(key);
		if (!pending) {
			pending = load()
				.then((value) => {
					const entry = { value, storedAt: this.clock() };
					this.#entries.delete(key);
					this.#entries.set(key, entry);
					while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
					return entry;
				})
				.finally(() => this.#inflight.delete(key));
			this.#inflight.set(key, pending);
		}
		return pending;
	}

	/** The value for `key`: fresh from the cache, loaded (coalesced), or the last good one when loading fails. */
	async get(key: string, ttlMs: number, load: () => Promise<T>): Promise<CachedValue<T>> {
		const entry = this.#entries.get(key);
		if (entry && this.clock() - entry.storedAt < ttlMs) return { ...entry, fallback: null };
		try {
			return { ...(await this.#load(key, load)), fallback: null };
		} catch (error) {
			const lastGood = this.#entries.get(key);
			if (lastGood) return { ...lastGood, fallback: error instanceof Error ? error : new Error(String(error)) };
			throw error;
		}
	}
}
