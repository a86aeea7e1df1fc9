/**
 * What the page has sent a worker, per series id, so that candles cross once: a series it does not hold is
 * registered whole; one it holds is extended by the candles that closed since (and its window's start moved up when
 * the source sends a fixed-length window); unchanged closed candles send nothing. Anything else (an earlier candle
 * revised, another source under the same id) registers the series again.
 *
 * Units: candle and open-interest times ms UTC; prices USDT, volume BTC, open interest USDT notional.
 */
import type { OpenInterestPoint } from '$lib/core/analysis/analyze.ts';
import { firstCandleAtOrAfter } from '$lib/core/market/candle-search.ts';
import type { Candle } from '$lib/core/types.ts';

/** The series as the page holds it. */
export interface SeriesContent {
	candles: readonly Candle[];
	openInterest: readonly OpenInterestPoint[];
}

/** What reaches the worker for a series. */
export type SeriesUpdate =
	| { type: 'register'; candles: readonly Candle[]; openInterest: OpenInterestPoint[] }
	| { type: 'append'; from: number; candles: readonly Candle[]; openInterestFrom: number; openInterest: OpenInterestPoint[] };

export class SeriesLedger {
	readonly #sent = new Map<string, SeriesContent>();

	/** The update that brings the worker's copy of `id` to `next` (null: it already matches), recorded as sent. */
	update(id: string, next: SeriesContent): SeriesUpdate | null {
		const previous = this.#sent.get(id);
		this.#sent.set(id, next);
		if (!previous) return { type: 'register', candles: next.candles, openInterest: [...next.openInterest] };
		if (previous.candles === next.candles && previous.openInterest === next.openInterest) return null;
		const candles = extension(previous.candles, next.candles, sameCandle);
		const openInterest = extension(previous.openInterest, next.openInterest, samePoint);
		if (!candles || !openInterest) return { type: 'register', candles: next.candles, openInterest: [...next.openInterest] };
		const from = next.candles[0]?.time ?? 0;
		const openInterestFrom = next.openInterest[0]?.time ?? 0;
		const moved = from !== previous.candles[0]?.time || openInterestFrom !== (previous.openInterest[0]?.time ?? 0);
		if (candles.length === 0 && openInterest.length === 0 && !moved) return null;
		return { type: 'append', from, candles, openInterestFrom, openInterest: [...openInterest] };
	}

	/** Whether `id` was sent (and not forgotten since). */
	holds(id: string): boolean {
		return this.#sent.has(id);
	}

	/** The ids sent, oldest first. */
	ids(): string[] {
		return [...this.#sent.keys()];
	}

	forget(id: string): void {
		this.#sent.delete(id);
	}
}

/**
 * The items `next` adds after `previous` when `next` continues it (its start at or after `previous`' start, the
 * overlap unchanged as far as its first and last items show), else null. Both sorted by time.
 */
function extension<T extends { time: number }>(previous: readonly T[], next: readonly T[], same: (a: T, b: T) => boolean): readonly T[] | null {
	if (previous.length === 0) return next;
	if (next.length === 0) return null;
	const last = previous[previous.length - 1];
	const lastAt = atOrAfter(next, last.time);
	if (lastAt >= next.length || !same(next[lastAt], last)) return null;
	const firstAt = atOrAfter(previous, next[0].time);
	if (firstAt >= previous.length || !same(previous[firstAt], next[0])) return null;
	return next.slice(lastAt + 1);
}

/** The candles' binary search serves any list sorted by `time`. */
const atOrAfter = (items: readonly { time: number }[], time: number) => firstCandleAtOrAfter(items as readonly Candle[], time);

const sameCandle = (a: Candle, b: Candle) =>
	a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
const samePoint = (a: OpenInterestPoint, b: OpenInterestPoint) => a.time === b.time && a.notional === b.notional;
