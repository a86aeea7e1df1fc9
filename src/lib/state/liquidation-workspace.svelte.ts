/**
 * The page's state: the view and the overlay switches (mirrored in the URL), the embedded candles, the current
 * analysis and the selected cluster. Analysis parameters recompute the analysis; display options and overlay
 * switches only change what is painted.
 */
import { analyze, type Analysis } from '$lib/core/analyze.ts';
import { decodeCandlePack, type CandlePack } from '$lib/core/candle-pack.ts';
import { makeIntensityScale, type IntensityScale } from '$lib/core/intensity-scale.ts';
import { defaultViewParams, TIMEFRAMES, type AnalysisParams, type DisplayOptions, type ViewParams } from '$lib/core/params.ts';
import type { Candle, Cluster } from '$lib/core/types.ts';
import { DEFAULT_OVERLAYS, type OverlayVisibility } from './overlay-params.ts';
import { viewQuery } from './view-url.ts';

/** The embedded dataset, served from `static/data/`. */
export const SAMPLE_DATA_URL = '/data/bybit-btcusdt-perp-5m.json';

export type WorkspaceStatus = 'loading' | 'computing' | 'ready' | 'error';

export class LiquidationWorkspace {
	#view: ViewParams = $state.raw(defaultViewParams());
	#overlays: OverlayVisibility = $state.raw({ ...DEFAULT_OVERLAYS });
	#candles = $state.raw<Candle[] | null>(null);
	#analysis = $state.raw<Analysis | null>(null);
	#selected = $state.raw<Cluster | null>(null);
	#computing = $state(false);
	#error = $state<string | null>(null);
	/** Increments per requested analysis, so that a slow, outdated result never replaces a newer one. */
	#request = 0;

	readonly query = $derived(viewQuery(this.#view, this.#overlays));
	readonly status: WorkspaceStatus = $derived(
		this.#error ? 'error' : !this.#candles ? 'loading' : this.#computing || !this.#analysis ? 'computing' : 'ready'
	);
	/** The colour scale of the current map's bins. */
	readonly mapScale: IntensityScale | null = $derived(
		this.#analysis
			? makeIntensityScale([this.#analysis.map.long, this.#analysis.map.short], this.#view.display.scale)
			: null
	);
	/** The colour scale of the history grid's cells (history mode only). */
	readonly historyScale: IntensityScale | null = $derived(
		this.#analysis?.history
			? makeIntensityScale([this.#analysis.history.long, this.#analysis.history.short], this.#view.display.scale)
			: null
	);

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

	/** Fetches and decodes the embedded candles, then runs the first analysis. */
	async load(fetcher: typeof fetch = fetch): Promise<void> {
		try {
			const response = await fetcher(SAMPLE_DATA_URL);
			if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
			const pack = (await response.json()) as CandlePack;
			this.#candles = decodeCandlePack(pack);
		} catch (error) {
			this.#error = `Could not load the embedded market data (${SAMPLE_DATA_URL}): ${messageOf(error)}`;
			return;
		}
		this.#scheduleAnalysis();
	}

	setAnalysis(analysis: AnalysisParams): void {
		// A context shorter than the chart's timeframe is refused by the URL parser: fall back to the usual one.
		const context = analysis.contextTimeframe;
		const contextTimeframe = context && TIMEFRAMES.indexOf(context) < TIMEFRAMES.indexOf(analysis.timeframe) ? null : context;
		this.#view = {
			...this.#view,
			analysis: { ...analysis, contextTimeframe, history: this.#view.display.mode === 'history' }
		};
		this.#scheduleAnalysis();
	}

	setDisplay(display: DisplayOptions): void {
		const historyNeeded = display.mode === 'history';
		const recompute = historyNeeded && !this.#analysis?.history;
		this.#view = { ...this.#view, analysis: { ...this.#view.analysis, history: historyNeeded }, display };
		// Switching to history needs the grid; switching back keeps the analysis (the grid is simply not drawn).
		if (recompute) this.#scheduleAnalysis();
	}

	setOverlays(overlays: OverlayVisibility): void {
		this.#overlays = { ...overlays };
	}

	select(cluster: Cluster | null): void {
		this.#selected = cluster;
	}

	#scheduleAnalysis(): void {
		const candles = this.#candles;
		if (!candles) return;
		const request = ++this.#request;
		this.#computing = true;
		// Yield first so that the "computing" state paints before the (synchronous, ~0.1–0.3 s) analysis runs.
		setTimeout(() => {
			if (request !== this.#request) return;
			try {
				const analysis = analyze({ candles }, this.#view.analysis);
				this.#analysis = analysis;
				this.#selected = null;
				this.#error = null;
			} catch (error) {
				this.#error = `The analysis failed: ${messageOf(error)}`;
			} finally {
				this.#computing = false;
			}
		}, 0);
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
