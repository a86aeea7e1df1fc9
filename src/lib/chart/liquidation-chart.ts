/**
 * The chart: candlesticks, a volume pane, an RSI pane, the three liquidation overlays (bands, right-edge strip, history
 * heatmap) on the candles' own price axis, and the confluence overlays (`confluence-layers.ts`). A thin imperative wrapper around lightweight-charts; create it only in the browser
 * and call `remove()` when its element goes away.
 */
import {
	CandlestickSeries,
	ColorType,
	CrosshairMode,
	HistogramSeries,
	createChart,
	type IChartApi,
	type ISeriesApi,
	type Logical,
	type MouseEventParams,
	type Time,
	type UTCTimestamp
} from 'lightweight-charts';
import type { ViewMode } from '$lib/core/analysis/params.ts';
import type { Candle, Cluster, HistoryGrid, LiquidationMap } from '$lib/core/types.ts';
import { formatAxisPrice } from './axis-format.ts';
import { candleChange } from './candle-change.ts';
import { scaleBinLevels, type BinLevels } from './common/bin-levels.ts';
import type { ColourOf, IntensityOf } from './common/types.ts';
import { ConfluenceLayers, RSI_PANE, type ConfluenceData, type OverlayVisibility } from './confluence-layers.ts';
import { readLevels, type CrosshairReadout } from './crosshair-readout.ts';
import { rangeOf, strongestInReach } from './common/view-clusters.ts';
import { EdgeLabels, type EdgeLabel } from './edge-labels/primitive.ts';
import { navigate } from './keyboard-navigation.ts';
import { HistoryHeatmap } from './history-heatmap/primitive.ts';
import { LiquidationBands, type BandHighlight } from './liquidation-bands/primitive.ts';
import { chartShot, type ChartShot } from './export-shot.ts';
import { stripWidth } from './liquidation-strip/options.ts';
import { LiquidationStrip } from './liquidation-strip/primitive.ts';
import { PlanLinesController } from './plan-lines/drag.ts';
import { SliceQueue } from './common/slice-queue.ts';
import { grownStart, shiftDivergences, shiftEvents, windowStart } from './common/bar-window.ts';
import type { LogicalSpan } from './keyboard-navigation.ts';
import { chartTheme } from './theme.ts';
import { NO_LIVE_DATA, type LiveOverlayData, type PrintMark } from './common/live-data.ts';

export type { BandHighlight } from './liquidation-bands/primitive.ts';
export type { CrosshairReadout } from './crosshair-readout.ts';
export type { ConfluenceData, OverlayVisibility } from './confluence-layers.ts';
export type { EdgeLabel } from './edge-labels/primitive.ts';
export type { PrintMark } from './common/live-data.ts';

/** The live source's derivatives for the live overlays (bubbles, realised histogram, OI and funding panes). */
export type ChartDerivatives = Pick<LiveOverlayData, 'prints' | 'openInterest' | 'funding'>;

/** What the chart shows right now, for its text description: time span (ms), price span (USDT), edge labels. */
export interface ChartViewSummary {
	fromTime: number;
	toTime: number;
	low: number;
	high: number;
	/** Texts of the ▲/▼ labels of clusters beyond the view. */
	beyond: readonly string[];
}

/** Display choices that only repaint (no new analysis). */
export interface ChartDisplay {
	mode: ViewMode;
	showLongs: boolean;
	showShorts: boolean;
	/** Relative intensity 0–1 below which nothing is drawn. */
	minIntensity: number;
}

/** Pixels per bar when a new series is loaded: wide enough to read candles; the rest is a scroll away. */
const INITIAL_BAR_SPACING_PX = 5;
/** Width of the liquidation-map strip (CSS px). */
const STRIP_WIDTH_PX = 88;
/** Volume and RSI pane heights relative to the price pane. */
const VOLUME_PANE_STRETCH = 0.2;
const RSI_PANE_STRETCH = 0.32;
/** Height of the HTML legend over the price pane (OHLC and readout lines), kept free of chart labels. */
const LEGEND_CLEARANCE_PX = 44;

