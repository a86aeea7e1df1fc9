/**
 * Where the page's candles come from: the embedded sample, a live exchange (or all of them) polled through
 * `/api/candles` at about the server cache's time-to-live, or an imported CSV file. It hands the workspace new market
 * data only when closed candles changed (a new candle closed); in between only the forming candle moves, which the
 * chart updates in place.
 *
 * Failures never blank the chart: the last good data of the same source and timeframe stays (or the embedded sample
 * is shown when there is none), with the source named and the reason in the server's plain words, and polling goes
 * on (after `Retry-After` when the exchange asked for it). A refused file leaves everything as it was.
 */
import { messageOf } from '$lib/error-message.ts';
import type { Source } from '$lib/core/analysis/params.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import type { Candle, Timeframe } from '$lib/core/types.ts';
import { TIMEFRAMES } from '$lib/core/analysis/params.ts';
import { fetchCandles, POLL_MS, SourceFailure, toMarketData, type CandlesJson, type SourceMeta } from './candles-api.ts';
import { forgetImportedFile, loadImportedFile, saveImportedFile } from './imported-file-store.ts';
import type { MarketData } from './market-data.ts';
import type { DerivativesSink } from './derivatives-feed.svelte.ts';
import { LiveStream } from './live-stream.svelte.ts';
import { sourceList } from './source-list.svelte.ts';

/** What the live source needs from the workspace. */
export interface MarketSink {
	/** Shows the data (null: the embedded sample), at `timeframe` when given; throws when it cannot be analysed. */
	setMarket(data: MarketData | null, timeframe?: Timeframe): Promise<void>;
}

export interface SourceProblem {
	/** "Bybit", "OKX", "All exchanges". */
	sourceName: string;
	/** The reason in plain words. */
	message: string;
	/** What is shown meanwhile. */
	showing: 'last-good' | 'sample' | 'partial';
	/** When the next automatic attempt is due (ms UTC). */
	nextAttempt: number | null;
}

export interface ImportedFile {
	name: string;
	candles: number;
	/** Most common step between candles (ms). */
	intervalMs: number;
	/** Open time of the last candle (ms UTC). */
	lastTime: number;
}

/** Extra delay after the cache's TTL, so that a poll finds a fresh copy rather than the expiring one. */
const POLL_MARGIN_MS = 1_000;

/**
 * Where the candles of the shown exchanges came from when the server read some from its recording: the server's note
 * for one exchange; for several, one line (their own notes, three long lines, would cover the chart) spanning the
 * earliest to the latest recorded candle, with each exchange's count of recorded candles.
 */
export function recordedCandleNotes(exchanges: readonly SourceMeta[]): string[] {
	const spans = exchanges.flatMap((m) => (m.recordedCandles ? [{ name: m.name, ...m.recordedCandles }] : []));
	if (exchanges.length <= 1 || spans.length === 0) return spans.map((r) => r.note);
	const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');
	const from = minute(spans.map((r) => r.from).sort()[0]);
	const to = minute(spans.map((r) => r.to).sort()[spans.length - 1]);
	const counts = spans.map((r) => `${r.name} ${r.candles.toLocaleString('en-US')}`).join(', ');
	return [`candles ${from} → ${to} UTC read from the recording (${counts}), the newer ones from the exchanges`];
}

