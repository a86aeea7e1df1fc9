/**
 * The live sources of the process: one `ExchangeClient` (one ccxt instance) per exchange, one bound on concurrent
 * upstream requests shared by all of them, and one cache of market series keyed by exchange, timeframe and one of the
 * app's series lengths (`series-sizes.ts`). `liveSources()` returns the process-wide instance (configured from the environment, see `config.ts`); the
 * API routes and the CLI both go through it. Nothing per user is kept: the cache holds public market data only.
 */
import { TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Timeframe } from '../core/types.ts';
import type { ExchangeRateLimit } from './adapters/types.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import { ExchangeClient } from './exchange-client.ts';
import { EXCHANGE_IDS, exchangeAdapter, exchangeName, type ExchangeId } from './exchanges.ts';
import { ConcurrencyLimiter } from './limiter.ts';
import { fetchLiveMarket, lastCandles, type LiveMarket } from './live-market.ts';
import { CACHE_TTL_MS, MarketCache } from './market-cache.ts';
import { seriesSize } from './series-sizes.ts';
import { toUpstreamError, UpstreamError } from './upstream-error.ts';

/** A series as served: the data, when it was fetched, and the failure if a refresh failed and older data is served. */
export interface ServedMarket {
	market: LiveMarket;
	fetchedAt: number;
	fallback: UpstreamError | null;
	/** The leading candles read from the recording (`LIQMAP_DB`) rather than the exchange, when any. */
	recordedCandles?: RecordedCandleSpan;
}

/** Candles of a served series read from the recording: open times of the first and last (ms UTC), count, and the note. */
export interface RecordedCandleSpan {
	from: number;
	to: number;
	count: number;
	note: string;
}

export interface FailedSource {
	source: ExchangeId;
	name: string;
	error: UpstreamError;
}

export class LiveSources {
	readonly limiter: ConcurrencyLimiter;
	readonly cache = new MarketCache<LiveMarket>();
	readonly #clients: Record<ExchangeId, ExchangeClient>;

	/** Time-to-live of cached series per timeframe (ms); tests may shorten it. */
	readonly ttlMs: Record<Timeframe, number>;

	constructor(
		readonly config: ServerConfig,
		ttlOverrides: Partial<Record<Timeframe, number>> = {},
		/** Tests: a smaller budget than the exchange's published one. */
		rateLimits: Partial<Record<ExchangeId, ExchangeRateLimit>> = {},
		/** The clients' time of deadlines, budgets and pauses (tests: their own). */
		clock: () => number = Date.now
	) {
		this.ttlMs = { ...CACHE_TTL_MS, ...ttlOverrides };
		this.limiter = new ConcurrencyLimiter(config.maxUpstream);
		const client = (id: ExchangeId) => new ExchangeClient(id, config, this.limiter, rateLimits[id] ?? exchangeAdapter(id).rateLimit, clock);
		this.#clients = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, client(id)])) as Record<
			ExchangeId,
			ExchangeClient
		>;
	}

	client(id: ExchangeId): ExchangeClient {
		return this.#clients[id];
	}

	/**
	 * The last `count` closed candles (+ forming candle, open interest) of one exchange, cached and coalesced: the
	 * series fetched is the next of the app's lengths (`seriesSize`), so any `count` shares one of a few fetches.
	 */
	async market(id: ExchangeId, timeframe: Timeframe, count: number, now = Date.now()): Promise<ServedMarket> {
		const size = seriesSize(timeframe, count);
		const served = await this.#cached(id, timeframe, `${size}`, size, now);
		return { ...served, market: lastCandles(served.market, count) };
	}

	/**
	 * The closed candles opening at `since` and later (+ forming candle, open interest over them), cached per start:
	 * the newest part of a span whose older part was read from the recording.
	 */
	async marketSince(id: ExchangeId, timeframe: Timeframe, since: number, now = Date.now()): Promise<ServedMarket> {
		const candleMs = TIMEFRAME_MS[timeframe];
		const count = Math.max(1, Math.ceil((Math.floor(now / candleMs) * candleMs - since) / candleMs));
		return this.#cached(id, timeframe, `since:${since}`, count, now);
	}

	async #cached(id: ExchangeId, timeframe: Timeframe, series: string, count: number, now: number): Promise<ServedMarket> {
		const client = this.#clients[id];
		const served = await this.cache
			.get(`${id}:${timeframe}:${series}`, this.ttlMs[timeframe], () => fetchLiveMarket(exchangeAdapter(id), client, timeframe, count, now))
			.catch((error: unknown) => {
				throw toUpstreamError(error, exchangeName(id), this.config.upstreamTimeoutMs);
			});
		const fallback = served.fallback ? toUpstreamError(served.fallback, exchangeName(id), this.config.upstreamTimeoutMs) : null;
		return { market: served.value, fetchedAt: served.value.fetchedAt, fallback };
	}

	/**
	 * Several exchanges at once; the ones that fail are returned apart, named, with their errors. `load` serves one
	 * exchange (default: `market`; the analyses: read from the recording first).
	 */
	async markets(
		ids: readonly ExchangeId[],
		timeframe: Timeframe,
		count: number,
		now = Date.now(),
		load: (id: ExchangeId) => Promise<ServedMarket> = (id) => this.market(id, timeframe, count, now)
	): Promise<{ served: ServedMarket[]; failed: FailedSource[] }> {
		const results = await Promise.allSettled(ids.map(load));
		const served: ServedMarket[] = [];
		const failed: FailedSource[] = [];
		results.forEach((result, i) => {
			const id = ids[i];
			if (result.status === 'fulfilled') served.push(result.value);
			else failed.push({ source: id, name: exchangeName(id), error: toUpstreamError(result.reason, exchangeName(id), this.config.upstreamTimeoutMs) });
		});
		return { served, failed };
	}

	/** Upstream and cache counters, for tests and health checks. */
	stats() {
		return { cached: this.cache.size, inflight: this.cache.inflight, activeUpstream: this.limiter.active, queuedUpstream: this.limiter.queued };
	}
}

/** The error when no exchange answered: the one exchange's own, or one naming every exchange's failure. */
export function noExchangeAnswered(failed: readonly FailedSource[]): UpstreamError {
	if (failed.length === 1) return failed[0].error;
	const timeouts = failed.every((f) => f.error.code === 'upstream-timeout');
	return new UpstreamError(timeouts ? 'upstream-timeout' : 'upstream-unavailable', 'all exchanges', `No exchange answered: ${failed.map((f) => f.error.message).join('; ')}`);
}

let shared: LiveSources | null = null;

/** The process-wide live sources (created on first use from the environment). */
export function liveSources(): LiveSources {
	shared ??= new LiveSources(readServerConfig());
	return shared;
}

/** Replaces the process-wide instance (tests: point exchanges at a loopback server, start with an empty cache). */
export function resetLiveSources(
	config: ServerConfig = readServerConfig(),
	ttlOverrides: Partial<Record<Timeframe, number>> = {},
	rateLimits: Partial<Record<ExchangeId, ExchangeRateLimit>> = {}
): LiveSources {
	shared = new LiveSources(config, ttlOverrides, rateLimits);
	return shared;
}