const toChartTime = (ms: number) => (ms / 1000) as UTCTimestamp;

/** Whether every open time of `old` is one of `next` (both oldest first), e.g. 1h candles within 5m ones. */
function isTimeSubset(old: readonly Candle[], next: readonly Candle[]): boolean {
	let j = 0;
	for (const candle of old) {
		while (j < next.length && next[j].time < candle.time) j++;
		if (j === next.length || next[j].time !== candle.time) return false;
	}
	return true;
}

export class LiquidationChart {
	readonly #chart: IChartApi;
	readonly #candleSeries: ISeriesApi<'Candlestick', Time>;
	readonly #volumeSeries: ISeriesApi<'Histogram', Time>;
	readonly #bands: LiquidationBands;
	readonly #strip: LiquidationStrip;
	readonly #history: HistoryHeatmap;
	readonly #confluence: ConfluenceLayers;
	readonly #edgeLabels: EdgeLabels;
	#onViewChange: (() => void) | null = null;
	#viewChangeFrame = 0;
	/** The trader's plan (entry, stop, targets, own liquidation) as draggable lines. */
	readonly planLines: PlanLinesController;
	/**
	 * The series of the last `setCandles`, and the bars of it handed to the chart: those from `#windowStart` on
	 * (`common/bar-window.ts`), so logical index i is `#series[#windowStart + i]` and `#candles[i]`. The window grows
	 * towards the oldest bar as the view nears its first one; `visibleRange`/`showRange` speak series indexes.
	 */
	#series: readonly Candle[] = [];
	#windowStart = 0;
	#candles: readonly Candle[] = [];
	/** The last confluence data (whole series), windowed again when the window grows; window slices by source array. */
	#confluenceData: ConfluenceData | null = null;
	readonly #windowed = new WeakMap<readonly unknown[], { start: number; values: readonly unknown[] }>();
	/** The still-forming candle drawn after `#candles` (live data), and the open time of the newest bar drawn. */
	#forming: Candle | null = null;
	#newestBar = -Infinity;
	#levels: BinLevels | null = null;
	#onCrosshair: ((readout: CrosshairReadout | null) => void) | null = null;
	#onAltClick: ((time: number) => void) | null = null;
	#onPrintHover: ((print: PrintMark | null, point: { x: number; y: number } | null) => void) | null = null;
	/** The live source's derivatives (null: none, e.g. the sample) and the bar length they are drawn at. */
	#derivatives: ChartDerivatives | null = null;
	#barMs = 60_000;
	#candleTimes: { of: readonly Candle[]; times: number[] } | null = null;
	/**
	 * A new series is applied in slices (`slice-queue.ts`): the candles at once, then the volume, the indicator lines and
	 * the history image each in a task of its own. The chart element carries `data-applied-slices` (steps applied since
	 * the last new result) and `data-pending-slices`, so a test can see that the work was sliced; `data-window-bars`
	 * the bars handed to the chart (`common/bar-window.ts`).
	 */
	readonly #slices: SliceQueue;
	readonly #container: HTMLElement;

