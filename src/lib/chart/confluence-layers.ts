/**
 * The confluence part of the chart: the volume pane's SMA line, the RSI pane (line, 30/70 guides, divergence lines),
 * and the price-pane overlays (S/R zones, market structure, divergence lines, visible-range volume profile) with the
 * label layer that keeps their labels apart. Owned by `LiquidationChart`; each overlay can be switched off.
 */
import {
	LineSeries,

	type IChartApi,
	type ISeriesApi,
	type Time,
	type UTCTimestamp,
	type WhitespaceData,
	type LineData
} from 'lightweight-charts';
import type { Divergence } from '$lib/core/confluence/divergence.ts';
import type { StructureEvent } from '$lib/core/confluence/structure.ts';
import type { SrZone } from '$lib/core/confluence/support-resistance.ts';
import type { Candle } from '$lib/core/types.ts';
import type { LiveOverlayData, PrintMark } from './common/live-data.ts';
import { PaneSlots } from './derivatives-panes/pane-slots.ts';
import { LabelLayer } from './label-layer/primitive.ts';
import { OVERLAYS, type MountedOverlay, type OverlayId, type OverlayVisibility } from './overlays.ts';
import { PaneGuides } from './pane-guides/primitive.ts';
import { chartTheme } from './theme.ts';

/** What the confluence layers draw, straight from the analysis. */
export interface ConfluenceData {
	candles: readonly Candle[];
	/** RSI(14) and SMA(20) of volume per candle, null during warm-up. */
	rsi: readonly (number | null)[];
	volumeSma: readonly (number | null)[];
	zones: readonly SrZone[];
	events: readonly StructureEvent[];
	divergences: readonly Divergence[];
}

export type { OverlayVisibility } from './overlays.ts';

export interface ConfluenceLayersOptions {
	/** Width kept free at the price pane's right edge (the liquidation strip), media px. */
	rightClearance: (paneWidth: number) => number;
	/** Height of the HTML legend over the price pane's top, media px. */
	topClearancePx: number;
	formatPrice: (price: number) => string;
	formatNotional: (usd: number) => string;
	/** The strip's width on a wide pane (media px). */
	stripWidthPx: number;
	/** The clock of the live overlays (bar countdown), ms UTC. */
	now: () => number;
	/** Publishes an overlay's state as a data attribute of the chart element (null removes it). */
	report: (name: string, value: string | null) => void;
}

export const RSI_PANE = 2;
const RSI_LENGTH = 14;
const VOLUME_SMA_LENGTH = 20;

const toChartTime = (ms: number) => (ms / 1000) as UTCTimestamp;

export class ConfluenceLayers {
	readonly #rsiSeries: ISeriesApi<'Line', Time>;
	readonly #volumeSmaSeries: ISeriesApi<'Line', Time>;
	readonly #rsiGuides: PaneGuides;
	readonly #volumeGuides: PaneGuides;
	/** The registry's overlays (`overlays.ts`), mounted. */
	readonly #overlays: { id: OverlayId; mounted: MountedOverlay }[];
	/** The arrays the two line series were last set from. */
	#lines: Pick<ConfluenceData, 'candles' | 'rsi' | 'volumeSma'> | null = null;

	constructor(chart: IChartApi, candleSeries: ISeriesApi<'Candlestick', Time>, volumeSeries: ISeriesApi<'Histogram', Time>, options: ConfluenceLayersOptions) {
		this.#volumeSmaSeries = chart.addSeries(
			LineSeries,
			{ color: chartTheme.volumeSma, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, priceFormat: { type: 'volume' } },
			1
		);
		this.#volumeGuides = new PaneGuides({ caption: [['Volume', chartTheme.text], [`SMA ${VOLUME_SMA_LENGTH}`, chartTheme.volumeSma]] });
		volumeSeries.attachPrimitive(this.#volumeGuides);

		this.#rsiSeries = chart.addSeries(
			LineSeries,
			{
				color: chartTheme.rsi,
				lineWidth: 1,
				priceLineVisible: false,
				crosshairMarkerVisible: false,
				priceFormat: { type: 'price', precision: 1, minMove: 0.1 },
				// RSI lives on 0–100: a fixed scale keeps the 30/70 guides in place while panning.
				autoscaleInfoProvider: () => ({ priceRange: { minValue: 0, maxValue: 100 } })
			},
			RSI_PANE
		);
		this.#rsiSeries.priceScale().applyOptions({ scaleMargins: { top: 0.1, bottom: 0.08 } });
		this.#rsiGuides = new PaneGuides({ band: [30, 70], levels: [30, 70], caption: [[`RSI ${RSI_LENGTH}`, chartTheme.text]] });
		// The extra panes (open interest, funding) go below price, volume and RSI.
		const context = { ...options, slots: new PaneSlots(chart, RSI_PANE + 1) };
		this.#overlays = OVERLAYS.map((entry) => ({ id: entry.id, mounted: entry.mount(context) }));
		const rsiPrimitives = this.#overlays.flatMap(({ mounted }) => (mounted.rsi ? [mounted.rsi] : []));
		this.#rsiSeries.attachPrimitive(this.#rsiGuides);
		for (const primitive of rsiPrimitives) this.#rsiSeries.attachPrimitive(primitive);
		this.#rsiSeries.attachPrimitive(new LabelLayer(rsiPrimitives, { topClearancePx: 18 }));

