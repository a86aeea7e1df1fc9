/**
 * The page's handle on the analysis worker (`$lib/workers/analysis.worker.ts`): one promise per request, and per
 * channel only the newest request counts: sending a new one resolves the previous one with `null` at once, and its
 * answer, should it still arrive, is dropped. `busy(channel)` is reactive (for "Computing…" states).
 *
 * Two workers run the same script: one for the chart (`view`, `replay`), one for the slow History check
 * (`calibration`), so a calibration never delays a replay step or a control change. Both hold the candles.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { Calibration, CalibrationOptions } from '$lib/core/calibration/calibration.ts';
import type { AnalysisParams } from '$lib/core/analysis/params.ts';
import type { Candle } from '$lib/core/types.ts';
import type { MarketAnalysis, MarketData } from './market-data.ts';
import { candlesToColumns, unpackAnalysis, type PackedAnalysis } from '$lib/workers/analysis-pack.ts';
import type { Channel, DataInfo, ReplayPosition, WorkerRequest, WorkerResponse } from '$lib/workers/analysis-protocol.ts';
import type { BaselineCurve } from '$lib/workers/baseline-curve.ts';

export interface AnalysisResult {
	analysis: Analysis;
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

export class AnalysisWorker {
	readonly #chart: WorkerLink;
	readonly #calibration: WorkerLink;
	/** The last analysis unpacked per channel: its candle and indicator arrays are kept when the next one has the same values. */
	readonly #lastAnalysis = new Map<Channel, Analysis>();

	constructor(create: () => Worker = createWorker) {
		this.#chart = new WorkerLink(create());
		this.#calibration = new WorkerLink(create());
	}

	busy(channel: Channel): boolean {
		return (channel === 'calibration' ? this.#calibration : this.#chart).busy(channel);
	}

	/** Both workers fetch and decode the candle pack at `url` (the browser's cache serves the second download). */
	async load(url: string): Promise<DataInfo> {
		const [first] = await Promise.all([this.#chart, this.#calibration].map((link) => link.request({ channel: 'data', type: 'load', url })));
		return expect(first, 'loaded')!.info;
	}

	/**
	 * Hands other base candles (oldest first; e.g. an imported file or a live exchange's history) to both workers, as
	 * transferred columns; later analyses, replays and calibrations use them.
	 */
	async useCandles(candles: readonly Candle[]): Promise<DataInfo> {
		const responses = await Promise.all(
			[this.#chart, this.#calibration].map((link) => {
				const columns = candlesToColumns(candles);
				return link.request({ channel: 'data', type: 'candles', candles: columns }, Object.values(columns).map((a) => a.buffer));
			})
		);
		return expect(responses[0], 'loaded')!.info;
	}

	/** The analysis of the loaded data, or of the data cut at the bar open at or before `until` (replay); null if superseded. */
	async analyze(channel: 'view' | 'replay', params: AnalysisParams, until: number | null = null): Promise<AnalysisResult | null> {
		const response = expect(await this.#chart.request({ channel, type: 'analyze', params: $state.snapshot(params), until }), 'analysis');
		return response && { analysis: this.#unpack(channel, response.analysis), replay: response.replay, ms: response.ms };
	}

	/** Live or imported series analysed off the page's thread (several: summed, with agreement); null if superseded. */
	async analyzeMarket(data: MarketData, params: AnalysisParams): Promise<MarketAnalysis | null> {
		const series = data.series.map((s) => ({ name: s.name, candles: candlesToColumns(s.candles), openInterest: s.openInterest }));
		const transfer = series.flatMap((s) => Object.values(s.candles).map((column) => column.buffer));
		const response = expect(
			await this.#chart.request(
				// A feed fetched at a timeframe is polled: its next request extends this one. An imported file is not.
				{ channel: 'market', type: 'analyze-market', series, params: $state.snapshot(params), live: data.timeframe !== null },
				transfer
			),
			'market-analysis'
		);
		return response && { analysis: this.#unpack('market', response.analysis), agreement: response.agreement };
	}

	#unpack(channel: Channel, packed: PackedAnalysis): Analysis {
		const analysis = unpackAnalysis(packed, this.#lastAnalysis.get(channel) ?? null);
		this.#lastAnalysis.set(channel, analysis);
		return analysis;
	}

	/**
	 * Walk-forward calibration over the loaded candles of the timeframe (only the bars open at or before `until`, ms UTC,
	 * when given: a replay's History check); null if superseded.
	 */
	async calibrate(params: AnalysisParams, options: CalibrationOptions, until: number | null = null): Promise<CalibrationResult | null> {
		const response = expect(
			await this.#calibration.request({ channel: 'calibration', type: 'calibrate', params: $state.snapshot(params), options, until }),
			'calibration'
		);
		return response && { calibration: response.calibration, baseline: response.baseline, candles: response.candles, ms: response.ms };
	}

	terminate(): void {
		this.#chart.terminate();
		this.#calibration.terminate();
	}
}
