/**
 * The page's handle on the analysis worker (`$lib/workers/analysis.worker.ts`): one promise per request, and per
 * channel only the newest request counts: sending a new one resolves the previous one with `null` at once, and its
 * answer, should it still arrive, is dropped. `busy(channel)` is reactive (for "Computing…" states).
 *
 * Two workers run the same script: one for the chart (`view`, `replay`), one for the slow History check
 * (`calibration`), so a calibration never delays a replay step or a control change. Candles cross once per worker: a
 * series is registered, then extended by the candles that closed since (`series-ledger.ts`); requests name it.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { Calibration, CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import type { AnalysisParams, ScaleMode } from '$lib/core/analysis/params.ts';
import type { AnalysisScaleData } from '$lib/core/model/intensity-scale.ts';
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import type { MarketData, MarketSeries } from './market-data.ts';
import { candlesToColumns, unpackAnalysis, type PackedAnalysis } from '$lib/workers/analysis-pack.ts';
import { SAMPLE_SERIES, type Channel, type DataInfo, type ReplayPosition, type WorkerRequest, type WorkerResponse } from '$lib/workers/analysis-protocol.ts';
import { SeriesLedger } from './series-ledger.ts';
import type { BaselineCurve } from '$lib/workers/baseline-curve.ts';

export interface AnalysisResult {
	analysis: Analysis;
	/** One entry per cluster of `analysis.clusters` when several series were summed, else null. */
	agreement: ClusterAgreement[] | null;
	/** Set for a replay request: where the cut bar stands. */
	replay: ReplayPosition | null;
	/** Time spent in the worker (ms). */
	ms: number;
}

export interface CalibrationResult {
	calibration: Calibration;
	baseline: BaselineCurve;
	/** Candles of the timeframe the calibration walked through. */
	candles: number;
	ms: number;
}