		// Attach order is paint order within a layer; the label layer goes last so that its sources are up to date.
		const byPaint = OVERLAYS.map((entry, i) => ({ entry, mounted: this.#overlays[i].mounted }));
		for (const { mounted } of [...byPaint].sort((a, b) => a.entry.paintOrder - b.entry.paintOrder)) if (mounted.price) candleSeries.attachPrimitive(mounted.price);
		const labelSources = [...byPaint]
			.sort((a, b) => a.entry.labelPriority - b.entry.labelPriority)
			.flatMap(({ mounted }) => (mounted.labels ? [mounted.labels] : []));
		candleSeries.attachPrimitive(new LabelLayer(labelSources, { topClearancePx: options.topClearancePx, rightClearance: options.rightClearance }));
	}

	/**
	 * `later` takes the two line series' `setData` (tens of ms each on 25,920 points) to run in a task of its own
	 * (`LiquidationChart`'s slices); the overlays are set at once.
	 */
	setData(data: ConfluenceData, later: (key: string, step: () => void) => void = (_key, step) => step()): void {
		const times = data.candles.map((c) => c.time);
		// A model or weight change brings the same candles and indicators, and the page keeps their arrays then
		// (`unpackAnalysis`): the line series are only replaced when those changed.
		const previous = this.#lines;
		const sameCandles = previous?.candles === data.candles;
		if (!sameCandles || previous?.rsi !== data.rsi) later('rsi', () => this.#rsiSeries.setData(lineData(times, data.rsi)));
		if (!sameCandles || previous?.volumeSma !== data.volumeSma)
			later('volume-sma', () => this.#volumeSmaSeries.setData(lineData(times, data.volumeSma)));
		this.#lines = { candles: data.candles, rsi: data.rsi, volumeSma: data.volumeSma };
		const lastRsi = data.rsi.at(-1);
		this.#rsiGuides.applyOptions({
			caption: [
				[`RSI ${RSI_LENGTH}`, chartTheme.text],
				[lastRsi === null || lastRsi === undefined ? '–' : lastRsi.toFixed(1), chartTheme.rsi]
			]
		});
		const overlayData = { candles: data.candles, times, zones: data.zones, events: data.events, divergences: data.divergences };
		for (const { mounted } of this.#overlays) mounted.setData?.(overlayData);
	}

	/** The live source's prints, open interest and funding (or none) for the live overlays. */
	setLive(data: LiveOverlayData): void {
		for (const { mounted } of this.#overlays) mounted.setLive?.(data);
	}

	/** The print drawn under a media point of the price pane, if any. */
	printAt(x: number, y: number): PrintMark | null {
		for (const { mounted } of this.#overlays) {
			const print = mounted.hit?.(x, y);
			if (print) return print;
		}
		return null;
	}

	dispose(): void {
		for (const { mounted } of this.#overlays) mounted.dispose?.();
	}

	/** Empties the two line series (their times leave the chart's time scale) until the next `setData`. */
	clearLines(): void {
		if (!this.#lines) return;
		this.#rsiSeries.setData([]);
		this.#volumeSmaSeries.setData([]);
		this.#lines = null;
	}

	setVisibility(visibility: OverlayVisibility): void {
		for (const { id, mounted } of this.#overlays) {
			mounted.price?.applyOptions({ visible: visibility[id] });
			mounted.rsi?.applyOptions({ visible: visibility[id] });
			mounted.setVisible?.(visibility[id]);
		}
	}
}

/** Line points per candle; whitespace during an indicator's warm-up keeps the bars aligned with the candles. */
function lineData(times: readonly number[], values: readonly (number | null)[]): (LineData<Time> | WhitespaceData<Time>)[] {
	return times.map((time, i) => {
		const value = values[i];
		return value === null || value === undefined ? { time: toChartTime(time) } : { time: toChartTime(time), value };
	});
}

