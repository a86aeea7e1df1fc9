/**
 * The checks every event of an exchange stream passes before it is passed on (`ExchangeStream`): what is a duplicate,
 * what is out of order, and what is merged. Pure bookkeeping, no I/O.
 * - Prints: a print equal to one of the last 2,000 (time, side, price, amount) is a duplicate; one older than the
 *   newest passed on is out of order.
 * - Candles, per timeframe: one at or before the last closed candle is a duplicate (same values) or out of order; a
 *   forming candle older than the forming one is out of order, an unchanged one a duplicate. Candles of a gap
 *   (`filled`) are passed on once even when the reconnected stream already closed a newer one.
 * - Open interest and funding: older than the last passed on is out of order, the same time and value a duplicate;
 *   updates closer than `throttleMs` (event time) to the last one are merged silently (Bybit sends about ten a
 *   second), except a new next funding time. Gap samples (`filled`) are passed on whatever their age.
 */
import type { Candle, Timeframe } from '../../core/types.ts';
import type { ExchangeId } from '../exchange-client.ts';
import type { ParsedEvent } from './connector.ts';
import type { StreamEvent } from './types.ts';

const PRINT_KEYS_KEPT = 2000;
const CLOSED_TIMES_KEPT = 200;

const sameCandle = (a: Candle, b: Candle) =>
	a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

export class EventFilter {
	readonly dropped = { malformed: 0, duplicate: 0, outOfOrder: 0 };
	readonly #lastClosed = new Map<Timeframe, Candle>();
	readonly #forming = new Map<Timeframe, Candle>();
	/** Open times of the last closed candles passed on, per timeframe (gap fills are checked against them). */
	readonly #emittedClosed = new Map<Timeframe, number[]>();
	readonly #printKeys = new Set<string>();
	#lastPrintTime = -Infinity;
	#lastOpenInterest: { time: number; value: number } | null = null;
	#lastFunding: { time: number; rate: number; nextFundingTime: number | null } | null = null;

	constructor(
		readonly exchange: ExchangeId,
		readonly throttleMs: number,
		/** Timeframes whose candles are passed on. */
		readonly timeframes: ReadonlySet<Timeframe>
	) {}

	/** The last closed candle passed on at `timeframe`. */
	lastClosed(timeframe: Timeframe): Candle | undefined {
		return this.#lastClosed.get(timeframe);
	}

	/** The last price seen (close of the newest candle), for open interest reported in BTC. */
	lastPrice(): number | null {
		let newest: Candle | null = null;
		for (const candle of [...this.#forming.values(), ...this.#lastClosed.values()]) if (!newest || candle.time > newest.time) newest = candle;
		return newest?.close ?? null;
	}

	/** Forgets a timeframe no one watches any more. */
	forget(timeframe: Timeframe): void {
		this.#forming.delete(timeframe);
		this.#lastClosed.delete(timeframe);
		this.#emittedClosed.delete(timeframe);
	}

	/** The event to pass on, or null (dropped and counted in `dropped`, merged, or of a timeframe not watched). */
	check(event: ParsedEvent, filled: boolean): StreamEvent | null {
		const exchange = this.exchange;
		if (event.type === 'candle') return this.#checkCandle(event.timeframe, event.candle, event.closed, filled);
		if (event.type === 'liquidation') {
			const key = `${event.time}|${event.side}|${event.price}|${event.amount}`;
			if (this.#printKeys.has(key)) return this.#drop('duplicate');
			if (event.time < this.#lastPrintTime) return this.#drop('outOfOrder');
			this.#printKeys.add(key);
			if (this.#printKeys.size > PRINT_KEYS_KEPT) this.#printKeys.delete(this.#printKeys.values().next().value as string);
			this.#lastPrintTime = event.time;
			const notional = Math.round(event.price * event.amount * 100) / 100;
			return { type: 'liquidation', data: { time: event.time, exchange, side: event.side, price: event.price, amount: event.amount, notional } };
		}
		if (event.type === 'openInterest') {
			const last = this.#lastOpenInterest;
			const passed: StreamEvent = { type: 'openInterest', data: { time: event.time, exchange, value: event.value, filled } };
			if (filled && last && event.time < last.time) return passed;
			if (last && event.time < last.time) return this.#drop('outOfOrder');
			if (last && event.time === last.time && event.value === last.value) return this.#drop('duplicate');
			if (last && !filled && event.time - last.time < this.throttleMs) return null;
			this.#lastOpenInterest = { time: event.time, value: event.value };
			return passed;
		}
		const last = this.#lastFunding;
		const passed: StreamEvent = { type: 'funding', data: { time: event.time, exchange, rate: event.rate, nextFundingTime: event.nextFundingTime, filled } };
		if (filled && last && event.time < last.time) return passed;
		if (last && event.time < last.time) return this.#drop('outOfOrder');
		if (last && event.time === last.time && event.rate === last.rate) return this.#drop('duplicate');
		const nextChanged = !last || last.nextFundingTime !== event.nextFundingTime;
		if (last && !filled && !nextChanged && event.time - last.time < this.throttleMs) return null;
		this.#lastFunding = { time: event.time, rate: event.rate, nextFundingTime: event.nextFundingTime };
		return passed;
	}

	#checkCandle(timeframe: Timeframe, candle: Candle, closed: boolean, filled: boolean): StreamEvent | null {
		if (!this.timeframes.has(timeframe)) return null;
		const lastClosed = this.#lastClosed.get(timeframe);
		const forming = this.#forming.get(timeframe);
		const emitted = this.#emittedClosed.get(timeframe) ?? [];
		if (filled && closed && lastClosed && candle.time < lastClosed.time && !emitted.includes(candle.time)) return this.#pass(timeframe, candle, closed, filled);
		if (lastClosed && candle.time <= lastClosed.time) return this.#drop(closed && sameCandle(candle, lastClosed) ? 'duplicate' : 'outOfOrder');
		if (closed) {
			if (!filled && forming && candle.time < forming.time) return this.#drop('outOfOrder');
			this.#lastClosed.set(timeframe, candle);
			if (forming && forming.time <= candle.time) this.#forming.delete(timeframe);
		} else {
			if (forming && candle.time < forming.time) return this.#drop('outOfOrder');
			if (forming && sameCandle(forming, candle)) return this.#drop('duplicate');
			this.#forming.set(timeframe, candle);
		}
		return this.#pass(timeframe, candle, closed, filled);
	}

	#pass(timeframe: Timeframe, candle: Candle, closed: boolean, filled: boolean): StreamEvent {
		if (closed) this.#emittedClosed.set(timeframe, [...(this.#emittedClosed.get(timeframe) ?? []), candle.time].slice(-CLOSED_TIMES_KEPT));
		return { type: 'candle', data: { exchange: this.exchange, timeframe, candle, closed, filled } };
	}

	#drop(cause: 'duplicate' | 'outOfOrder'): null {
		this.dropped[cause]++;
		return null;
	}
}
