/**
 * The page's state: the view and the overlay switches (mirrored in the URL), the current analysis and the selected
 * cluster. The candles and the analysis live in a Web Worker (`analysis-worker.svelte.ts`): it downloads and decodes
 * the data once; analysis parameters recompute there (without re-parsing), display options and overlay switches only
 * change what is painted.
 */
import { messageOf } from '$lib/error-message.ts';
import type { ClusterAgreement } from '$lib/core/analysis/aggregate.ts';
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import { analysisScales, type IntensityScale } from '$lib/core/model/intensity-scale.ts';
import { defaultViewParams, TIMEFRAMES, type AnalysisParams, type DisplayOptions, type Source, type ViewParams } from '$lib/core/analysis/params.ts';
import type { Cluster, Timeframe } from '$lib/core/types.ts';
import type { DataInfo } from '$lib/workers/analysis-protocol.ts';
import { AnalysisWorker, scalesOf, seriesIds } from './analysis-worker.svelte.ts';
import type { MarketData } from './market-data.ts';
import { DEFAULT_OVERLAYS, type OverlayVisibility } from './overlay-params.ts';
import { viewQuery } from './view-url.ts';

/** The embedded dataset, served from `static/data/`. */
export const SAMPLE_DATA_URL = '/data/bybit-btcusdt-perp-5m.json';

export type WorkspaceStatus = 'loading' | 'computing' | 'ready' | 'error';

export class LiquidationWorkspace {
	#view: ViewParams = $state.raw(defaultViewParams());
	#overlays: OverlayVisibility = $state.raw({ ...DEFAULT_OVERLAYS });
	/** The shown (charted) series in the worker: its id and span; null until loaded. */
	#candles = $state.raw<DataInfo | null>(null);
	#worker: AnalysisWorker | null = null;
	#analysis = $state.raw<Analysis | null>(null);
	#selected = $state.raw<Cluster | null>(null);
	#computing = $state(false);
	#error = $state<string | null>(null);
	/**
	 * What is shown: candles from a live exchange or an imported file (`live-source.svelte.ts`), or null for the sample.
	 * The one place that knows it: the worker requests name its series (`seriesIds`).
	 */
	#market = $state.raw<MarketData | null>(null);
	/** Market data on its way to the worker (its first analysis not in yet); the shown data stays until it is. */
	#pending: MarketData | null = null;
	#agreement = $state.raw<ClusterAgreement[] | null>(null);
	/** The sample's span in the worker, null until loaded. */
	#sample: DataInfo | null = null;
	#marketRequest = 0;
	#viewRequest = 0;

