/**
 * One ccxt instance per exchange per process, wrapped so that every call:
 * - waits for a slot of the process-wide `ConcurrencyLimiter` (a bound on concurrent upstream requests) and for room
 *   in the exchange's request budget (its published rate limit, `request-budget.ts`); these waits count against the
 *   request timeout, so "did not answer within 10 s" is never said after a longer wait;
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
import { PERP as PERP_SYMBOL, type ExchangeAdapter, type ExchangeRateLimit, type RequestKind } from './adapters/types.ts';
import { exchangeAdapter, type ExchangeId } from './exchanges.ts';
import { ConcurrencyLimiter, SlotWaitTimeout } from './limiter.ts';
import { RequestBudget } from './request-budget.ts';
import {
	accessRefusedError,
	badAnswerError,
	budgetError,
	rateLimitError,
	slotTimeoutError,
	timeoutError,
	toUpstreamError,
	unavailableError,
	UpstreamError
} from './upstream-error.ts';

export { EXCHANGE_IDS, type ExchangeId } from './exchanges.ts';
/** The BTC perpetual swap settled in USDT, in ccxt's unified notation (the adapters' `PERP`). */
export { PERP as PERP_SYMBOL } from './adapters/types.ts';

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
		const wait = retryAfterMs(headers['Retry-After'], client.clock());
		client.pauseUntil(client.clock() + wait);
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

/** ccxt options of an exchange: perpetual swaps by default, then the adapter's own (e.g. Bybit: linear markets only). */
export function ccxtOptions(adapter: ExchangeAdapter): Record<string, unknown> {
	return { defaultType: 'swap', ...adapter.ccxtOptions };
}

async function createCcxtExchange(adapter: ExchangeAdapter, client: ExchangeClient, config: ServerConfig): Promise<Exchange> {
	const ccxt = await import('ccxt');
	const Base = ccxt[adapter.ccxtClass] as unknown as typeof ccxt.Exchange;
	class InspectedExchange extends Base {
		onRestResponse(status: number, statusText: string, url: string, method: string, headers: Record<string, string>, body: string) {
			inspectResponse(client, status, headers ?? {}, String(body ?? ''));
			return String(body).trim();
		}
	}
	const exchange = new InspectedExchange({ enableRateLimit: true, timeout: config.upstreamTimeoutMs, options: ccxtOptions(adapter) });
	const origin = config.exchangeOrigins[adapter.id];
	if (origin) pointApiAt(exchange.urls.api, origin);
	return exchange;
}

export class ExchangeClient {
	readonly name: string;
	readonly budget: RequestBudget;
	#exchange: Promise<Exchange> | null = null;
	#markets: Promise<void> | null = null;
	#pausedUntil = 0;

	constructor(
		readonly id: ExchangeId,
		readonly config: ServerConfig,
		readonly limiter: ConcurrencyLimiter,
		readonly rateLimit: ExchangeRateLimit,
		/** The time (ms) of deadlines, budgets and pauses: the system clock, or a test's. */
		readonly clock: () => number = Date.now
	) {
		this.name = exchangeAdapter(id).name;
		this.budget = new RequestBudget(rateLimit, clock);
	}

	pauseUntil(time: number): void {
		this.#pausedUntil = Math.max(this.#pausedUntil, time);
	}

	/** ms left in a rate-limit pause (0 when the exchange may be asked). */
	pauseLeftMs(now = this.clock()): number {
		return Math.max(0, this.#pausedUntil - now);
	}

	/** The ccxt instance (created on first use; ccxt is imported only when a live source is used). */
	exchange(): Promise<Exchange> {
		this.#exchange ??= createCcxtExchange(exchangeAdapter(this.id), this, this.config);
		return this.#exchange;
	}

	/**
	 * Sends one request once a concurrency slot is free and the budget allows it, all by `deadline` (ms UTC): the
	 * answer, or the failure of whichever wait ran out, in plain words. The slot stays taken until the exchange's
	 * answer or ccxt's own timeout, even when the caller has been answered at the deadline.
	 */
	#send<T>(kind: RequestKind, started: number, send: () => Promise<T>): Promise<T> {
		const timeoutMs = this.config.upstreamTimeoutMs;
		const deadline = started + timeoutMs;
		const slotWait = new AbortController();
		let sentAt: number | null = null;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				slotWait.abort();
				// Never sent while every slot was taken: the slots are why; otherwise the exchange (markets, this request) is.
				const slotsBusy = sentAt === null && this.limiter.active >= this.limiter.limit;
				reject(slotsBusy ? slotTimeoutError(this.name, timeoutMs, this.limiter.limit) : timeoutError(this.name, timeoutMs, (sentAt ?? this.clock()) - started));
			}, Math.max(0, deadline - this.clock()));
			const settle =
				<A extends unknown[]>(fn: (...args: A) => void) =>
				(...args: A) => {
					clearTimeout(timer);
					fn(...args);
				};
			this.limiter
				.run(async () => {
					// Past the deadline already: the timer answers the caller; nothing is sent.
					if (this.clock() >= deadline) return;
					const cost = this.rateLimit.cost[kind];
					const at = this.budget.reserve(cost, deadline);
					if (at === null) throw budgetError(this.name, this.rateLimit, timeoutMs, this.budget.earliest(cost) - this.clock());
					if (at > this.clock()) await new Promise((wake) => setTimeout(wake, at - this.clock()));
					sentAt = this.clock();
					const sent = send();
					sent.then(settle(resolve), settle(reject));
					await sent.catch(() => undefined);
				}, slotWait.signal)
				.catch((error: unknown) => {
					// A slot wait cut at the deadline is reported by the timer above, in its own words.
					if (!(error instanceof SlotWaitTimeout)) settle(reject)(error);
				});
		});
	}

	#loadMarkets(exchange: Exchange, started: number): Promise<void> {
		this.#markets ??= this.#send('markets', started, () => exchange.loadMarkets())
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

	/**
	 * Runs one upstream request (markets loaded first) under the concurrency limiter and the exchange's budget; every
	 * wait counts against `LIQMAP_UPSTREAM_TIMEOUT_MS` from the call. Failures become `UpstreamError`s.
	 */
	async call<T>(kind: RequestKind, request: (exchange: Exchange) => Promise<T>): Promise<T> {
		const pause = this.pauseLeftMs();
		if (pause > 0) throw rateLimitError(this.name, pause);
		try {
			const exchange = await this.exchange();
			// The clock starts once ccxt is loaded (local work): from here every wait is for the exchange.
			const started = this.clock();
			await this.#loadMarkets(exchange, started);
			return await this.#send(kind, started, () => request(exchange));
		} catch (error) {
			throw toUpstreamError(error, this.name, this.config.upstreamTimeoutMs, this.pauseLeftMs() || DEFAULT_RETRY_MS);
		}
	}
}
