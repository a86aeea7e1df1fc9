/**
 * The workstation's state: the workspace (view, overlays, analysis), where the candles come from (live source), the
 * trader's journal, the replay and the History check, composed here so that the page only lays out. What every panel
 * shows follows from them: in replay, the analysis of the data cut at the replay bar; the display filters decide what
 * the table, the checklist and the export name.
 *
 * Create it while a component initialises (its effects belong to that component); `start()` after mount.
 */
import { untrack } from 'svelte';
import type { AnalysisParams, Source } from '$lib/core/analysis/params.ts';
import { analysisScales, type IntensityScale } from '$lib/core/model/intensity-scale.ts';
import { clusterHighlight } from './cluster-highlight.ts';
import { HistoryCheck } from './history-check.svelte.ts';
import { LiquidationWorkspace, SAMPLE_DATA_URL, shownAnalysis } from './liquidation-workspace.svelte.ts';
import { scalesOf } from './analysis-worker.svelte.ts';
import { LiveSource, unavailableTimeframes } from './live-source.svelte.ts';
import { readReplay, Replay, withReplay } from './replay.svelte.ts';
import { TradeJournal } from './trade-journal.svelte.ts';
import { readViewFromUrl } from './view-url.ts';
import { samplePreview } from './sample-preview.ts';
import { sourceList } from './source-list.svelte.ts';
import type { Candle, DerivativesContext } from '$lib/core/types.ts';
import { predictedVsRealised, traversedRange } from '$lib/core/calibration/predicted-vs-realised.ts';
import { TIMEFRAME_MS } from '$lib/core/market/resample.ts';
import { ClusterSnapshots } from './cluster-snapshots.svelte.ts';
import { DerivativesFeed } from './derivatives-feed.svelte.ts';

/** The market the workstation trades. */
export const SYMBOL = 'BTCUSDT';

/** What the export's header calls the embedded sample. */
const SAMPLE_NAME = 'Bybit historical sample';

export class Workstation {
	readonly workspace: LiquidationWorkspace;
	readonly live: LiveSource;
	readonly journal = new TradeJournal(SYMBOL);
	readonly replay = new Replay();
	readonly historyCheck = new HistoryCheck();
	/** Open interest, funding and liquidation prints of the live source (`derivatives-feed.svelte.ts`). */
	readonly derivativesFeed = new DerivativesFeed();
	derivatives = $state.raw<DerivativesContext | null>(null);
	/** The clusters shown since the live view loaded, for the predicted-vs-realised line. */
	readonly clusterSnapshots = new ClusterSnapshots();
	/** A replay asked for by the URL, started once the data is loaded. */
	#pendingReplay: number | null;
	#refusedParams = $state<string[]>([]);