export class LiveSource {
	readonly #sink: MarketSink;
	#source = $state<Source>('sample');
	#timeframe = $state<Timeframe>('15m');
	#limit = 0;
	#meta = $state.raw<SourceMeta | null>(null);
	/** Each exchange's provenance (one entry for a single exchange). */
	#exchanges = $state.raw<SourceMeta[]>([]);
	/** When the data shown was fetched from the exchange (ms UTC, the browser's clock). */
	#fetchedAt = $state<number | null>(null);
	#forming = $state.raw<Candle | null>(null);
	#problem = $state.raw<SourceProblem | null>(null);
	#loading = $state(false);
	#file = $state.raw<ImportedFile | null>(null);
	#importError = $state<string | null>(null);
	/** Ticks every second while a live source is shown, for "updated 12 s ago". */
	#now = $state(Date.now());
	#lastGood: { key: string; json: CandlesJson } | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#ticker: ReturnType<typeof setInterval> | null = null;
	#abort: AbortController | null = null;
	/** `/api/stream`: while it streams, forming candles come from it and a closed candle triggers one fetch; polling
	 * is the fallback when it fails. */
	readonly #stream = new LiveStream({
		forming: (exchange, candle) => {
			if (exchange !== this.#exchanges[0]?.id || this.#loading) return;
			this.#forming = candle;
			this.#fetchedAt = Date.now();
		},
		// The server's candle cache may still hold the copy from before the close: fetched now and once more after
		// its time-to-live.
		closed: () =>
			void this.refresh().then(() => {
				if (!this.streaming) return;
				this.#clearTimer();
				this.#timer = setTimeout(() => void this.refresh(), POLL_MS[this.#timeframe] + POLL_MARGIN_MS);
			}),
		modeChanged: (mode) => {
			if (mode === 'streaming') this.#clearTimer();
			else if (mode === 'polling' && this.#timer === null && !this.#loading) this.#schedule(null);
		},
		liquidation: (print) => this.#derivatives?.addPrint(print),
		openInterest: (event) => this.#derivatives?.addOpenInterest(event),
		funding: (event) => this.#derivatives?.addFunding(event)
	});
	readonly #derivatives: DerivativesSink | null;

	/** @param derivatives receives the stream's prints, open interest and funding */
	constructor(sink: MarketSink, derivatives: DerivativesSink | null = null) {
		this.#sink = sink;
		this.#derivatives = derivatives;
	}

	/** True while the live view follows `/api/stream` instead of polling. */
	get streaming(): boolean {
		return this.#stream.mode === 'streaming';
	}
	/** Why the live view polls instead of streaming (the stream failed), in plain words; null otherwise. */
	get streamNote(): string | null {
		return this.#stream.mode === 'polling' && this.live ? this.#stream.reason : null;
	}

