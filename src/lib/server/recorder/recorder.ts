/**
 * The recorder: follows the exchanges' streams (through the stream hub's public `subscribe`) and keeps in a store
 * what they send: closed 5-minute candles (the finest timeframe all three exchanges stream), open interest, funding,
 * every liquidation print, and the outages (stream down, recorder stopped, buffer overflow).
 *
 * - Events go into a bounded buffer (`bufferMax` rows); every `flushMs` up to `batchMax` of them are written in one
 *   transaction. A failed write (database locked, disk full, PostgreSQL connection lost) keeps the rows and is retried
 *   after 1 s, 2 s, 5 s, 10 s, then every 30 s, while new data keeps arriving into the buffer; what does not fit is
 *   dropped and its span recorded as an outage (`buffer-full`). Nothing here throws into the stream or the server.
 * - Malformed prints (a side other than long/short, a non-positive or non-finite price, amount or notional, an
 *   exchange not recorded) are dropped and counted; duplicates are skipped by the database (natural keys) and counted.
 * - On start it resumes: candles, open interest and funding since the last stored row are fetched over REST
 *   (`gapFill`), and the span since the recorder last wrote (`recorder_state.last_seen`) is stored as an outage, since
 *   prints of it cannot be fetched. A first start fetches the last `backfillMs` (5,000 candles, about 17 days): the map
 *   needs candles before the first print.
 * - Rows older than the retention (`retentionDays`, default 365) are deleted at start and every hour.
 * All times come from the injected clock (the hub's): tests move it by hand.
 */
import type { Candle } from '../../core/types.ts';
import type { ExchangeId } from '../exchanges.ts';
import type { Clock, StreamEvent } from '../streams/types.ts';
import { emptyBatch, RECORD_KINDS, type FundingRow, type OpenInterestRow, type RecordBatch, type RecordedOutage, type RecordStore, type WriteCounts } from './store.ts';

/** The timeframe recorded: the finest the three exchanges stream. */
export const RECORDED_TIMEFRAME = '5m';

/** What the recorder listens to: the stream hub (or anything with the same `subscribe`). */
export interface RecorderSource {
	readonly clock: Clock;
	subscribe(ids: readonly ExchangeId[], timeframe: typeof RECORDED_TIMEFRAME, listener: (event: StreamEvent) => void): () => void;
}

/** History of one exchange since `since` over REST (the resume's gap fill). */
export type GapFill = (exchange: ExchangeId, since: number, now: number) => Promise<{ candles: Candle[]; openInterest: { time: number; value: number }[]; funding: { time: number; rate: number }[] }>;

export interface RecorderOptions {
	flushMs: number;
	batchMax: number;
	bufferMax: number;
	retentionDays: number;
	backoffMs: readonly number[];
	pruneEveryMs: number;
	/** History fetched on a first start (nothing stored yet), ms. */
	backfillMs: number;
}

export const RECORDER_DEFAULTS: RecorderOptions = {
	flushMs: 1_000,
	batchMax: 5_000,
	bufferMax: 200_000,
	retentionDays: 365,
	backoffMs: [1_000, 2_000, 5_000, 10_000, 30_000],
	pruneEveryMs: 3_600_000,
	backfillMs: 5_000 * 300_000
};

const DAY_MS = 86_400_000;

type Item =
	| { kind: 'candles'; row: RecordBatch['candles'][number] }
	| { kind: 'openInterest'; row: OpenInterestRow }
	| { kind: 'funding'; row: FundingRow }
	| { kind: 'liquidations'; row: RecordBatch['liquidations'][number] }
	| { kind: 'outages'; row: RecordedOutage };

export interface RecorderStatus {
	state: 'starting' | 'recording' | 'retrying' | 'stopped';
	exchanges: ExchangeId[];
	/** Rows waiting to be written, and the most the buffer holds. */
	buffered: number;
	bufferMax: number;
	written: WriteCounts;
	dropped: { malformed: number; duplicate: number; overflow: number };
	/** The last failed write, in plain words; null after a successful one. */
	lastError: string | null;
	failures: number;
	retentionDays: number;
}

const finite = (...values: unknown[]) => values.every((v) => typeof v === 'number' && Number.isFinite(v));
const positive = (...values: unknown[]) => values.every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0);

function describe(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
}

