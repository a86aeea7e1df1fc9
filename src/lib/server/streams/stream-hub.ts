/**
 * The process's exchange streams, shared by every listener (`/api/stream` clients, `liqmap watch`): at most one
 * `ExchangeStream` per exchange, reference-counted by listener and by timeframe, started by the first listener and
 * closed when the last one leaves. Every print seen is kept in a bounded ring (`/api/liquidations`).
 * `streamHub()` is the process-wide instance (configured from the environment); tests build their own with a manual
 * clock.
 */
import type { Timeframe } from '../../core/types.ts';
import { EXCHANGES, exchangeAdapter, type ExchangeId } from '../exchanges.ts';
import { liveSources, type LiveSources } from '../live-sources.ts';
import type { StreamConnector } from './connector.ts';
import { ExchangeStream } from './exchange-stream.ts';
import { LiquidationRing } from './liquidation-ring.ts';
import { readStreamConfig, STREAM_TIMING, type StreamConfig, type StreamTiming } from './stream-config.ts';
import { systemClock, type Clock, type LiquidationPrint, type Outage, type StreamEvent, type StreamStatus } from './types.ts';

/** Each exchange's stream connector, by id: the `stream` of its adapter in the registry (`exchanges.ts`). */
export const STREAM_CONNECTORS: Readonly<Record<ExchangeId, StreamConnector>> = Object.fromEntries(EXCHANGES.map((exchange) => [exchange.id, exchange.stream]));

/** Prints kept in memory over all exchanges (about 100 bytes each). */
export const RING_CAPACITY = 20_000;

/** Outages of closed streams kept for `/api/liquidations` (the oldest are forgotten). */
const MAX_CLOSED_OUTAGES = 500;

export type StreamListener = (event: StreamEvent) => void;

interface Session {
	stream: ExchangeStream;
	listeners: Map<StreamListener, Timeframe>;
}

export interface StreamHubOptions {
	live: LiveSources;
	config: StreamConfig;
	clock?: Clock;
	timing?: Partial<StreamTiming>;
}

export class StreamHub {
	readonly clock: Clock;
	readonly ring = new LiquidationRing(RING_CAPACITY);
	readonly #sessions = new Map<ExchangeId, Session>();
	/** Outages and drops of streams already closed stay visible in `/api/liquidations`. */
	readonly #closedOutages: Outage[] = [];
	readonly #timing: StreamTiming;

	constructor(readonly options: StreamHubOptions) {
		this.clock = options.clock ?? systemClock;
		this.#timing = { ...STREAM_TIMING, ...options.timing };
	}

	/** Listens to the given exchanges (candles of `timeframe` only); returns the function that stops listening. */
	subscribe(ids: readonly ExchangeId[], timeframe: Timeframe, listener: StreamListener): () => void {
		for (const id of ids) {
			const session = this.#sessions.get(id) ?? this.#open(id);
			session.listeners.set(listener, timeframe);
			session.stream.addTimeframe(timeframe);
			listener({ type: 'status', data: session.stream.status() });
		}
		return () => {
			for (const id of ids) this.#leave(id, listener);
		};
	}

	/** Status of an exchange's stream, or null when no one is listening to it. */
	status(id: ExchangeId): StreamStatus | null {
		return this.#sessions.get(id)?.stream.status() ?? null;
	}

	/** Prints seen of the given exchanges since `since` (ms), newest last, at most `limit`. */
	liquidations(ids: readonly ExchangeId[], since: number, limit: number): LiquidationPrint[] {
		return this.ring.query(new Set(ids), since, limit);
	}

	/** Outages of the given exchanges (of open and closed streams), oldest first. */
	outages(ids: readonly ExchangeId[]): Outage[] {
		const open = [...this.#sessions.values()].flatMap((session) => session.stream.status().outages);
		return [...this.#closedOutages, ...open].filter((outage) => ids.includes(outage.exchange)).sort((a, b) => a.from - b.from);
	}

	/** Exchanges with an open stream. */
	get streaming(): ExchangeId[] {
		return [...this.#sessions.keys()];
	}

	async close(): Promise<void> {
		const sessions = [...this.#sessions.values()];
		this.#sessions.clear();
		await Promise.all(sessions.map((session) => session.stream.stop()));
	}

	#open(id: ExchangeId): Session {
		const listeners = new Map<StreamListener, Timeframe>();
		const stream = new ExchangeStream({
			connector: exchangeAdapter(id).stream,
			rest: this.options.live.client(id),
			wsOrigin: this.options.config.wsOrigins[id],
			clock: this.clock,
			timing: this.#timing,
			emit: (event) => {
				if (event.type === 'liquidation') this.ring.add(event.data);
				for (const [listener, timeframe] of [...listeners]) {
					if (event.type === 'candle' && event.data.timeframe !== timeframe) continue;
					listener(event);
				}
			}
		});
		const session = { stream, listeners };
		this.#sessions.set(id, session);
		stream.start();
		return session;
	}

	#leave(id: ExchangeId, listener: StreamListener): void {
		const session = this.#sessions.get(id);
		if (!session) return;
		const timeframe = session.listeners.get(listener);
		session.listeners.delete(listener);
		if (session.listeners.size === 0) {
			this.#sessions.delete(id);
			this.#closedOutages.push(...session.stream.status().outages);
			this.#closedOutages.splice(0, Math.max(0, this.#closedOutages.length - MAX_CLOSED_OUTAGES));
			void session.stream.stop();
		} else if (timeframe && ![...session.listeners.values()].includes(timeframe)) session.stream.removeTimeframe(timeframe);
	}
}

let shared: StreamHub | null = null;

/** The process-wide hub (created on first use from the environment and the process-wide live sources). */
export function streamHub(): StreamHub {
	shared ??= new StreamHub({ live: liveSources(), config: readStreamConfig() });
	return shared;
}

/** Replaces the process-wide hub (tests). */
export function resetStreamHub(hub: StreamHub | null): void {
	void shared?.close();
	shared = hub;
}
