/**
 * One ccxt instance per exchange per process, wrapped so that every call:
 * - waits for a slot of the process-wide `ConcurrencyLimiter` (a bound on concurrent upstream requests);
 * - loads the markets once (concurrent first callers share one load; a failed load is forgotten, so the next call
 *   retries instead of inheriting ccxt's rejected `marketsLoading` promise forever);
 * - respects a rate-limit pause: after HTTP 429/418 the exchange is not asked again until its `Retry-After` has passed,
 *   and callers get "Binance refused: rate limit, retrying in 30 s" at once;
 * - turns every failure into an `UpstreamError` naming the exchange.
 *
 * ccxt runs with `enableRateLimit: true`, the request timeout from `LIQMAP_UPSTREAM_TIMEOUT_MS`, and options that stop
 * `loadMarkets()` from asking for more than the perpetual markets (Bybit: linear only, OKX: swaps only; Binance USDⓈ-M
 * already loads linear only). Responses are inspected before ccxt parses them (`inspectResponse`) so that an HTML
 * error page or malformed JSON is reported as such instead of being read as an empty answer.
 */
import type { Exchange } from 'ccxt';
import type { ServerConfig } from './config.ts';
import { ConcurrencyLimiter } from './limiter.ts';
import { accessRefusedError, badAnswerError, rateLimitError, toUpstreamError, unavailableError, UpstreamError } from './upstream-error.ts';

export const EXCHANGE_IDS = ['binanceusdm', 'bybit', 'okx'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];
export const EXCHANGE_NAMES: Record<ExchangeId, string> = { binanceusdm: 'Binance', bybit: 'Bybit', okx: 'OKX' };
/** The BTC perpetual swap settled in USDT, in ccxt's unified notation. */
export const PERP_SYMBOL = 'BTC/USDT:USDT';

const DEFAULT_RETRY_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;

/** `Retry-After` in seconds or as an HTTP date → ms (default 30 s, at most 10 min). */
export function retryAfterMs(header: string | undefined, now = Date.now()): number {
	if (!header) return DEFAULT_RETRY_MS;
	const seconds = Number(header);
	const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
	return Number.isFinite(ms) ? Math.min(Math.max(ms, 1000), MAX_RETRY_MS) : DEFAULT_RETRY_MS;
}

/** Refuses answers that ccxt would misread: rate limits, server errors, HTML pages, malformed JSON. */
function inspectResponse(client: ExchangeClient, status: number, headers: Record<string, string>, body: string): void {
	const name = client.name;
	if (status === 429 || status === 418) {
		const wait = retryAfterMs(headers['Retry-After']);
		client.pauseUntil(Date.now() + wait);
		throw rateLimitError(name, wait);
	}
	if (status >= 500) throw unavailableError(name, status);
	// Exchanges block whole regions: Binance answers 451 ("restricted location"), Bybit's CDN 403 with an HTML page.
	if (status === 451 || status === 403) throw accessRefusedError(name, status);
	const text = body.trim();
	if (/^<(!doctype|html|\?xml|head|body)/i.test(text)) throw badAnswerError(name, 'HTML error page');
	if (text === '') throw badAnswerError(name, 'empty body');
	try {
		JSON.parse(text);
	} catch {
		throw badAnswerError(name, 'malformed JSON');
	}
}

/** Replaces the scheme and host of every API URL (including templates like `https://api.{hostname}`); `scheme`
 * chooses which URLs (http(s) for REST, ws(s) for websockets). */
export function pointApiAt(urls: unknown, origin: string, scheme: RegExp = /^https?:\/\/[^/]+/): void {
	if (!urls || typeof urls !== 'object') return;
	const record = urls as Record<string, unknown>;
	for (const [key, value] of Object.entries(record)) {
		if (typeof value === 'string') record[key] = value.replace(scheme, origin);
		else pointApiAt(value, origin, scheme);
	}
}

/** ccxt options of an exchange: perpetual swaps only (Bybit: linear markets, OKX: swaps). */
export function ccxtOptions(id: ExchangeId): Record<string, unknown> {
	const options: Record<string, unknown> = { defaultType: 'swap' };
	if (id === 'bybit') options.fetchMarkets = { types: ['linear'] };
	if (id === 'okx') options.fetchMarkets = { types: ['swap'] };
	return options;
}

async function createCcxtExchange(id: ExchangeId, client: ExchangeClient, config: ServerConfig): Promise<Exchange> {
	const ccxt = await import('ccxt');
	const constructors = { binanceusdm: ccxt.binanceusdm, bybit: ccxt.bybit, okx: ccxt.okx };
	const Base = constructors[id] as unknown as typeof ccxt.Exchange;
	class InspectedExchange extends Base {
		onRestResponse(status: number, statusText: string, url: string, method: string, headers: Record<string, string>, body: string) {
			inspectResponse(client, status, headers ?? {}, String(body ?? ''));
			return String(body).trim();
		}
	}
	const exchange = new InspectedExchange({ enableRateLimit: true, timeout: config.upstreamTimeoutMs, options: ccxtOptions(id) });
	const origin = config.exchangeOrigins[id];
	if (origin) pointApiAt(exchange.urls.api, origin);
	return exchange;
}

export class ExchangeClient {
	readonly name: string;
	#exchange: Promise<Exchange> | null = null;
	#markets: Promise<void> | null = null;
	#pausedUntil = 0;

	constructor(
		readonly id: ExchangeId,
		readonly config: ServerConfig,
		readonly limiter: ConcurrencyLimiter
	) {
		this.name = EXCHANGE_NAMES[id];
	}

	pauseUntil(time: number): void {
		this.#pausedUntil = Math.max(this.#pausedUntil, time);
	}

	/** ms left in a rate-limit pause (0 when the exchange may be asked). */
	pauseLeftMs(now = Date.now()): number {
		return Math.max(0, this.#pausedUntil - now);
	}

	/** The ccxt instance (created on first use; ccxt is imported only when a live source is used). */
	exchange(): Promise<Exchange> {
		this.#exchange ??= createCcxtExchange(this.id, this, this.config);
		return this.#exchange;
	}

	#loadMarkets(exchange: Exchange): Promise<void> {
		this.#markets ??= this.limiter
			.run(() => exchange.loadMarkets())
			.then((markets) => {
				if (!markets[PERP_SYMBOL])
					throw new UpstreamError('upstream-refused', this.name, `${this.name} does not list ${PERP_SYMBOL}`);
			})
			.catch((error: unknown) => {
				this.#markets = null;
				// ccxt keeps a rejected load and would return it forever: clear it so the next call reloads.
				(exchange as unknown as { marketsLoading?: unknown }).marketsLoading = undefined;
				throw error;
			});
		return this.#markets;
	}

	/** Runs one upstream request (markets loaded first) under the limiter; failures become `UpstreamError`s. */
	async call<T>(request: (exchange: Exchange) => Promise<T>): Promise<T> {
		const pause = this.pauseLeftMs();
		if (pause > 0) throw rateLimitError(this.name, pause);
		try {
			const exchange = await this.exchange();
			await this.#loadMarkets(exchange);
			return await this.limiter.run(() => request(exchange));
		} catch (error) {
			throw toUpstreamError(error, this.name, this.config.upstreamTimeoutMs, this.pauseLeftMs() || DEFAULT_RETRY_MS);
		}
	}
}
