/**
 * One exchange's live stream: one ccxt websocket instance (so one upstream connection set, whatever the number of
 * browsers), its subscriptions kept alive, messages read by the exchange's connector and checked, and its faults
 * handled:
 * - a malformed message (not JSON, missing or non-numeric fields, inconsistent candle), a duplicate (a print, candle or
 *   update already seen) or an out-of-order one (older than what was already passed on) is dropped and counted in the
 *   status (`dropped`);
 * - a failed connection is retried after `backoffMs` (1 s, 2 s, 5 s, 10 s, then every 30 s); a stall (no message for
 *   `stallMs`, 60 s) is treated as a failed connection;
 * - the span without data is an outage, shown in the status and kept: liquidation prints of that span are lost for
 *   good (no exchange serves past prints), candles, open interest and funding are fetched over REST once the stream is
 *   back (`filled: true` on those events);
 * - a websocket refused by the server (HTTP 4xx on the upgrade) or `maxFailures` failed attempts in a row switch to
 *   REST polling every `pollMs` (candles, open interest, funding; no prints), which the status says.
 * Open interest is polled over REST every `openInterestPollMs` where the exchange has no stream of it.
 * All times come from the injected `Clock`; nothing here reads the wall clock.
 */
import { TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { Candle, Timeframe } from '../../core/types.ts';
import { EXCHANGE_NAMES, type ExchangeClient } from '../exchange-client.ts';
import { PERP, type ParsedEvent, type ProExchange, type StreamConnector } from './connector.ts';
import { createProExchange } from './pro-exchange.ts';
import type { StreamTiming } from './stream-config.ts';
import type { Clock, Outage, StreamEvent, StreamState, StreamStatus } from './types.ts';

const PRINT_KEYS_KEPT = 2000;
const CLOSED_TIMES_KEPT = 200;

interface CcxtOpenInterest {
	timestamp?: number;
	openInterestAmount?: number;
	openInterestValue?: number;
}

interface CcxtFunding {
	timestamp?: number;
	fundingRate?: number;
	fundingTimestamp?: number;
	nextFundingTimestamp?: number;
}

export interface ExchangeStreamDeps {
	connector: StreamConnector;
	rest: ExchangeClient;
	wsOrigin: string | undefined;
	clock: Clock;
	timing: StreamTiming;
	emit: (event: StreamEvent) => void;
}

/** Plain words for a failure, without stack or URL noise. */
function describe(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\s+/g, ' ').slice(0, 200);
}

/** A websocket upgrade answered with an HTTP refusal (403, 451…): retrying will not help. */
function isRefusal(error: unknown): boolean {
	return /Unexpected server response: 4\d\d/.test(describe(error));
}

const sameCandle = (a: Candle, b: Candle) =>
	a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

export class ExchangeStream {
	readonly #deps: ExchangeStreamDeps;
	readonly #timeframes = new Set<Timeframe>();
	#exchange: ProExchange | null = null;
	#generation = 0;
	#running = false;
	#state: StreamState = 'stopped';
	#reason: string | null = null;
	#failures = 0;
	#lastMessageAt: number | null = null;
	readonly #outages: Outage[] = [];
	#openOutage: Outage | null = null;
	readonly #dropped = { malformed: 0, duplicate: 0, outOfOrder: 0 };
	readonly #timers = new Set<unknown>();
	readonly #lastClosed = new Map<Timeframe, Candle>();
	readonly #forming = new Map<Timeframe, Candle>();
	/** Open times of the last closed candles passed on, per timeframe (gap fills are checked against them). */
	readonly #emittedClosed = new Map<Timeframe, number[]>();
	readonly #printKeys = new Set<string>();
	#lastPrintTime = -Infinity;
	#lastOpenInterest: { time: number; value: number } | null = null;
	#lastFunding: { time: number; rate: number; nextFundingTime: number | null } | null = null;

	constructor(deps: ExchangeStreamDeps) {
		this.#deps = deps;
	}

	get id() {
		return this.#deps.connector.id;
	}

	status(): StreamStatus {
		return {
			exchange: this.id,
			name: EXCHANGE_NAMES[this.id],
			state: this.#state,
			reason: this.#reason,
			outages: this.#outages.map((outage) => ({ ...outage })),
			dropped: { ...this.#dropped },
			notes: this.#deps.connector.notes
		};
	}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#setState('connecting', null);
		this.#scheduleStallCheck();
		void this.#connect();
	}