export class Recorder {
	readonly options: RecorderOptions;
	readonly #buffer: Item[] = [];
	readonly #written: WriteCounts = { liquidations: 0, candles: 0, openInterest: 0, funding: 0, outages: 0 };
	readonly #dropped = { malformed: 0, duplicate: 0, overflow: 0 };
	/** Outages of the streams already queued (exchange:from). */
	readonly #streamOutages = new Set<string>();
	/** Spans of dropped data per exchange while the buffer is full. */
	readonly #overflow = new Map<ExchangeId, RecordedOutage>();
	#state: RecorderStatus['state'] = 'starting';
	#lastError: string | null = null;
	#failures = 0;
	#retryAt = 0;
	#flushing: Promise<void> | null = null;
	#unsubscribe: (() => void) | null = null;
	#timer: unknown = null;
	#lastPrune = -Infinity;

	constructor(
		readonly store: RecordStore,
		readonly source: RecorderSource,
		readonly exchanges: readonly ExchangeId[],
		options: Partial<RecorderOptions> = {},
		readonly gapFill: GapFill | null = null
	) {
		this.options = { ...RECORDER_DEFAULTS, ...options };
	}

	get clock(): Clock {
		return this.source.clock;
	}

	/** Resumes (outage since the last run, REST gap fill), then follows the streams and writes every `flushMs`. */
	async start(): Promise<void> {
		const now = this.clock.now();
		for (const exchange of this.exchanges) await this.#resume(exchange, now);
		this.#unsubscribe = this.source.subscribe(this.exchanges, RECORDED_TIMEFRAME, (event) => this.accept(event));
		this.#state = 'recording';
		this.#schedule();
	}