	/**
	 * @param colourOf the heatmap colour ramp
	 * @param formatNotional formats a USDT amount for labels drawn on the chart (e.g. "$1.2M")
	 * @param formatPrice formats a price for labels drawn on the chart (e.g. "107,250")
	 * @param now the clock of the bar countdown (ms UTC), injectable for tests
	 */
	constructor(
		container: HTMLElement,
		colourOf: ColourOf,
		formatNotional: (usd: number) => string,
		formatPrice: (price: number) => string,
		now: () => number = () => Date.now()
	) {
		this.#container = container;
		this.#slices = new SliceQueue((applied, pending) => {
			container.dataset.appliedSlices = String(applied);
			container.dataset.pendingSlices = String(pending);
		});
		this.#chart = createChart(container, {
			autoSize: true,
			layout: {
				background: { type: ColorType.Solid, color: chartTheme.background },
				textColor: chartTheme.text,
				fontFamily: chartTheme.fontFamily,
				fontSize: 11,
				panes: { separatorColor: chartTheme.border, enableResize: true }
			},
			grid: { vertLines: { color: chartTheme.grid }, horzLines: { color: chartTheme.grid } },
			crosshair: {
				mode: CrosshairMode.Normal,
				vertLine: { color: chartTheme.crosshair, labelBackgroundColor: '#363a45' },
				horzLine: { color: chartTheme.crosshair, labelBackgroundColor: '#363a45' }
			},
			rightPriceScale: { borderColor: chartTheme.border, scaleMargins: { top: 0.08, bottom: 0.06 } },
			timeScale: {
				borderColor: chartTheme.border,
				timeVisible: true,
				secondsVisible: false,
				// Keeps the newest candles clear of the strip on the right edge.
				rightOffsetPixels: STRIP_WIDTH_PX + 20
			},
		});
		this.#candleSeries = this.#chart.addSeries(CandlestickSeries, {
			upColor: chartTheme.candleUp,
			downColor: chartTheme.candleDown,
			borderVisible: false,
			wickUpColor: chartTheme.candleUp,
			wickDownColor: chartTheme.candleDown,
			// Thousands separators on the axis and the crosshair label ("104,800.0"), as on TradingView.
			priceFormat: { type: 'custom', minMove: 0.1, formatter: formatAxisPrice }
		});
		this.#volumeSeries = this.#chart.addSeries(
			HistogramSeries,
			{ priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
			1
		);
		this.#chart.panes()[1]?.setStretchFactor(VOLUME_PANE_STRETCH);

		// Attach order is paint order within a layer: history first, bands over it.
		this.#history = new HistoryHeatmap(colourOf);
		this.#bands = new LiquidationBands(colourOf);
		this.#strip = new LiquidationStrip(colourOf, { widthPx: STRIP_WIDTH_PX, formatNotional });
		this.#candleSeries.attachPrimitive(this.#history);
		this.#candleSeries.attachPrimitive(this.#bands);
		this.#candleSeries.attachPrimitive(this.#strip);
		this.#edgeLabels = new EdgeLabels({
			rightClearance: (paneWidth) => stripWidth(STRIP_WIDTH_PX, paneWidth) + 4,
			topClearancePx: LEGEND_CLEARANCE_PX
		});
		this.#candleSeries.attachPrimitive(this.#edgeLabels);
		this.#confluence = new ConfluenceLayers(this.#chart, this.#candleSeries, this.#volumeSeries, {
			rightClearance: (paneWidth) => stripWidth(STRIP_WIDTH_PX, paneWidth) + 4,
			topClearancePx: LEGEND_CLEARANCE_PX,
			formatPrice,
			formatNotional,
			stripWidthPx: STRIP_WIDTH_PX,
			now,
			// The live overlays' state (bubbles in view, pane values, countdown) as data attributes, for the page's tests.
			// Views report on every repaint (a crosshair move): the DOM is written only when a value changed.
			report: (name, value) => {
				if (container.getAttribute(`data-${name}`) === value) return;
				if (value === null) container.removeAttribute(`data-${name}`);
				else container.setAttribute(`data-${name}`, value);
			}
		});
		this.#chart.panes()[RSI_PANE]?.setStretchFactor(RSI_PANE_STRETCH);
		this.planLines = new PlanLinesController(container, this.#chart, this.#candleSeries, {
			rightClearancePx: (paneWidth) => stripWidth(STRIP_WIDTH_PX, paneWidth) + 4,
			topClearancePx: LEGEND_CLEARANCE_PX
		});
		this.#chart.subscribeCrosshairMove(this.#handleCrosshair);
		this.#chart.subscribeClick(this.#handleClick);
		this.#chart.timeScale().subscribeVisibleLogicalRangeChange(this.#viewChanged);
		// The library's attribution logo link shows no focus: Tab would land on it invisibly before the chart. It stays
		// for the pointer (and the README credits the library); the keyboard goes to the chart itself.
		for (const link of container.querySelectorAll('a')) link.tabIndex = -1;
	}

	/**
	 * Replaces the candles (and volume) and shows the newest bars. The same series again (e.g. after a tier weight
	 * change, which re-runs the model on the same candles) is ignored, so the user's zoom and scroll are kept.
	 * `keepRange`: keep the visible logical range instead (replay steps: the newest bar stays where it was).
	 */
	setCandles(candles: readonly Candle[], keepRange = false): void {
		const change = candleChange(this.#series, candles);
		if (change.kind === 'same') {
			// Equal bars (e.g. the preview's, then the analysis'): the new array is the series the confluence data refers to.
			if (this.#windowStart === 0) this.#candles = candles;
			this.#series = candles;
			return;
		}
		// Live data: candles added at the end are drawn in place (`update`); a slid window keeps the same times in view.
		if (change.kind === 'tail' && !keepRange) {
			// A tick during a switch: the pending slices first, so that the updates land on the full series.
			this.#slices.flush();
			this.#series = candles;
			this.#candles = this.#windowStart === 0 ? candles : candles.slice(this.#windowStart);
			for (let i = change.from; i < candles.length; i++) this.#updateBar(candles[i]);
			this.#drawForming();
			return;
		}
		// Another data set (timeframe, lookback, source) is applied in slices; a replay step or a slid live window at
		// once (the indicator lines must not blink while replay plays).
		const sliced = change.kind === 'new' && !keepRange;
		if (!sliced) this.#slices.flush();
		const shift = change.kind === 'shift' && !keepRange ? change.shift : 0;
		const kept = keepRange || shift ? this.#chart.timeScale().getVisibleLogicalRange() : null;
		// The view in indexes of the new series: the same bars (moved by `shift`), or the newest ones.
		const view = kept ? { from: kept.from + this.#windowStart - shift, to: kept.to + this.#windowStart - shift } : this.#newestView(candles.length);
		this.#series = candles;
		this.#applyWindow(windowStart(candles.length, view.from), view, sliced, false);
		if (kept) this.#drawForming();
	}

	/** The default view of a series of `length` bars (series indexes): the newest bars, clear of the strip. */
	#newestView(length: number): LogicalSpan {
		// The empty space right of the newest bar keeps it clear of the strip (setting a range overrides rightOffset).
		const last = length - 1;
		const paneWidth = this.#chart.paneSize(0).width;
		const spaceBars = (stripWidth(STRIP_WIDTH_PX, paneWidth) + 20) / INITIAL_BAR_SPACING_PX;
		const visibleBars = Math.max(30, paneWidth / INITIAL_BAR_SPACING_PX - spaceBars);
		return { from: Math.max(0, last - visibleBars), to: last + spaceBars };
	}

	/**
	 * Hands the chart the bars of `#series` from `start` on and shows `view` (series indexes). `sliced`: the volume and
	 * the indicator lines follow in slices (a new series, a grown window), else at once. `grown`: the same series in a
	 * larger window (its confluence data is moved onto the new bar indexes).
	 */
	#applyWindow(start: number, view: LogicalSpan, sliced: boolean, grown: boolean): void {
		const candles = start === 0 ? this.#series : this.#series.slice(start);
		const oldTimesKept = isTimeSubset(this.#candles, candles);
		this.#windowStart = start;
		this.#candles = candles;
		// For tests: how many bars of the series the chart holds.
		this.#container.dataset.windowBars = String(candles.length);
		this.#newestBar = candles.length ? candles[candles.length - 1].time : -Infinity;
		// The old volume and lines go first when their times are not among the new bars (see below): each `setData`
		// rebuilds the time scale from all series' points, so the candles' own rebuild then counts only their bars.
		if (sliced && !oldTimesKept) {
			this.#volumeSeries.setData([]);
			this.#confluence.clearLines();
		}
		this.#candleSeries.setData(
			candles.map((c) => ({ time: toChartTime(c.time), open: c.open, high: c.high, low: c.low, close: c.close }))
		);
		// The volume and the indicator lines follow in slices; until then their old times must not add bars to the time
		// scale (the chart's bars are the union of all series' times: 5m volume left beside new 1h candles would space
		// them out). They are emptied only then: each `setData`, even an empty one, rebuilds the whole time scale. The
		// history image is placed on the new bars by time.
		const setVolume = () =>
			this.#volumeSeries.setData(
				candles.map((c) => ({
					time: toChartTime(c.time),
					value: c.volume,
					color: c.close >= c.open ? chartTheme.volumeUp : chartTheme.volumeDown
				}))
			);
		this.#history.setCandleTimes(candles.map((c) => c.time));
		if (sliced) {
			this.#slices.queue('volume', () => {
				setVolume();
				this.#drawForming();
			});
		} else setVolume();
		// A grown window: the same analysis, its lines and overlays on the new bar indexes (a new series' data is still to
		// come when its saved view grows the window at once).
		const data = this.#confluenceData;
		if (grown && data?.candles === this.#series) this.#confluence.setData(this.#windowedConfluence(data), (key, step) => this.#whileSlicing(key, step));
		this.#chart.timeScale().setVisibleLogicalRange({ from: (view.from - start) as Logical, to: (view.to - start) as Logical });
	}

	/** `values` (one per bar of the series) from the window's first bar on; the same array while the window stays. */
	#windowValues<T>(values: readonly T[]): readonly T[] {
		const start = this.#windowStart;
		if (start === 0) return values;
		const cached = this.#windowed.get(values);
		if (cached?.start === start) return cached.values as readonly T[];
		const sliced = values.slice(start);
		this.#windowed.set(values, { start, values: sliced });
		return sliced;
	}

	/** The confluence data on the window's bars (indexes moved by its first bar). */
	#windowedConfluence(data: ConfluenceData): ConfluenceData {
		const start = this.#windowStart;
		if (start === 0) return data;
		return {
			candles: data.candles === this.#series ? this.#candles : this.#windowValues(data.candles),
			rsi: this.#windowValues(data.rsi),
			volumeSma: this.#windowValues(data.volumeSma),
			zones: data.zones,
			events: shiftEvents(data.events, start),
			divergences: shiftDivergences(data.divergences, start)
		};
	}

	/** When the view nears the window's first bar, the window grows (in a slice of its own, not inside the pan). */
	#growWindowIfNeeded(): void {
		const range = this.#chart.timeScale().getVisibleLogicalRange();
		if (!range || grownStart(this.#windowStart, this.#series.length, range.from + this.#windowStart) === null) return;
		this.#slices.queue('window', () => {
			const now = this.#chart.timeScale().getVisibleLogicalRange();
			if (!now) return;
			const view = { from: now.from + this.#windowStart, to: now.to + this.#windowStart };
			const start = grownStart(this.#windowStart, this.#series.length, view.from);
			if (start !== null) this.#applyWindow(start, view, true, true);
		});
	}

	/** The still-forming candle (live data), drawn after the closed ones with `series.update`; null draws none. */
	setForming(candle: Candle | null): void {
		this.#forming = candle;
		this.#drawForming();
	}

	#drawForming(): void {
		const last = this.#candles[this.#candles.length - 1];
		if (this.#forming && last && this.#forming.time > last.time) this.#updateBar(this.#forming);
	}

	/** One bar (and its volume) updated or appended in place; a bar older than the newest drawn is a historical update. */
	#updateBar(c: Candle): void {
		const time = toChartTime(c.time);
		const historical = c.time < this.#newestBar;
		this.#candleSeries.update({ time, open: c.open, high: c.high, low: c.low, close: c.close }, historical);
		this.#volumeSeries.update({ time, value: c.volume, color: c.close >= c.open ? chartTheme.volumeUp : chartTheme.volumeDown }, historical);
		const newBar = c.time > this.#newestBar;
		this.#newestBar = Math.max(this.#newestBar, c.time);
		if (newBar) this.#pushLive();
	}

	/**
	 * The live source's prints, open interest and funding (null: the data has none, e.g. the sample or a file: the live
	 * overlays draw nothing and the panes say so), drawn on bars of `barMs`.
	 */
	setDerivatives(derivatives: ChartDerivatives | null, barMs: number): void {
		this.#derivatives = derivatives;
		this.#barMs = barMs;
		this.#pushLive();
	}

	/** Calls `listener` with the print under the pointer (null when none) and the pointer's media position. */
	onPrintHover(listener: ((print: PrintMark | null, point: { x: number; y: number } | null) => void) | null): void {
		this.#onPrintHover = listener;
	}

	#pushLive(): void {
		const derivatives = this.#derivatives;
		if (this.#candleTimes?.of !== this.#candles) this.#candleTimes = { of: this.#candles, times: this.#candles.map((c) => c.time) };
		this.#confluence.setLive(
			derivatives
				? { available: true, ...derivatives, barMs: this.#barMs, candleTimes: this.#candleTimes.times, newestBar: this.#newestBar, levels: this.#levels }
				: { ...NO_LIVE_DATA, barMs: this.#barMs, levels: this.#levels }
		);
	}

	/** The current liquidation map, scaled; `lastClose` anchors the strip's cumulative curves. */
	setMap(map: LiquidationMap | null, lastClose: number, intensityOf: IntensityOf): void {
		this.#levels = map ? scaleBinLevels(map, intensityOf) : null;
		this.#bands.setLevels(this.#levels);
		this.#strip.setLevels(this.#levels, lastClose);
		// The realised histogram uses the map's bins; the candles came just before (the view's effects run in order).
		this.#pushLive();
	}

	/** The history grid; while a new series is being applied in slices, its image is painted in slices too. */
	setHistory(grid: HistoryGrid | null, intensityOf: IntensityOf | null): void {
		const times = this.#candles.map((c) => c.time);
		if (this.#slices.pending) this.#history.setGrid(grid, times, intensityOf, (key, step) => this.#slices.queue(key, step));
		else this.#history.setGrid(grid, times, intensityOf);
	}

	/** Runs `step` in the slices while a new series is being applied (after its candles), else at once. */
	#whileSlicing(key: string, step: () => void): void {
		if (this.#slices.pending) this.#slices.queue(key, step);
		else step();
	}

	setDisplay({ mode, showLongs, showShorts, minIntensity }: ChartDisplay): void {
		const sides = { showLongs, showShorts, minIntensity };
		this.#bands.applyOptions({ ...sides, visible: mode === 'bands' });
		this.#history.applyOptions({ ...sides, visible: mode === 'history' });
		this.#strip.applyOptions(sides);
	}

	/** RSI, volume SMA, S/R zones, structure breaks and divergences of the current analysis (same candles as `setCandles`). */
	setConfluence(data: ConfluenceData): void {
		this.#confluenceData = data;
		this.#confluence.setData(this.#windowedConfluence(data), (key, step) => this.#whileSlicing(key, step));
	}

	setOverlays(visibility: OverlayVisibility): void {
		this.#confluence.setVisibility(visibility);
	}

	setHighlight(highlight: BandHighlight | null): void {
		this.#bands.setHighlight(highlight);
	}

	/**
	 * The clusters shown (after the side and intensity filters): the default price range includes the strongest one per
	 * side within reach (`view-clusters.ts`) while the newest bar is in view, and `labels` (e.g. the top scores) get a
	 * ▲/▼ tag at the edge when they lie beyond the view.
	 */
	setClusters(clusters: readonly Cluster[], lastClose: number, atr: number | null, labels: readonly EdgeLabel[]): void {
		this.#bands.setViewRange(rangeOf(strongestInReach(clusters, lastClose, atr)), this.#candles.length - 1);
		this.#edgeLabels.setLabels(labels);
		this.#viewChanged();
	}

	/** Calls `listener` (once per frame at most) when the visible range or what is drawn changes. */
	onViewChange(listener: (() => void) | null): void {
		this.#onViewChange = listener;
	}

	/** The visible time and price span and the edge labels, null before candles. */
	viewSummary(): ChartViewSummary | null {
		const range = this.#chart.timeScale().getVisibleLogicalRange();
		const height = this.#chart.paneSize(0).height;
		if (!range || this.#candles.length === 0 || height === 0) return null;
		const at = (logical: number) => this.#candles[Math.min(this.#candles.length - 1, Math.max(0, Math.round(logical)))].time;
		const high = this.#candleSeries.coordinateToPrice(0);
		const low = this.#candleSeries.coordinateToPrice(height);
		if (high === null || low === null) return null;
		return { fromTime: at(range.from), toTime: at(range.to), low, high, beyond: this.#edgeLabels.placed() };
	}

	/** The range the last navigation key asked for, and the range drawn when it was pressed. */
	#keyRange: { drawn: { from: number; to: number }; target: { from: number; to: number } } | null = null;

	/**
	 * Keyboard pan and zoom (← → + − Home End, `keyboard-navigation.ts`); true when the key was one of them (the caller
	 * then prevents the browser's scrolling).
	 */
	handleKey(key: string): boolean {
		const timeScale = this.#chart.timeScale();
		const range = timeScale.getVisibleLogicalRange();
		if (!range) return false;
		const spaceBars = (stripWidth(STRIP_WIDTH_PX, this.#chart.paneSize(0).width) + 20) / INITIAL_BAR_SPACING_PX;
		const start = this.#windowStart;
		const drawn = { from: range.from + start, to: range.to + start };
		// A range asked for is drawn on the next frame: until the drawn range moves, a quick second key starts from the
		// range the first one asked for (else two presses within a frame count as one).
		const asked = this.#keyRange;
		const current = asked && asked.drawn.from === drawn.from && asked.drawn.to === drawn.to ? asked.target : drawn;
		const next = navigate(key, current, this.#series.length, spaceBars);
		if (!next) return false;
		this.#keyRange = { drawn, target: next };
		this.showRange(next);
		return true;
	}

	readonly #viewChanged = (): void => {
		this.#growWindowIfNeeded();
		if (!this.#onViewChange || this.#viewChangeFrame) return;
		// After the next paint, when the price scale has fitted the new range.
		this.#viewChangeFrame = requestAnimationFrame(() => {
			this.#viewChangeFrame = requestAnimationFrame(() => {
				this.#viewChangeFrame = 0;
				this.#onViewChange?.();
			});
		});
	};

	/** The visible range in bar indices of the series given to `setCandles`, to bring back later with `showRange`. */
	visibleRange(): { from: number; to: number } | null {
		const range = this.#chart.timeScale().getVisibleLogicalRange();
		return range && { from: range.from + this.#windowStart, to: range.to + this.#windowStart };
	}

	/** Shows bars `from`–`to` of the series given to `setCandles` (the window grows at once if they lie before it). */
	showRange(range: { from: number; to: number }): void {
		const grown = grownStart(this.#windowStart, this.#series.length, range.from);
		if (grown !== null) return this.#applyWindow(grown, range, true, true);
		const start = this.#windowStart;
		this.#chart.timeScale().setVisibleLogicalRange({ from: (range.from - start) as Logical, to: (range.to - start) as Logical });
	}

	/** Calls `listener` with the open time (ms) of the bar under an Alt+click (e.g. to start a replay there). */
	onAltClick(listener: ((time: number) => void) | null): void {
		this.#onAltClick = listener;
	}

	/** Calls `listener` with what is under the crosshair, or null when it leaves the price pane. */
	onCrosshair(listener: ((readout: CrosshairReadout | null) => void) | null): void {
		this.#onCrosshair = listener;
	}

	/**
	 * The chart as one canvas (all panes and the axes), e.g. for exporting an image. `include`: prices the price scale
	 * must show in the image (e.g. the plan's stop) while it fits automatically; they stay included (so that
	 * `priceToCoordinate` matches the image) until `endScreenshot()`, to be called in the same task.
	 */
	takeScreenshot(include: readonly number[] = []): HTMLCanvasElement {
		// Whatever is still to be applied goes into the image.
		this.#slices.flush();
		this.#bands.setExtraPrices(include);
		// `true`: with the top layer, where overlays such as the plan lines paint; `false`: without the crosshair.
		return this.#chart.takeScreenshot(true, false);
	}

	/** Gives the live view back after `takeScreenshot(include)`. */
	endScreenshot(): void {
		this.#bands.setExtraPrices([]);
	}

	/**
	 * The chart for an exported image: its screenshot with `include` prices on the scale, and the geometry to annotate
	 * it, handed to `use` (price → y holds only there); the live view comes back afterwards.
	 */
	exportShot<T>(include: readonly number[], dpr: number, use: (shot: ChartShot) => T): T {
		const canvas = this.takeScreenshot(include);
		try {
			const geometry = this.planLines.geometry();
			const strip = stripWidth(STRIP_WIDTH_PX, geometry.plotWidth);
			return use(chartShot(canvas, geometry, strip, dpr, (price) => this.planLines.priceToCoordinate(price)));
		} finally {
			this.endScreenshot();
		}
	}

	remove(): void {
		cancelAnimationFrame(this.#viewChangeFrame);
		this.#slices.dispose();
		this.#onViewChange = null;
		this.#chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.#viewChanged);
		this.#chart.unsubscribeCrosshairMove(this.#handleCrosshair);
		this.#chart.unsubscribeClick(this.#handleClick);
		this.planLines.dispose();
		this.#confluence.dispose();
		this.#chart.remove();
	}

	readonly #handleClick = (param: MouseEventParams<Time>): void => {
		// A tap (touch has no hover): the readout and the crosshair at the tapped price and bar.
		if (!param.sourceEvent?.altKey && param.point && param.paneIndex === 0) {
			this.#handleCrosshair(param);
			const price = this.#candleSeries.coordinateToPrice(param.point.y);
			if (price !== null && param.time !== undefined) this.#chart.setCrosshairPosition(price, param.time, this.#candleSeries);
		}
		if (!this.#onAltClick || !param.sourceEvent?.altKey || param.logical === undefined) return;
		const index = Math.min(this.#candles.length - 1, Math.max(0, Math.round(param.logical)));
		if (index >= 0) this.#onAltClick(this.#candles[index].time);
	};

	readonly #handleCrosshair = (param: MouseEventParams<Time>): void => {
		const onPane = param.point && param.paneIndex === 0 ? param.point : null;
		this.#onPrintHover?.(onPane ? this.#confluence.printAt(onPane.x, onPane.y) : null, onPane);
		if (!this.#onCrosshair) return;
		if (!param.point || param.paneIndex !== 0) {
			this.#onCrosshair(null);
			return;
		}
		const price = this.#candleSeries.coordinateToPrice(param.point.y);
		if (price === null) {
			this.#onCrosshair(null);
			return;
		}
		const index = param.logical === undefined ? -1 : Math.round(param.logical);
		const candle = index >= 0 && index < this.#candles.length ? this.#candles[index] : null;
		this.#onCrosshair(readLevels(this.#levels, price, candle));
	};
}
