/**
 * The browser's derivatives feed for a live source: open interest and funding over the lookback (`/api/derivatives`)
 * and the liquidation prints the server has seen (`/api/liquidations`), then kept current by the `liquidation`,
 * `openInterest` and `funding` events of the live stream (`LiveStream`, the one `EventSource`). It hands out a
 * `DerivativesContext` (null for the sample and imported files: they have no derivatives, and nothing is made up).
 *
 * Memory is bounded: at most `MAX_PRINTS` prints are kept (the newest), and live open-interest and funding updates
 * replace the point of their own bar (one point per candle of the timeframe), so the series grow by one point per
 * candle at most. Source "all": open interest is the sum of each exchange's latest value (once all have reported),
 * funding their mean, as `/api/derivatives` combines them.
 */
import { messageOf } from '$lib/error-message.ts';
import type { Source } from '$lib/core/analysis/params.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { DerivativesContext, FundingPoint, OpenInterestPoint, Timeframe } from '$lib/core/types.ts';
import type { FundingEvent, LiquidationPrint, OpenInterestEvent, StreamExchange } from '$lib/stream-types.ts';

/** Prints kept in the browser (the newest; about 100 bytes each). */
export const MAX_PRINTS = 5_000;

export interface DerivativesJson {
	openInterest: OpenInterestPoint[];
	funding: FundingPoint[];
}

interface LiquidationsJson {
	liquidations: LiquidationPrint[];
}

export type FeedStatus = 'off' | 'loading' | 'ready' | 'failed';

/** The feed's inputs from the stream (`LiveStream` handlers). */
export interface DerivativesSink {
	addPrint(print: LiquidationPrint): void;
	addOpenInterest(event: OpenInterestEvent): void;
	addFunding(event: FundingEvent): void;
}

export class DerivativesFeed implements DerivativesSink {
	#key = '';
	#timeframe: Timeframe = '15m';
	#status = $state<FeedStatus>('off');
	#error = $state<string | null>(null);
	#openInterest = $state.raw<OpenInterestPoint[]>([]);
	#funding = $state.raw<FundingPoint[]>([]);
	#prints = $state.raw<LiquidationPrint[]>([]);
	/** The funding rate in force and the next settlement, from the stream (null until it says). */
	#nextFundingTime = $state<number | null>(null);
	/** Exchanges whose prints are included (from the source), for the Binance caveat. */
	#exchanges = $state.raw<StreamExchange[]>([]);
	/** Stream events that came while the history was loading, merged in after it. */
	#pending: (() => void)[] = [];
	/** Latest open interest and funding per exchange (source "all" combines them). */
	#latestOi = new Map<string, number>();
	#latestFunding = new Map<string, number>();
	#abort: AbortController | null = null;
	readonly #fetch: typeof fetch;

	constructor(fetcher: typeof fetch = (...args) => fetch(...args)) {
		this.#fetch = fetcher;
	}

	get status(): FeedStatus {
		return this.#status;
	}
	/** What of the history could not be loaded and why, in plain words (the rest is shown). */
	get error(): string | null {
		return this.#error;
	}
	get prints(): readonly LiquidationPrint[] {
		return this.#prints;
	}
	get nextFundingTime(): number | null {
		return this.#nextFundingTime;
	}
	/** Binance's stream sends at most one print per symbol per second: its totals are a lower bound. */
	get includesBinance(): boolean {
		return this.#exchanges.includes('binanceusdm');
	}

	/** OI, funding and prints of the followed live source, oldest first; null when there is none (sample, file). */
	readonly context: DerivativesContext | null = $derived.by(() =>
		this.#status === 'off' ? null : { openInterest: this.#openInterest, funding: this.#funding, realised: this.#prints }
	);