	get source(): Source {
		return this.#source;
	}
	get timeframe(): Timeframe {
		return this.#timeframe;
	}
	/** The shown source's provenance (live sources only). */
	get meta(): SourceMeta | null {
		return this.#meta;
	}
	/** The exchanges' notes on open interest (missing, or shorter than the candles), named in aggregate mode. */
	get openInterestNotes(): string[] {
		const many = this.#exchanges.length > 1;
		return this.#exchanges.flatMap((m) => (m.openInterest?.note ? [many ? `${m.name}: ${m.openInterest.note}` : m.openInterest.note] : []));
	}
	/** Where the candles came from when the server read some from its recording (`recordedCandleNotes`). */
	get recordedCandleNotes(): string[] {
		return recordedCandleNotes(this.#exchanges);
	}
	get exchangeCount(): number {
		return Math.max(1, this.#exchanges.length);
	}
	get fetchedAt(): number | null {
		return this.#fetchedAt;
	}
	get forming(): Candle | null {
		return this.#forming;
	}
	get problem(): SourceProblem | null {
		return this.#problem;
	}
	get loading(): boolean {
		return this.#loading;
	}
	get file(): ImportedFile | null {
		return this.#file;
	}
	get importError(): string | null {
		return this.#importError;
	}
	get now(): number {
		return this.#now;
	}
	/** A live exchange's data is on the chart (not the sample, not a file). */
	get live(): boolean {
		return this.#file === null && this.#source !== 'sample' && this.#meta !== null && this.#problem?.showing !== 'sample';
	}
	get #key(): string {
		return `${this.#source}:${this.#timeframe}:${this.#limit}`;
	}

	/** Follows the view: its source, timeframe and lookback (in candles). An imported file stays until another source is picked. */
	follow(source: Source, timeframe: Timeframe, lookbackDays: number, force = false): void {
		const limit = Math.round((lookbackDays * 86_400_000) / TIMEFRAME_MS[timeframe]);
		const changed = force || source !== this.#source;
		if (!changed && timeframe === this.#timeframe && limit === this.#limit) return;
		this.#source = source;
		this.#timeframe = timeframe;
		this.#limit = limit;
		if (this.#file && !changed) return;
		this.#file = null;
		this.#forming = null;
		this.#problem = null;
		if (source === 'sample') {
			this.#stop();
			this.#meta = null;
			this.#fetchedAt = null;
			this.#showSample();
			return;
		}
		void this.refresh();
	}

	/** Picking a source in the picker: leaves an imported file (and forgets it for later visits) even when the source is the same. */
	choose(source: Source): void {
		if (this.#file) void forgetImportedFile();
		this.follow(source, this.#timeframe, (this.#limit * TIMEFRAME_MS[this.#timeframe]) / 86_400_000, this.#file !== null);
	}

	/** Fetches now (the Retry button, and every poll). */
	async refresh(): Promise<void> {
		if (this.#source === 'sample' || this.#file) return;
		this.#clearTimer();
		this.#abort?.abort();
		const abort = new AbortController();
		this.#abort = abort;
		const key = this.#key;
		const source = this.#source;
		this.#loading = true;
		let retryAfterSec: number | null = null;
		try {
			const json = await fetchCandles(source, this.#timeframe, this.#limit, abort.signal);
			if (abort.signal.aborted) return;
			if (!sameClosedCandles(this.#lastGood?.key === key ? this.#lastGood.json : null, json))
				await this.#sink.setMarket(toMarketData(json)).catch((error: unknown) => {
					throw new SourceFailure(json.source.name, `${json.source.name} data cannot be analysed: ${messageOf(error)}`);
				});
			if (abort.signal.aborted) return;
			this.#lastGood = { key, json };
			this.#show(json);
			retryAfterSec = json.source.fallback?.retryAfterSec ?? null;
		} catch (error) {
			if (abort.signal.aborted) return;
			const failure = error instanceof SourceFailure ? error : new SourceFailure(sourceList.name(source), messageOf(error));
			retryAfterSec = failure.retryAfterSec;
			const lastGood = this.#lastGood?.key === key;
			if (!lastGood) {
				this.#meta = null;
				this.#fetchedAt = null;
				this.#forming = null;
				this.#showSample();
			}
			this.#problem = { sourceName: failure.sourceName, message: failure.message, showing: lastGood ? 'last-good' : 'sample', nextAttempt: null };
		} finally {
			if (this.#abort === abort) {
				this.#loading = false;
				this.#schedule(retryAfterSec);
			}
		}
	}

	/**
	 * The file imported on an earlier visit (kept in IndexedDB until the trader returns to the sample), shown again;
	 * false when there is none. The view's timeframe is kept when the file builds it.
	 */
	async restoreImport(): Promise<boolean> {
		const stored = await loadImportedFile();
		if (!stored || this.#file) return false;
		return this.importFile(new File([stored.text], stored.name), false);
	}

	/**
	 * Reads a CSV file; a good one replaces the data (and is kept for later visits when `keep`), a bad one is refused
	 * with the line and the reason.
	 */
	async importFile(file: File, keep = true): Promise<boolean> {
		this.#importError = null;
		const previous = this.#file;
		try {
			// The parser loads with the first import: most sessions never import a file.
			const [{ parseCandlesCsv }, { inputSizeProblem }] = await Promise.all([
				import('$lib/core/market/candle-parse.ts'),
				import('$lib/core/market/candle-validation.ts')
			]);
			// Refused before a byte is read: a huge file would take the tab's memory (the CLI has the same limit).
			const tooLarge = inputSizeProblem(file.size);
			if (tooLarge) throw new Error(`the file is ${tooLarge}`);
			const text = await file.text();
			const parsed = parseCandlesCsv(text);
			const timeframe = timeframeFor(parsed.intervalMs, this.#timeframe);
			if (!timeframe) throw new Error(`its ${describeInterval(parsed.intervalMs)} candles build none of the timeframes (${TIMEFRAMES.join(', ')})`);
			const last = parsed.candles[parsed.candles.length - 1];
			// Set first: the timeframe may change with the data, and following the view must not leave the file.
			this.#file = { name: file.name, candles: parsed.candles.length, intervalMs: parsed.intervalMs, lastTime: last.time };
			try {
				await this.#sink.setMarket({ series: [{ name: file.name, candles: parsed.candles, openInterest: [] }], timeframe: null }, timeframe);
			} catch (error) {
				this.#file = previous;
				throw error;
			}
			this.#stop();
			this.#meta = null;
			this.#fetchedAt = null;
			this.#forming = null;
			this.#problem = null;
			if (keep) void saveImportedFile({ name: file.name, text });
			return true;
		} catch (error) {
			this.#importError = `${file.name} was not imported: ${messageOf(error)}`;
			return false;
		}
	}

	dismissImportError(): void {
		this.#importError = null;
	}

	/** Stops polling and the clock (the page goes away). */
	dispose(): void {
		this.#stop();
	}

	/** Back to the sample (the workspace knows what is shown: nothing happens when it already is). */
	#showSample(): void {
		void this.#sink.setMarket(null);
	}

	#show(json: CandlesJson): void {
		this.#meta = json.source;
		this.#exchanges = (json.exchanges ?? [json]).map((s) => s.source);
		this.#fetchedAt = Date.now() - (json.source.ageMs ?? 0);
		this.#forming = json.forming;
		const fallback = json.source.fallback;
		const failed = json.failed ?? [];
		if (fallback) this.#problem = { sourceName: json.source.name, message: fallback.message, showing: 'last-good', nextAttempt: null };
		else if (failed.length)
			this.#problem = {
				sourceName: failed.map((f) => f.name).join(', '),
				message: failed.map((f) => f.message).join('; '),
				showing: 'partial',
				nextAttempt: null
			};
		else this.#problem = null;
		this.#ticker ??= setInterval(() => (this.#now = Date.now()), 1_000);
		this.#now = Date.now();
		this.#stream.open(this.#source, this.#timeframe);
	}

	#schedule(retryAfterSec: number | null): void {
		this.#clearTimer();
		if (this.#source === 'sample' || this.#file || this.streaming) return;
		const delay = Math.max(POLL_MS[this.#timeframe] + POLL_MARGIN_MS, (retryAfterSec ?? 0) * 1000);
		if (this.#problem) this.#problem = { ...this.#problem, nextAttempt: Date.now() + delay };
		this.#timer = setTimeout(() => void this.refresh(), delay);
	}

	#clearTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#stop(): void {
		this.#stream.close();
		this.#clearTimer();
		this.#abort?.abort();
		this.#abort = null;
		this.#loading = false;
		if (this.#ticker !== null) clearInterval(this.#ticker);
		this.#ticker = null;
	}
}

/** Same closed candles in every series (same count, same last candle): only the forming candle moved. */
function sameClosedCandles(previous: CandlesJson | null, next: CandlesJson): boolean {
	if (!previous) return false;
	const a = previous.exchanges ?? [previous];
	const b = next.exchanges ?? [next];
	return (
		a.length === b.length &&
		a.every((s, i) => {
			const x = s.candles;
			const y = b[i].candles;
			const lastX = x[x.length - 1];
			const lastY = y[y.length - 1];
			return s.source.id === b[i].source.id && x.length === y.length && lastX.time === lastY.time && lastX.close === lastY.close;
		})
	);
}

/** Whether candles `intervalMs` apart build `timeframe` (it is a whole multiple of the interval). */
export function buildsTimeframe(intervalMs: number, timeframe: Timeframe): boolean {
	return TIMEFRAME_MS[timeframe] >= intervalMs && TIMEFRAME_MS[timeframe] % intervalMs === 0;
}

/**
 * The timeframes an imported file cannot build, each with the reason in plain words (for a disabled option's
 * tooltip); empty without a file.
 */
export function unavailableTimeframes(file: ImportedFile | null): Partial<Record<Timeframe, string>> {
	if (!file) return {};
	const out: Partial<Record<Timeframe, string>> = {};
	for (const timeframe of TIMEFRAMES)
		if (!buildsTimeframe(file.intervalMs, timeframe))
			out[timeframe] = `${file.name} has ${describeInterval(file.intervalMs)} candles: ${timeframe} cannot be built from them`;
	return out;
}

/** The current timeframe when the file's candles build it, else the shortest one they build; null when none. */
export function timeframeFor(intervalMs: number, current: Timeframe): Timeframe | null {
	const builds = (tf: Timeframe) => buildsTimeframe(intervalMs, tf);
	return builds(current) ? current : (TIMEFRAMES.find(builds) ?? null);
}

function describeInterval(ms: number): string {
	return ms % 3_600_000 === 0 ? `${ms / 3_600_000}-hour` : ms % 60_000 === 0 ? `${ms / 60_000}-minute` : `${ms / 1000}-second`;
}

