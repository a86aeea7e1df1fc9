/**
 * One exchange's live stream: one ccxt websocket instance (so one upstream connection set, whatever the number of
 * browsers), its subscriptions kept alive, messages read by the exchange's connector and checked, and its faults
 * handled:
 * - a malformed message (not JSON, missing or non-numeric fields, inconsistent candle), a duplicate (a print, candle or
 *   update already seen) or an out-of-order one (older than what was already passed on; `event-filter.ts`) is dropped
 *   and counted in the status (`dropped`);
 * - a failed connection is retried after `backoffMs` (1 s, 2 s, 5 s, 10 s, then every 30 s); a stall (no message for
 *   `stallMs`, 60 s) is treated as a failed connection;
 * - the span without data is an outage, shown in the status and kept: liquidation prints of that span are lost for
 *   good (no exchange serves past prints), candles, open interest and funding are fetched over REST once the stream is
 *   back (`filled: true` on those events);
 * - a websocket refused by the server (HTTP 4xx on the upgrade) or `maxFailures` failed attempts in a row switch to
 *   REST polling every `pollMs` (candles, open interest, funding; no prints), which the status says; websockets are
 *   tried again every `wsRetryMs` (5 minutes).
 * Open interest is polled over REST every `openInterestPollMs` where the exchange has no stream of it.
 * All times come from the injected `Clock`; nothing here reads the wall clock.
 */
import { TIMEFRAME_MS } from '../../core/market/resample.ts';
import type { Timeframe } from '../../core/types.ts';
import { PERP, type CcxtOpenInterest, type RequestKind } from '../adapters/types.ts';
import type { ExchangeClient } from '../exchange-client.ts';
import { exchangeName } from '../exchanges.ts';
import type { ParsedEvent, ProExchange, StreamConnector } from './connector.ts';
import { EventFilter } from './event-filter.ts';
import { createProExchange } from './pro-exchange.ts';
import type { StreamTiming } from './stream-config.ts';
import type { Clock, Outage, StreamEvent, StreamState, StreamStatus } from './types.ts';

interface CcxtFunding {
	timestamp?: number;
	fundingRate?: number;
	fundingTimestamp?: number;
	nextFundingTimestamp?: number;
}

export interface ExchangeStreamDeps {
	/** The exchange's stream part of its adapter. */
	connector: StreamConnector;
	/** The exchange's REST client (its id is the stream's). */
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

/** A ccxt `NetworkError` (any subclass: timeout, refused, closed…) or a closed-by-user error, by class name along the
 * prototype chain (ccxt is imported lazily, so its classes are not at hand here). */
function isConnectionError(error: unknown): boolean {
	for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
		if (['NetworkError', 'ExchangeClosedByUser'].includes(proto.constructor?.name)) return true;
	}
	return false;
}