	readonly query = $derived(viewQuery(this.#view, this.#overlays));
	readonly status: WorkspaceStatus = $derived(
		this.#error ? 'error' : !this.#candles && !this.#market ? 'loading' : this.#computing || !this.#analysis ? 'computing' : 'ready'
	);
	/**
	 * The scale mode alone: the scales depend on it, not on the whole display, so toggling a side or the threshold does
	 * not rebuild them (a history grid's scale sorts every cell: tens of ms, and the chart then repaints its image). The
	 * worker computes them with each analysis, in the mode of then (`scalesOf`); only a change of mode computes them here.
	 */
	readonly scaleMode = $derived(this.#view.display.scale);
	readonly #scales = $derived(this.#analysis ? analysisScales(this.#analysis, this.scaleMode, scalesOf(this.#analysis)) : null);
	/** The colour scale of the current map's bins. */
	readonly mapScale: IntensityScale | null = $derived(this.#scales?.map ?? null);
	/** The colour scale of the history grid's cells (history mode only). */
	readonly historyScale: IntensityScale | null = $derived(this.#scales?.history ?? null);

	constructor(view: ViewParams, overlays: OverlayVisibility = DEFAULT_OVERLAYS) {
		this.#view = view;
		this.#overlays = { ...overlays };
	}

	get view(): ViewParams {
		return this.#view;
	}
	get overlays(): OverlayVisibility {
		return this.#overlays;
	}
	get analysis(): Analysis | null {
		return this.#analysis;
	}
	get selected(): Cluster | null {
		return this.#selected;
	}
	get error(): string | null {
		return this.#error;
	}
	/** The scale the legend explains: the one of what is drawn behind the candles. */
	get activeScale(): IntensityScale | null {
		return this.#view.display.mode === 'history' ? this.historyScale : this.mapScale;
	}

	/** Per cluster of `analysis.clusters`: on how many exchanges it appears (aggregate mode), else null. */
	get agreement(): ClusterAgreement[] | null {
		return this.#agreement;
	}

	setSource(source: Source): void {
		this.#view = { ...this.#view, source };
	}

	/**
	 * Shows candles from a live exchange or an imported file (null: back to the embedded sample), optionally at another
	 * timeframe. Throws when they cannot be analysed, and then the view stays exactly as it was.
	 */
	async setMarket(data: MarketData | null, timeframe: Timeframe = this.#view.analysis.timeframe): Promise<void> {
		// A newer arrival (or going back to the sample) makes an answer for market data still on its way unwanted.
		const request = ++this.#marketRequest;
		if (!data) {
			const reanalyse = this.#market !== null || this.#pending !== null;
			this.#pending = null;
			this.#market = null;
			this.#agreement = null;
			this.#candles = this.#sample;
			if (reanalyse) void this.#scheduleAnalysis();
			return;
		}
		this.#pending = data;
		this.#computing = true;
		const asked = this.#view.analysis;
		const params = { ...asked, timeframe };
		try {
			const worker = this.#workerWithScale(this.#worker ?? new AnalysisWorker());
			// The candles cross once: new ones register, a poll's closed candles extend what the worker holds.
			const info = await worker.hold(data);
			const result = await worker.analyze('view', seriesIds(data), params);
			if (!result || request !== this.#marketRequest) return;
			const changedMeanwhile = this.#view.analysis !== asked;
			if (timeframe !== this.#view.analysis.timeframe) this.#view = { ...this.#view, analysis: { ...this.#view.analysis, timeframe } };
			this.#pending = null;
			this.#market = data;
			this.#candles = info;
			this.#show(result.analysis, result.agreement, true);
			// Controls changed while the data was on its way: analyse again with them.
			if (changedMeanwhile) void this.#scheduleAnalysis();
		} catch (error) {
			if (request === this.#marketRequest) {
				this.#pending = null;
				// The sample's first analysis waited for this data: it is wanted after all.
				if (!this.#market && !this.#analysis) void this.#scheduleAnalysis();
			}
			throw error;
		} finally {
			if (request === this.#marketRequest) {
				this.#pending = null;
				this.#computing = false;
			}
		}
	}

	/**
	 * Shows an analysis; `keepSelection`: a refreshed analysis of the same data keeps the selected cluster when one of
	 * the same side still overlaps it.
	 */
	#show(analysis: Analysis, agreement: ClusterAgreement[] | null, keepSelection: boolean): void {
		const old = keepSelection ? this.#selected : null;
		this.#analysis = analysis;
		this.#agreement = agreement;
		this.#selected = old ? (analysis.clusters.find((c) => c.side === old.side && c.low < old.high && c.high > old.low) ?? null) : null;
		this.#error = null;
	}

	/** The worker (created by `load()`), shared with the replay and the History check. */
	get worker(): AnalysisWorker | null {
		return this.#worker;
	}
	/** The shown series' id, size and time span in the worker (the replay and the History check name it), null until loaded. */
	get data(): DataInfo | null {
		return this.#candles;
	}

	/** Starts the worker, which fetches and decodes the embedded candles, then runs the first analysis. */
	async load(given?: AnalysisWorker): Promise<void> {
		const worker = this.#workerWithScale(given ?? this.#worker ?? new AnalysisWorker());
		try {
			this.#sample = await worker.load(SAMPLE_DATA_URL);
		} catch (error) {
			this.#error = `Could not load the embedded market data (${SAMPLE_DATA_URL}): ${messageOf(error)}`;
			return;
		}
		// Live or imported candles that arrived meanwhile are shown instead (and those on their way bring their analysis).
		if (this.#market) return;
		this.#candles = this.#sample;
		void this.#scheduleAnalysis();
	}

	/** Keeps `worker` as the workspace's, asked for the scales of the current mode. */
	#workerWithScale(worker: AnalysisWorker): AnalysisWorker {
		this.#worker = worker;
		worker.scaleMode = this.#view.display.scale;
		return worker;
	}

	setAnalysis(analysis: AnalysisParams): void {
		// A context shorter than the chart's timeframe is refused by the URL parser: fall back to the usual one.
		const context = analysis.contextTimeframe;
		const contextTimeframe = context && TIMEFRAMES.indexOf(context) < TIMEFRAMES.indexOf(analysis.timeframe) ? null : context;
		this.#view = {
			...this.#view,
			analysis: { ...analysis, contextTimeframe, history: this.#view.display.mode === 'history' }
		};
		void this.#scheduleAnalysis();
	}

	setDisplay(display: DisplayOptions): void {
		const historyNeeded = display.mode === 'history';
		// (Not when the analysis already has the grid, or one with the grid is being computed.)
		const recompute = historyNeeded && !this.#analysis?.history && !this.#view.analysis.history;
		this.#view = { ...this.#view, analysis: { ...this.#view.analysis, history: historyNeeded }, display };
		// The next analyses (the replay's too) bring the scales of this mode.
		if (this.#worker) this.#worker.scaleMode = display.scale;
		// Switching to history needs the grid; switching back keeps the analysis (the grid is simply not drawn).
		if (recompute) void this.#scheduleAnalysis();
	}

	setOverlays(overlays: OverlayVisibility): void {
		this.#overlays = { ...overlays };
	}

	select(cluster: Cluster | null): void {
		this.#selected = cluster;
	}

	/** Asks the worker for the analysis of what is shown; an answer overtaken by a newer request arrives as null and is ignored. */
	async #scheduleAnalysis(): Promise<void> {
		// Market data on its way gets its analysis when it arrives (with the controls of then).
		if (this.#pending) return;
		const market = this.#market;
		// Live candles of another timeframe are not analysed: the live source is fetching the right ones.
		if (market && market.timeframe !== null && market.timeframe !== this.#view.analysis.timeframe) return;
		const worker = this.#worker;
		if (!worker || (!market && !this.#sample)) return;
		const request = ++this.#viewRequest;
		this.#computing = true;
		try {
			const result = await worker.analyze('view', seriesIds(market), this.#view.analysis);
			if (!result || request !== this.#viewRequest || market !== this.#market || this.#pending) return;
			this.#show(result.analysis, result.agreement, market !== null);
			this.#computing = false;
		} catch (error) {
			if (request !== this.#viewRequest) return;
			this.#error = `The analysis failed: ${messageOf(error)}`;
			this.#computing = false;
		}
	}

	/** Stops the worker (the page goes away). */
	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
	}
}

/**
 * The analysis as the display filters show it: clusters of a hidden side, or whose peak bin is below the minimum
 * intensity under the current scale (the bands' own test: the peak bin's notional is the cluster's relative intensity
 * × the largest bin, `scale.inverse(1)`), are left out, so the table, the checklist and the export name only what the
 * chart draws. The same object when nothing is filtered out; `agreement` (per cluster, same order) follows the clusters.
 */
export function shownAnalysis(
	analysis: Analysis,
	display: Pick<DisplayOptions, 'showLongs' | 'showShorts' | 'minIntensity'>,
	scale: IntensityScale | null,
	agreement: readonly ClusterAgreement[] | null = null
): { analysis: Analysis; agreement: readonly ClusterAgreement[] | null } {
	const largest = scale ? scale.inverse(1) : 0;
	const keep = analysis.clusters.map((cluster) => {
		if (cluster.side === 'long' ? !display.showLongs : !display.showShorts) return false;
		const position = scale ? scale(cluster.intensity * largest) : cluster.intensity;
		return position >= display.minIntensity;
	});
	if (keep.every(Boolean)) return { analysis, agreement };
	return {
		analysis: { ...analysis, clusters: analysis.clusters.filter((_, i) => keep[i]) },
		agreement: agreement ? agreement.filter((_, i) => keep[i]) : null
	};
}