	/**
	 * Follows a live source (null: none, e.g. the sample or a file); loads its history when the source, timeframe or
	 * lookback changed.
	 */
	follow(source: Exclude<Source, 'sample'> | null, timeframe: Timeframe, lookbackDays: number): void {
		const key = source ? `${source}:${timeframe}:${lookbackDays}` : '';
		if (key === this.#key) return;
		this.#key = key;
		this.#abort?.abort();
		this.#abort = null;
		this.#pending = [];
		this.#latestOi.clear();
		this.#latestFunding.clear();
		this.#openInterest = [];
		this.#funding = [];
		this.#prints = [];
		this.#nextFundingTime = null;
		this.#error = null;
		this.#timeframe = timeframe;
		if (!source) {
			this.#status = 'off';
			this.#exchanges = [];
			return;
		}
		this.#exchanges = source === 'all' ? ['binanceusdm', 'bybit', 'okx'] : [source];
		void this.#load(source, timeframe, lookbackDays);
	}

	async #load(source: string, timeframe: Timeframe, lookbackDays: number): Promise<void> {
		const abort = new AbortController();
		this.#abort = abort;
		this.#status = 'loading';
		const query = (params: Record<string, string>) => new URLSearchParams({ source, ...params }).toString();
		// Each independently: prints still come when the exchanges' REST history fails (e.g. one of "all" is down).
		const [derivatives, liquidations] = await Promise.allSettled([
			this.#json<DerivativesJson>(`/api/derivatives?${query({ timeframe, lookback: String(lookbackDays) })}`, abort.signal),
			this.#json<LiquidationsJson>(`/api/liquidations?${query({ limit: String(MAX_PRINTS) })}`, abort.signal)
		]);
		if (abort.signal.aborted) return;
		if (derivatives.status === 'fulfilled') {
			this.#openInterest = derivatives.value.openInterest;
			this.#funding = derivatives.value.funding;
		}
		if (liquidations.status === 'fulfilled') this.#prints = mergePrints([], liquidations.value.liquidations);
		const failures = [derivatives, liquidations].flatMap((result, i) =>
			result.status === 'rejected' ? [`${i === 0 ? 'open interest and funding' : 'liquidation prints'} unavailable: ${messageOf(result.reason)}`] : []
		);
		this.#error = failures.length ? failures.join('; ') : null;
		this.#status = failures.length === 2 ? 'failed' : 'ready';
		// What the stream said meanwhile is newer than the history: applied on top.
		const pending = this.#pending;
		this.#pending = [];
		for (const apply of pending) apply();
	}

	async #json<T>(url: string, signal: AbortSignal): Promise<T> {
		const response = await this.#fetch(url, { signal });
		const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
		if (!response.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
		return body;
	}

	/** Runs `apply` now, or after the history when it is still loading; nothing when no live source is followed. */
	#whenLoaded(apply: () => void): void {
		if (this.#status === 'off') return;
		if (this.#status === 'loading') this.#pending.push(apply);
		else apply();
	}

	addPrint(print: LiquidationPrint): void {
		this.#whenLoaded(() => (this.#prints = mergePrints(this.#prints, [print])));
	}

	addOpenInterest(event: OpenInterestEvent): void {
		this.#whenLoaded(() => {
			this.#latestOi.set(event.exchange, event.value);
			if (this.#latestOi.size < this.#exchanges.length) return;
			const value = [...this.#latestOi.values()].reduce((sum, v) => sum + v, 0);
			this.#openInterest = putInBar(this.#openInterest, { time: event.time, value }, TIMEFRAME_MS[this.#timeframe]);
		});
	}

	addFunding(event: FundingEvent): void {
		this.#whenLoaded(() => {
			this.#latestFunding.set(event.exchange, event.rate);
			if (event.nextFundingTime !== null) this.#nextFundingTime = event.nextFundingTime;
			if (this.#latestFunding.size < this.#exchanges.length) return;
			const rates = [...this.#latestFunding.values()];
			const rate = rates.reduce((sum, r) => sum + r, 0) / rates.length;
			this.#funding = putInBar(this.#funding, { time: event.time, rate }, TIMEFRAME_MS[this.#timeframe]);
		});
	}

	dispose(): void {
		this.follow(null, this.#timeframe, 0);
	}
}

const printKey = (p: LiquidationPrint) => `${p.time}|${p.exchange}|${p.side}|${p.price}|${p.amount}`;

/** `known` plus the new prints not already in it, by time (oldest first), the newest `MAX_PRINTS` kept. */
export function mergePrints(known: readonly LiquidationPrint[], added: readonly LiquidationPrint[]): LiquidationPrint[] {
	const last = known.at(-1);
	// The usual case, one newer print from the stream: appended without sorting.
	if (added.length === 1 && (!last || added[0].time > last.time)) return trim([...known, added[0]]);
	const seen = new Set(known.map(printKey));
	const fresh = added.filter((p) => !seen.has(printKey(p)) && (seen.add(printKey(p)), true));
	if (fresh.length === 0) return known as LiquidationPrint[];
	return trim([...known, ...fresh].sort((a, b) => a.time - b.time));
}

function trim(prints: LiquidationPrint[]): LiquidationPrint[] {
	return prints.length > MAX_PRINTS ? prints.slice(prints.length - MAX_PRINTS) : prints;
}

/**
 * A live reading placed in the series: it replaces the last point when both fall in the same bar of `barMs` (one point
 * per candle), else it is appended; an older reading than the last is ignored.
 */
export function putInBar<T extends { time: number }>(series: readonly T[], point: T, barMs: number): T[] {
	const last = series.at(-1);
	if (last && point.time < last.time) return series as T[];
	if (last && Math.floor(last.time / barMs) === Math.floor(point.time / barMs)) return [...series.slice(0, -1), point];
	return [...series, point];
}