	/** The sample's candles, drawn before the first analysis arrives (the worker takes a while to start). */
	#preview = $state.raw<Candle[] | null>(null);
	/** What the chart draws while no analysis is in: the sample's preview. */
	readonly previewCandles = $derived.by(() => (this.analysis ? null : this.#preview));

	/** In replay, everything (chart, clusters, checklist) shows the analysis of the data cut at the replay bar. */
	readonly analysis = $derived.by(() => this.replay.analysis ?? this.workspace.analysis);
	readonly view = $derived.by(() => this.workspace.view);
	/** The replay's scales, on the scale mode alone (not the whole display): a side toggle must not rebuild them. */
	readonly #replayScales = $derived.by(() =>
		this.replay.analysis ? analysisScales(this.replay.analysis, this.workspace.scaleMode, scalesOf(this.replay.analysis)) : null
	);
	readonly mapScale: IntensityScale | null = $derived.by(() => this.#replayScales?.map ?? this.workspace.mapScale);
	readonly historyScale: IntensityScale | null = $derived.by(() => this.#replayScales ? this.#replayScales.history : this.workspace.historyScale);
	/** The scale the legend explains: the one of what is drawn behind the candles. */
	readonly legendScale: IntensityScale | null = $derived.by(() => {
		const replay = this.#replayScales;
		if (!replay) return this.workspace.activeScale;
		return this.view.display.mode === 'history' ? replay.history : replay.map;
	});
	readonly highlight = $derived.by(() => this.workspace.selected ? clusterHighlight(this.workspace.selected) : null);
	/** What the display filters leave (sides, minimum intensity): the table, the checklist and the export name only that. */
	readonly shown = $derived.by(() =>
		this.analysis
			? shownAnalysis(this.analysis, this.view.display, this.mapScale, this.replay.analysis ? null : this.workspace.agreement)
			: null
	);
	readonly allTiersOff = $derived.by(() => this.view.analysis.model.tiers.every((tier) => !tier.enabled || tier.weight === 0));
	/** The forming candle, drawn only over the live data of its own timeframe. */
	readonly forming = $derived.by(() => this.live.live && this.analysis?.timeframe === this.live.timeframe ? this.live.forming : null);
	/** Timeframes the data cannot build (an imported file's finer ones), disabled in the toolbar. */
	readonly unavailable = $derived.by(() => unavailableTimeframes(this.live.file));
	/** The view and the replay bar as the URL's query. */
	readonly query = $derived.by(() => withReplay(this.workspace.query, this.replay.active ? this.replay.time : null));
	/** The data's name for the export header: the sample, or the source's display name from `/api/sources`. */
	readonly sourceName = $derived.by(() =>
		this.view.source === 'sample' ? SAMPLE_NAME : sourceList.name(this.view.source)
	);

	/**
	 * Of the realised notional since the live view loaded, the share inside the clusters shown just before each print,
	 * against the share of the traversed range they covered; null without a live source.
	 */
	readonly predictedVsRealised = $derived.by(() => {
		const derivatives = this.derivatives;
		const since = this.clusterSnapshots.since;
		const candles = this.workspace.analysis?.candles;
		if (!derivatives || since === null || !candles) return null;
		const range = traversedRange(candles, this.forming, derivatives.realised, since);
		return predictedVsRealised(this.clusterSnapshots.list, derivatives.realised, range, since);
	});

	constructor(search: URLSearchParams) {
		const fromUrl = readViewFromUrl(search);
		const replayFromUrl = readReplay(search);
		this.workspace = new LiquidationWorkspace(fromUrl.view, fromUrl.overlays);
		this.live = new LiveSource(this.workspace, this.derivativesFeed);
		this.#pendingReplay = replayFromUrl.time;
		this.#refusedParams = replayFromUrl.refused ? [...fromUrl.refused, replayFromUrl.refused] : fromUrl.refused;

		// The source of the candles follows the view; the workspace analyses what it hands over.
		$effect(() => this.live.follow(this.view.source, this.view.analysis.timeframe, this.view.analysis.lookbackDays));

		// Derivatives only for live exchange data (the sample and files have none: null, nothing made up).
		$effect(() => {
			const source = this.view.source;
			const live = this.live.live && source !== 'sample';
			this.derivativesFeed.follow(live ? source : null, this.view.analysis.timeframe, this.view.analysis.lookbackDays);
		});
		$effect(() => {
			this.derivatives = this.derivativesFeed.context;
		});
		// Each live analysis's shown clusters, for the predicted-vs-realised line. A replay shows the past: the live
		// record is kept as it is meanwhile.
		$effect(() => {
			const analysis = this.workspace.analysis;
			const shown = this.shown;
			if (this.replay.analysis) return;
			const live = this.live.live && analysis?.timeframe === this.live.timeframe;
			untrack(() => {
				if (!live || !analysis || !shown) return this.clusterSnapshots.reset();
				const key = `${this.view.source}:${analysis.timeframe}:${this.view.analysis.lookbackDays}`;
				this.clusterSnapshots.record(key, analysis.lastTime + TIMEFRAME_MS[analysis.timeframe], shown.analysis.clusters);
			});
		});

		$effect(() => {
			const params = this.view.analysis;
			const data = this.workspace.data;
			const worker = data ? this.workspace.worker : null;
			if (!worker || !data) return;
			this.#connectReplay(worker, params, data);
		});

		$effect(() => this.historyCheck.realised.update(this.view.source, this.view.analysis.timeframe, this.view.analysis.lookbackDays));

		$effect(() => {
			const params = this.view.analysis;
			void [this.historyCheck.horizon, this.historyCheck.reach];
			const data = this.workspace.data;
			// Once the chart's analysis is in: on two cores, a calibration running beside it would starve the page (the first
			// candles come later, controls answer late), so the chart goes first.
			const worker = data && this.workspace.status === 'ready' ? this.workspace.worker : null;
			// In replay, only the candles up to the replay bar (kept while playing: the last cut measured is still in the past).
			const until = this.replay.active ? (this.replay.playing ? this.historyCheck.until : this.replay.time) : null;
			if (data && worker && (!this.replay.active || until !== null)) untrack(() => this.historyCheck.update(worker, params, data, until));
		});
	}

	/** Link parameters that were refused (shown once, with a Dismiss button). */
	get refusedParams(): readonly string[] {
		return this.#refusedParams;
	}

	dismissRefused(): void {
		this.#refusedParams = [];
	}

	/** Starts the worker, shows a file imported on an earlier visit, loads the journal and the sources' names; returns the cleanup. */
	start(storage: Storage): () => void {
		if (this.view.source === 'sample')
			void samplePreview(SAMPLE_DATA_URL, this.view.analysis.timeframe, this.view.analysis.lookbackDays).then((candles) => (this.#preview = candles));
		void this.workspace.load();
		// A file imported on an earlier visit is shown again (until the trader picks the sample or another source).
		void this.live.restoreImport();
		void sourceList.load();
		const stopJournal = this.journal.load(storage);
		return () => {
			stopJournal();
			this.live.dispose();
			this.derivativesFeed.dispose();
			this.workspace.dispose();
		};
	}

	/** A new timeframe only when the data builds it: header, toolbar and chart then always show the same one. */
	setAnalysis(next: AnalysisParams): void {
		if (this.unavailable[next.timeframe]) return;
		this.workspace.setAnalysis(next);
	}

	chooseSource(source: Source): void {
		this.workspace.setSource(source);
		this.live.choose(source);
	}

	exitReplay(): void {
		this.replay.exit();
		this.workspace.select(null);
	}

	#connectReplay(worker: NonNullable<LiquidationWorkspace['worker']>, params: AnalysisParams, data: NonNullable<LiquidationWorkspace['data']>): void {
		untrack(() => {
			this.replay.connect(worker, params, data);
			if (this.#pendingReplay !== null) this.replay.start(this.#pendingReplay);
			this.#pendingReplay = null;
		});
	}
}