/** A websocket upgrade answered with an HTTP refusal (403, 451…): retrying will not help. */
function isRefusal(error: unknown): boolean {
	return /Unexpected server response: 4\d\d/.test(describe(error));
}

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
	readonly #timers = new Set<unknown>();

	readonly #filter: EventFilter;

	constructor(deps: ExchangeStreamDeps) {
		this.#deps = deps;
		this.#filter = new EventFilter(deps.rest.id, deps.timing.throttleMs, this.#timeframes);
	}

	get id() {
		return this.#deps.rest.id;
	}

	status(): StreamStatus {
		return {
			exchange: this.id,
			name: exchangeName(this.id),
			state: this.#state,
			reason: this.#reason,
			outages: this.#outages.map((outage) => ({ ...outage })),
			dropped: { ...this.#filter.dropped },
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
		this.#filter.forget(timeframe);
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
					if (isConnectionError(error) || ++errorsInARow >= 3) return this.#fail(generation, error);
					this.#filter.dropped.malformed++;
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
			this.#filter.dropped.malformed++;
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

	/** Passes the event on when it passes the checks (`event-filter.ts`); a drop is shown in the status. */
	#accept(event: ParsedEvent, filled: boolean): void {
		const dropped = this.#droppedCount();
		const passed = this.#filter.check(event, filled);
		if (passed) this.#deps.emit(passed);
		else if (this.#droppedCount() !== dropped) this.#emitStatus();
	}

	#droppedCount(): number {
		const { malformed, duplicate, outOfOrder } = this.#filter.dropped;
		return malformed + duplicate + outOfOrder;
	}

	// ---- REST: gap fill, open-interest polling, fallback ----

	async #rest<T>(what: string, kind: RequestKind, request: (exchange: ProExchange) => Promise<T>): Promise<T | null> {
		try {
			return await this.#deps.rest.call(kind, (exchange) => request(exchange as ProExchange));
		} catch (error) {
			this.#reason = `${what} over REST failed: ${describe(error)}`;
			this.#emitStatus();
			return null;
		}
	}

	async #fetchCandles(timeframe: Timeframe, since: number, filled: boolean): Promise<void> {
		const candleMs = TIMEFRAME_MS[timeframe];
		const now = this.#deps.clock.now();
		const rows = await this.#rest('candles', 'candles', (exchange) => exchange.fetchOHLCV(PERP, timeframe, since, 100, { until: now }));
		if (!rows) return;
		const candles = rows
			.map((row) => ({ time: Number(row[0]), open: Number(row[1]), high: Number(row[2]), low: Number(row[3]), close: Number(row[4]), volume: Number(row[5]) }))
			.filter((c) => Object.values(c).every(Number.isFinite))
			.sort((a, b) => a.time - b.time);
		for (const candle of candles) this.#accept({ type: 'candle', timeframe, candle, closed: candle.time + candleMs <= now }, filled);
	}

	/** Fetches open interest; false when it could not be passed on (failed, or in BTC before any price was seen). */
	async #fetchOpenInterest(filled: boolean): Promise<boolean> {
		const point = await this.#rest('open interest', 'openInterest', (exchange) => exchange.fetchOpenInterest(PERP) as Promise<CcxtOpenInterest>);
		if (!point) return false;
		const price = this.#filter.lastPrice();
		const value = point.openInterestValue ?? (point.openInterestAmount !== undefined && price !== null ? point.openInterestAmount * price : null);
		const time = point.timestamp ?? this.#deps.clock.now();
		if (value === null || !(value > 0)) return false;
		this.#accept({ type: 'openInterest', time, value: Math.round(value * 100) / 100 }, filled);
		return true;
	}

	async #fetchFunding(filled: boolean): Promise<void> {
		const funding = await this.#rest('funding', 'funding', (exchange) => exchange.fetchFundingRate(PERP) as Promise<CcxtFunding>);
		if (!funding || typeof funding.fundingRate !== 'number') return;
		const time = funding.timestamp ?? this.#deps.clock.now();
		this.#accept({ type: 'funding', time, rate: funding.fundingRate, nextFundingTime: funding.nextFundingTimestamp ?? funding.fundingTimestamp ?? null }, filled);
	}

	async #fillGap(generation: number, outage: Outage): Promise<void> {
		for (const timeframe of this.#timeframes) {
			const lastClosed = this.#filter.lastClosed(timeframe);
			if (lastClosed) await this.#fetchCandles(timeframe, lastClosed.time + TIMEFRAME_MS[timeframe], true);
		}
		if (generation !== this.#generation) return;
		const history = await this.#rest('open interest history', 'openInterest', (exchange) =>
			exchange.fetchOpenInterestHistory(PERP, '5m', outage.from, 100, { until: outage.to ?? undefined }) as Promise<CcxtOpenInterest[]>
		);
		const price = this.#filter.lastPrice();
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
		this.#later(this.#deps.timing.wsRetryMs, () => {
			if (generation !== this.#generation) return;
			this.#failures = 0;
			void this.#connect();
		});
	}
}