	/** Closes the upstream connection and every timer. */
	async stop(): Promise<void> {
		this.#running = false;
		this.#generation++;
		for (const timer of this.#timers) this.#deps.clock.clearTimeout(timer);
		this.#timers.clear();
		this.#setState('stopped', null);
		const exchange = this.#exchange;
		this.#exchange = null;
		await exchange?.close().catch(() => undefined);
	}

	/** Starts passing on the candles of `timeframe` (the subscription is made on the open connection). */
	addTimeframe(timeframe: Timeframe): void {
		if (this.#timeframes.has(timeframe)) return;
		this.#timeframes.add(timeframe);
		if (this.#exchange && this.#state !== 'polling') this.#keepWatching(this.#generation, () => this.#deps.connector.watchCandles(this.#exchange!, timeframe));
	}

	removeTimeframe(timeframe: Timeframe): void {
		this.#timeframes.delete(timeframe);
		this.#forming.delete(timeframe);
		this.#lastClosed.delete(timeframe);
		this.#emittedClosed.delete(timeframe);
	}

	#setState(state: StreamState, reason: string | null): void {
		this.#state = state;
		this.#reason = reason;
		this.#emitStatus();
	}

	#emitStatus(): void {
		this.#deps.emit({ type: 'status', data: this.status() });
	}

	#later(ms: number, action: () => void): void {
		const timer = this.#deps.clock.setTimeout(() => {
			this.#timers.delete(timer);
			if (this.#running) action();
		}, ms);
		this.#timers.add(timer);
	}

	async #connect(): Promise<void> {
		const generation = ++this.#generation;
		const { connector } = this.#deps;
		let exchange: ProExchange;
		try {
			exchange = await createProExchange(this.#deps.rest, connector, this.#deps.wsOrigin, (message) => this.#onMessage(generation, message));
		} catch (error) {
			return this.#fail(generation, error);
		}
		if (generation !== this.#generation) return void exchange.close().catch(() => undefined);
		this.#exchange = exchange;
		this.#keepWatching(generation, () => connector.watchLiquidations(exchange));
		this.#keepWatching(generation, () => connector.watchFunding(exchange));
		for (const timeframe of this.#timeframes) this.#keepWatching(generation, () => connector.watchCandles(exchange, timeframe));
		if (!connector.streamsOpenInterest) this.#pollOpenInterest(generation);
	}

	/** Calls `watch` again after each message; a connection failure ends the generation. */
	#keepWatching(generation: number, watch: () => Promise<unknown>): void {
		void (async () => {
			let errorsInARow = 0;
			while (generation === this.#generation && this.#running) {
				try {
					await watch();
					errorsInARow = 0;
				} catch (error) {
					if (generation !== this.#generation) return;
					// A message ccxt itself could not handle rejects the pending watches without closing the socket:
					// counted as malformed; a broken or refused connection ends this connection.
					const network = error instanceof Error && /NetworkError|RequestTimeout|ExchangeNotAvailable|ExchangeClosedByUser/.test(error.constructor.name);
					if (network || ++errorsInARow >= 3) return this.#fail(generation, error);
					this.#dropped.malformed++;
					this.#emitStatus();
				}
			}
		})();
	}

	#onMessage(generation: number, message: unknown): boolean {
		if (generation !== this.#generation) return false;
		this.#lastMessageAt = this.#deps.clock.now();
		const parsed = this.#deps.connector.parse(message);
		if (parsed === 'malformed') {
			this.#dropped.malformed++;
			this.#emitStatus();
			return false;
		}
		if (this.#state !== 'connected') this.#connected(generation);
		if (parsed !== 'ignored') for (const event of parsed) this.#accept(event, false);
		return true;
	}

	#connected(generation: number): void {
		this.#failures = 0;
		const outage = this.#openOutage;
		if (outage) {
			outage.to = this.#deps.clock.now();
			this.#openOutage = null;
		}
		this.#setState('connected', null);
		if (outage) void this.#fillGap(generation, outage);
	}

	#fail(generation: number, error: unknown): void {
		if (generation !== this.#generation || !this.#running) return;
		this.#generation++;
		const exchange = this.#exchange;
		this.#exchange = null;
		void exchange?.close().catch(() => undefined);
		this.#failures++;
		if (!this.#openOutage) {
			this.#openOutage = { exchange: this.id, from: this.#lastMessageAt ?? this.#deps.clock.now(), to: null };
			this.#outages.push(this.#openOutage);
		}
		const reason = describe(error);
		if (isRefusal(error) || this.#failures >= this.#deps.timing.maxFailures) return this.#startPolling(generation + 1, reason);
		const { backoffMs } = this.#deps.timing;
		const wait = backoffMs[Math.min(this.#failures - 1, backoffMs.length - 1)];
		this.#setState('reconnecting', `${reason}; reconnecting in ${Math.round(wait / 1000)} s`);
		this.#later(wait, () => void this.#connect());
	}

	#scheduleStallCheck(): void {
		const { stallMs, stallCheckMs } = this.#deps.timing;
		this.#later(stallCheckMs, () => {
			const last = this.#lastMessageAt;
			if (this.#state === 'connected' && last !== null && this.#deps.clock.now() - last >= stallMs)
				this.#fail(this.#generation, new Error(`no message for ${Math.round(stallMs / 1000)} s (stalled)`));
			this.#scheduleStallCheck();
		});
	}

	// ---- events ----

	#accept(event: ParsedEvent, filled: boolean): void {
		const exchange = this.id;
		if (event.type === 'candle') return this.#acceptCandle(event.timeframe, event.candle, event.closed, filled);
		if (event.type === 'liquidation') {
			const key = `${event.time}|${event.side}|${event.price}|${event.amount}`;
			if (this.#printKeys.has(key)) return this.#drop('duplicate');
			if (event.time < this.#lastPrintTime) return this.#drop('outOfOrder');
			this.#printKeys.add(key);
			if (this.#printKeys.size > PRINT_KEYS_KEPT) this.#printKeys.delete(this.#printKeys.values().next().value as string);
			this.#lastPrintTime = event.time;
			const notional = Math.round(event.price * event.amount * 100) / 100;
			return this.#deps.emit({ type: 'liquidation', data: { time: event.time, exchange, side: event.side, price: event.price, amount: event.amount, notional } });
		}
		if (event.type === 'openInterest') {
			const last = this.#lastOpenInterest;
			// Samples of a gap are older than what the reconnected stream already passed on: not out of order.
			if (filled && last && event.time < last.time) return this.#deps.emit({ type: 'openInterest', data: { time: event.time, exchange, value: event.value, filled } });
			if (last && event.time < last.time) return this.#drop('outOfOrder');
			if (last && event.time === last.time && event.value === last.value) return this.#drop('duplicate');
			if (last && !filled && event.time - last.time < this.#deps.timing.throttleMs) return;
			this.#lastOpenInterest = { time: event.time, value: event.value };
			return this.#deps.emit({ type: 'openInterest', data: { time: event.time, exchange, value: event.value, filled } });
		}
		const last = this.#lastFunding;
		if (last && event.time < last.time) return this.#drop('outOfOrder');
		if (last && event.time === last.time && event.rate === last.rate) return this.#drop('duplicate');
		const nextChanged = !last || last.nextFundingTime !== event.nextFundingTime;
		if (last && !filled && !nextChanged && event.time - last.time < this.#deps.timing.throttleMs) return;
		this.#lastFunding = { time: event.time, rate: event.rate, nextFundingTime: event.nextFundingTime };
		this.#deps.emit({ type: 'funding', data: { time: event.time, exchange, rate: event.rate, nextFundingTime: event.nextFundingTime, filled } });
	}

	#acceptCandle(timeframe: Timeframe, candle: Candle, closed: boolean, filled: boolean): void {
		if (!this.#timeframes.has(timeframe)) return;
		const lastClosed = this.#lastClosed.get(timeframe);
		const forming = this.#forming.get(timeframe);
		const emitted = this.#emittedClosed.get(timeframe) ?? [];
		// A candle of a gap may arrive after the reconnected stream closed a newer one: passed on once, not out of order.
		if (filled && closed && lastClosed && candle.time < lastClosed.time && !emitted.includes(candle.time)) return this.#emitCandle(timeframe, candle, closed, filled);
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
		this.#emitCandle(timeframe, candle, closed, filled);
	}

	#emitCandle(timeframe: Timeframe, candle: Candle, closed: boolean, filled: boolean): void {
		if (closed) this.#emittedClosed.set(timeframe, [...(this.#emittedClosed.get(timeframe) ?? []), candle.time].slice(-CLOSED_TIMES_KEPT));
		this.#deps.emit({ type: 'candle', data: { exchange: this.id, timeframe, candle, closed, filled } });
	}

	#drop(cause: 'duplicate' | 'outOfOrder'): void {
		this.#dropped[cause]++;
		this.#emitStatus();
	}

	// ---- REST: gap fill, open-interest polling, fallback ----

	/** The last price seen (close of the newest candle), for open interest reported in BTC. */
	#lastPrice(): number | null {
		let newest: Candle | null = null;
		for (const candle of [...this.#forming.values(), ...this.#lastClosed.values()]) if (!newest || candle.time > newest.time) newest = candle;
		return newest?.close ?? null;
	}

	async #rest<T>(what: string, request: (exchange: ProExchange) => Promise<T>): Promise<T | null> {
		try {
			return await this.#deps.rest.call((exchange) => request(exchange as ProExchange));
		} catch (error) {
			this.#reason = `${what} over REST failed: ${describe(error)}`;
			this.#emitStatus();
			return null;
		}
	}

	async #fetchCandles(timeframe: Timeframe, since: number, filled: boolean): Promise<void> {
		const candleMs = TIMEFRAME_MS[timeframe];
		const now = this.#deps.clock.now();
		const rows = await this.#rest('candles', (exchange) => exchange.fetchOHLCV(PERP, timeframe, since, 100, { until: now }));
		if (!rows) return;
		const candles = rows
			.map((row) => ({ time: Number(row[0]), open: Number(row[1]), high: Number(row[2]), low: Number(row[3]), close: Number(row[4]), volume: Number(row[5]) }))
			.filter((c) => Object.values(c).every(Number.isFinite))
			.sort((a, b) => a.time - b.time);
		for (const candle of candles) this.#acceptCandle(timeframe, candle, candle.time + candleMs <= now, filled);
	}

	/** Fetches open interest; false when it could not be passed on (failed, or in BTC before any price was seen). */
	async #fetchOpenInterest(filled: boolean): Promise<boolean> {
		const point = await this.#rest('open interest', (exchange) => exchange.fetchOpenInterest(PERP) as Promise<CcxtOpenInterest>);
		if (!point) return false;
		const price = this.#lastPrice();
		const value = point.openInterestValue ?? (point.openInterestAmount !== undefined && price !== null ? point.openInterestAmount * price : null);
		const time = point.timestamp ?? this.#deps.clock.now();
		if (value === null || !(value > 0)) return false;
		this.#accept({ type: 'openInterest', time, value: Math.round(value * 100) / 100 }, filled);
		return true;
	}

	async #fetchFunding(filled: boolean): Promise<void> {
		const funding = await this.#rest('funding', (exchange) => exchange.fetchFundingRate(PERP) as Promise<CcxtFunding>);
		if (!funding || typeof funding.fundingRate !== 'number') return;
		const time = funding.timestamp ?? this.#deps.clock.now();
		this.#accept({ type: 'funding', time, rate: funding.fundingRate, nextFundingTime: funding.nextFundingTimestamp ?? funding.fundingTimestamp ?? null }, filled);
	}

	async #fillGap(generation: number, outage: Outage): Promise<void> {
		for (const timeframe of this.#timeframes) {
			const lastClosed = this.#lastClosed.get(timeframe);
			if (lastClosed) await this.#fetchCandles(timeframe, lastClosed.time + TIMEFRAME_MS[timeframe], true);
		}
		if (generation !== this.#generation) return;
		const history = await this.#rest('open interest history', (exchange) =>
			exchange.fetchOpenInterestHistory(PERP, '5m', outage.from, 100, { until: outage.to ?? undefined }) as Promise<CcxtOpenInterest[]>
		);
		const price = this.#lastPrice();
		const inGap = (history ?? []).filter((point) => typeof point.timestamp === 'number' && point.timestamp > outage.from);
		for (const point of inGap.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0))) {
			const value = point.openInterestValue ?? (point.openInterestAmount !== undefined && price !== null ? point.openInterestAmount * price : null);
			if (typeof point.timestamp === 'number' && value) this.#accept({ type: 'openInterest', time: point.timestamp, value: Math.round(value * 100) / 100 }, true);
		}
		await this.#fetchFunding(true);
	}

	/** Polls open interest; retried sooner (`throttleMs`) while it cannot be passed on yet. */
	#pollOpenInterest(generation: number): void {
		if (generation !== this.#generation) return;
		void this.#fetchOpenInterest(false).then((passed) => {
			const { openInterestPollMs, throttleMs } = this.#deps.timing;
			this.#later(passed ? openInterestPollMs : throttleMs, () => this.#pollOpenInterest(generation));
		});
	}

	#startPolling(generation: number, reason: string): void {
		this.#generation = generation;
		const seconds = Math.round(this.#deps.timing.pollMs / 1000);
		this.#setState('polling', `websocket unavailable (${reason}): polling REST every ${seconds} s; liquidation prints are not available over REST`);
		const poll = () => {
			if (generation !== this.#generation) return;
			const now = this.#deps.clock.now();
			void (async () => {
				for (const timeframe of this.#timeframes) await this.#fetchCandles(timeframe, now - 2 * TIMEFRAME_MS[timeframe], false);
				await this.#fetchOpenInterest(false);
				await this.#fetchFunding(false);
			})();
			this.#later(this.#deps.timing.pollMs, poll);
		};
		poll();
	}
}