type Outcome = WorkerResponse;
type Pending = { channel: Channel; resolve: (response: Outcome | null) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

function createWorker(): Worker {
	return new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
}

/** One worker: requests by channel, newest wins. */
class WorkerLink {
	readonly #worker: Worker;
	readonly #pending = new Map<number, Pending>();
	readonly #latest = new Map<Channel, number>();
	#busy = $state.raw<ReadonlySet<Channel>>(new Set());
	#nextId = 1;

	constructor(worker: Worker) {
		this.#worker = worker;
		worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.#settle(event.data.id, event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			const message = `the analysis worker failed: ${event.message || 'it could not start'}`;
			for (const id of [...this.#pending.keys()]) this.#settle(id, { id, type: 'error', message });
		};
	}

	busy(channel: Channel): boolean {
		return this.#busy.has(channel);
	}

	request(body: RequestBody, transfer: Transferable[] = []): Promise<Outcome | null> {
		const id = this.#nextId++;
		const { channel } = body;
		const previous = this.#latest.get(channel);
		if (previous !== undefined && channel !== 'data') this.#settle(previous, null);
		this.#latest.set(channel, id);
		this.#setBusy(channel, true);
		return new Promise((resolve) => {
			this.#pending.set(id, { channel, resolve });
			this.#worker.postMessage({ ...body, id } as WorkerRequest, transfer);
		});
	}

	terminate(): void {
		this.#worker.terminate();
		for (const id of [...this.#pending.keys()]) this.#settle(id, null);
	}

	#settle(id: number, response: Outcome | null): void {
		const pending = this.#pending.get(id);
		if (!pending) return;
		this.#pending.delete(id);
		if (this.#latest.get(pending.channel) === id) {
			this.#latest.delete(pending.channel);
			this.#setBusy(pending.channel, false);
		}
		pending.resolve(response);
	}

	#setBusy(channel: Channel, busy: boolean): void {
		const next = new Set(this.#busy);
		if (busy) next.add(channel);
		else next.delete(channel);
		this.#busy = next;
	}
}

/** Throws the worker's error message; returns null for a superseded request. */
function expect<T extends WorkerResponse['type']>(response: Outcome | null, type: T): Extract<WorkerResponse, { type: T }> | null {
	if (!response) return null;
	if (response.type === 'error') throw new Error(response.message);
	if (response.type !== type) throw new Error(`the analysis worker answered "${response.type}" instead of "${type}"`);
	return response as Extract<WorkerResponse, { type: T }>;
}

/** The worker's id of a market series (the sample's is `SAMPLE_SERIES`). */
export const marketSeriesId = (series: Pick<MarketSeries, 'name'>) => `market:${series.name}`;

/** The ids of what is shown: the sample, or each series of the market data (the first is the charted one). */
export function seriesIds(data: MarketData | null): string[] {
	return data ? data.series.map(marketSeriesId) : [SAMPLE_SERIES];
}

/** The colour scales' numbers the worker sent with each analysis it answered (the replay's included). */
const workerScales = new WeakMap<Analysis, AnalysisScaleData>();

/**
 * The colour scales' numbers computed by the worker for `analysis` (in the mode of `AnalysisWorker.scaleMode` when it
 * was asked), or null for an analysis that did not come from the worker; `analysisScales` takes them.
 */
export function scalesOf(analysis: Analysis): AnalysisScaleData | null {
	return workerScales.get(analysis) ?? null;
}

/** One worker and what it was sent. */
interface Held {
	link: WorkerLink;
	ledger: SeriesLedger;
	/** Each held series' span, as the worker last reported it. */
	info: Map<string, DataInfo>;
}

export class AnalysisWorker {
	readonly #chart: Held;
	readonly #calibration: Held;
	/** The last analysis unpacked per channel: its candle and indicator arrays are kept when the next one has the same values. */
	readonly #lastAnalysis = new Map<Channel, Analysis>();
	/** The colour scale mode whose numbers each analysis brings (the page's display mode; set by the workspace). */
	scaleMode: ScaleMode = 'max';

	constructor(create: () => Worker = createWorker) {
		this.#chart = { link: new WorkerLink(create()), ledger: new SeriesLedger(), info: new Map() };
		this.#calibration = { link: new WorkerLink(create()), ledger: new SeriesLedger(), info: new Map() };
	}

	busy(channel: Channel): boolean {
		return (channel === 'calibration' ? this.#calibration : this.#chart).link.busy(channel);
	}

	/** Both workers fetch and decode the candle pack at `url` as the sample series (the browser's cache serves the second download). */
	async load(url: string): Promise<DataInfo> {
		const [first] = await Promise.all(
			[this.#chart, this.#calibration].map(async (held) => {
				const info = expect(await held.link.request({ channel: 'data', type: 'load', series: SAMPLE_SERIES, url }), 'loaded')!.info;
				held.info.set(SAMPLE_SERIES, info);
				return info;
			})
		);
		return first;
	}

	/**
	 * Brings market data (live or imported) to the workers: every series to the chart's worker, the charted one (the
	 * first) to the calibration's; each series crosses once and is then extended by what closed since; series no longer
	 * shown are forgotten (the sample stays). Resolves with the charted series' span.
	 */
	async hold(data: MarketData): Promise<DataInfo> {
		const live = data.timeframe !== null;
		const [chartInfo] = await Promise.all([
			this.#sync(this.#chart, data.series, live),
			this.#sync(this.#calibration, data.series.slice(0, 1), live)
		]);
		return chartInfo;
	}

	async #sync(held: Held, series: readonly MarketSeries[], live: boolean): Promise<DataInfo> {
		const ids = series.map(marketSeriesId);
		const forgotten = held.ledger.ids().filter((id) => id !== SAMPLE_SERIES && !ids.includes(id));
		for (const id of forgotten) {
			held.ledger.forget(id);
			held.info.delete(id);
			void held.link.request({ channel: 'data', type: 'drop', series: id });
		}
		const answers = series.map(async (one, i) => {
			const id = ids[i];
			const update = held.ledger.update(id, one);
			if (!update) return held.info.get(id)!;
			const columns = candlesToColumns(update.candles);
			const transfer = Object.values(columns).map((column) => column.buffer);
			const body =
				update.type === 'register'
					? { channel: 'data' as const, type: 'register' as const, series: id, name: one.name, live, candles: columns, openInterest: update.openInterest }
					: { channel: 'data' as const, type: 'append' as const, series: id, from: update.from, candles: columns, openInterestFrom: update.openInterestFrom, openInterest: update.openInterest };
			try {
				const info = expect(await held.link.request(body, transfer), 'loaded')!.info;
				held.info.set(id, info);
				return info;
			} catch (error) {
				// The worker's copy is unknown now: the next update registers the series again.
				held.ledger.forget(id);
				throw error;
			}
		});
		return (await Promise.all(answers))[0];
	}

	/**
	 * The analysis of `series` (several: summed, with agreement), or of the first cut at the bar open at or before
	 * `until` (replay); null if superseded.
	 */
	async analyze(channel: 'view' | 'replay', series: string[], params: AnalysisParams, until: number | null = null): Promise<AnalysisResult | null> {
		const body = { channel, type: 'analyze' as const, series, params: $state.snapshot(params), until, scale: this.scaleMode };
		const response = expect(await this.#chart.link.request(body), 'analysis');
		if (!response) return null;
		const analysis = this.#unpack(channel, response.analysis);
		workerScales.set(analysis, response.scales);
		return { analysis, agreement: response.agreement, replay: response.replay, ms: response.ms };
	}

	#unpack(channel: Channel, packed: PackedAnalysis): Analysis {
		const analysis = unpackAnalysis(packed, this.#lastAnalysis.get(channel) ?? null);
		this.#lastAnalysis.set(channel, analysis);
		return analysis;
	}

	/**
	 * Walk-forward calibration over `series`' candles of the timeframe (only the bars open at or before `until`, ms UTC,
	 * when given: a replay's History check); null if superseded.
	 */
	async calibrate(series: string, params: AnalysisParams, options: CalibrationOptions, until: number | null = null): Promise<CalibrationResult | null> {
		const response = expect(
			await this.#calibration.link.request({ channel: 'calibration', type: 'calibrate', series, params: $state.snapshot(params), options, until }),
			'calibration'
		);
		return response && { calibration: response.calibration, baseline: response.baseline, candles: response.candles, ms: response.ms };
	}

	terminate(): void {
		this.#chart.link.terminate();
		this.#calibration.link.terminate();
	}
}