	async #resume(exchange: ExchangeId, now: number): Promise<void> {
		let latest;
		try {
			latest = await this.store.latest(exchange, RECORDED_TIMEFRAME);
		} catch (error) {
			this.#lastError = `reading the last stored rows failed: ${describe(error)}`;
			return;
		}
		if (latest.lastSeen !== null && latest.lastSeen < now) this.#push({ kind: 'outages', row: { exchange, from: latest.lastSeen, to: now, reason: 'recorder-stopped' } });
		const stored = [latest.candle, latest.openInterest, latest.funding].filter((t): t is number => t !== null);
		if (!this.gapFill) return;
		// A first start fetches the history the exchange gives (the map needs candles before the first print).
		const since = stored.length ? Math.min(...stored) : now - this.options.backfillMs;
		try {
			const filled = await this.gapFill(exchange, since, now);
			for (const candle of filled.candles) if (latest.candle === null || candle.time > latest.candle) this.#push({ kind: 'candles', row: { ...candle, exchange, timeframe: RECORDED_TIMEFRAME } });
			for (const point of filled.openInterest)
				if (latest.openInterest === null || point.time > latest.openInterest) this.#push({ kind: 'openInterest', row: { exchange, time: point.time, value: point.value } });
			for (const point of filled.funding) if (latest.funding === null || point.time > latest.funding) this.#push({ kind: 'funding', row: { exchange, time: point.time, rate: point.rate, nextFundingTime: null } });
		} catch (error) {
			this.#lastError = `filling the gap of ${exchange} over REST failed: ${describe(error)}`;
		}
	}

	/** One stream event: checked, then buffered (or counted as dropped). */
	accept(event: StreamEvent): void {
		if (event.type === 'status') {
			for (const outage of event.data.outages) {
				const key = `${outage.exchange}:${outage.from}`;
				if (outage.to === null || this.#streamOutages.has(key) || !this.exchanges.includes(outage.exchange)) continue;
				this.#streamOutages.add(key);
				this.#push({ kind: 'outages', row: { exchange: outage.exchange, from: outage.from, to: outage.to, reason: 'stream-down' } });
			}
			return;
		}
		const item = this.#itemOf(event);
		if (!item) {
			if (event.type === 'liquidation') this.#dropped.malformed++;
			return;
		}
		if (this.#buffer.length >= this.options.bufferMax) {
			this.#dropped.overflow++;
			const exchange = event.data.exchange;
			const time = 'time' in event.data ? event.data.time : event.data.candle.time;
			const span = this.#overflow.get(exchange);
			if (span) span.to = Math.max(span.to, time, this.clock.now());
			else this.#overflow.set(exchange, { exchange, from: Math.min(time, this.clock.now()), to: this.clock.now(), reason: 'buffer-full' });
			return;
		}
		this.#push(item);
	}

	#itemOf(event: Exclude<StreamEvent, { type: 'status' }>): Item | null {
		if (!this.exchanges.includes(event.data.exchange)) return null;
		switch (event.type) {
			case 'liquidation': {
				const p = event.data;
				if ((p.side !== 'long' && p.side !== 'short') || !positive(p.time, p.price, p.amount, p.notional)) return null;
				return { kind: 'liquidations', row: { time: p.time, exchange: p.exchange, side: p.side, price: p.price, amount: p.amount, notional: p.notional } };
			}
			case 'candle': {
				const { candle: c, closed, exchange, timeframe } = event.data;
				if (!closed || timeframe !== RECORDED_TIMEFRAME || !positive(c.time, c.open, c.high, c.low, c.close) || !finite(c.volume)) return null;
				if (c.high < Math.max(c.open, c.close) || c.low > Math.min(c.open, c.close)) return null;
				return { kind: 'candles', row: { ...c, exchange, timeframe } };
			}
			case 'openInterest':
				return positive(event.data.time, event.data.value) ? { kind: 'openInterest', row: { exchange: event.data.exchange, time: event.data.time, value: event.data.value } } : null;
			case 'funding': {
				const f = event.data;
				return positive(f.time) && finite(f.rate) ? { kind: 'funding', row: { exchange: f.exchange, time: f.time, rate: f.rate, nextFundingTime: f.nextFundingTime } } : null;
			}
		}
	}

	#push(item: Item): void {
		this.#buffer.push(item);
	}

	#schedule(): void {
		this.#timer = this.clock.setTimeout(() => {
			if (this.#state === 'stopped') return;
			void this.flush().finally(() => {
				if (this.#state !== 'stopped') this.#schedule();
			});
		}, this.options.flushMs);
	}

	/**
	 * Writes the oldest `batchMax` buffered rows in one transaction (plus the overflow spans that ended, and where the
	 * recorder stands). During a backoff after a failure it does nothing unless `force`.
	 */
	flush(force = false): Promise<void> {
		if (this.#flushing) return this.#flushing;
		if (!force && this.clock.now() < this.#retryAt) return Promise.resolve();
		this.#flushing = this.#writeOnce().finally(() => {
			this.#flushing = null;
		});
		return this.#flushing;
	}

	async #writeOnce(): Promise<void> {
		const now = this.clock.now();
		const taken = this.#buffer.slice(0, this.options.batchMax);
		const batch = emptyBatch();
		for (const item of taken) (batch[item.kind] as unknown[]).push(item.row);
		// Spans of dropped data go with every batch (a span still growing is extended: same start, later end).
		const spans = [...this.#overflow.values()].map((span) => ({ ...span }));
		batch.outages.push(...spans);
		batch.seen = this.exchanges.map((exchange) => ({ exchange, time: now }));
		try {
			const counts = await this.store.write(batch);
			this.#buffer.splice(0, taken.length);
			// A span ends once there is room again; a later overflow starts a new one.
			if (this.#buffer.length < this.options.bufferMax) for (const span of spans) if (this.#overflow.get(span.exchange)?.to === span.to) this.#overflow.delete(span.exchange);
			for (const kind of RECORD_KINDS) this.#written[kind] += counts[kind];
			this.#dropped.duplicate += batch.liquidations.length - counts.liquidations;
			this.#failures = 0;
			this.#retryAt = 0;
			this.#lastError = null;
			if (this.#state === 'retrying') this.#state = 'recording';
			if (now - this.#lastPrune >= this.options.pruneEveryMs) {
				this.#lastPrune = now;
				await this.store.prune(now - this.options.retentionDays * DAY_MS);
			}
		} catch (error) {
			this.#failures++;
			const { backoffMs } = this.options;
			const wait = backoffMs[Math.min(this.#failures - 1, backoffMs.length - 1)];
			this.#retryAt = now + wait;
			this.#lastError = `writing to ${this.store.location} failed: ${describe(error)}; retrying in ${Math.round(wait / 1000)} s`;
			if (this.#state !== 'stopped') this.#state = 'retrying';
		}
	}

	status(): RecorderStatus {
		return {
			state: this.#state,
			exchanges: [...this.exchanges],
			buffered: this.#buffer.length,
			bufferMax: this.options.bufferMax,
			written: { ...this.#written },
			dropped: { ...this.#dropped },
			lastError: this.#lastError,
			failures: this.#failures,
			retentionDays: this.options.retentionDays
		};
	}

	/** Stops following the streams and writes what is buffered (one attempt per batch; what fails stays unwritten). */
	async stop(): Promise<void> {
		this.#state = 'stopped';
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
		await this.drain();
	}

	/** Writes until the buffer is empty or a write fails (at least once: where the recorder stands is stored too). */
	async drain(): Promise<void> {
		await this.#flushing;
		do {
			const before = this.#buffer.length;
			await this.flush(true);
			if (before > 0 && this.#buffer.length >= before) break;
		} while (this.#buffer.length > 0);
	}
}
