/**
 * History heatmap: a series primitive drawing the time-evolving liquidation map behind the candles; each cell spans
 * from its column's first candle to the next column's, so a level shows from its entry until it was traded through.
 */
import { lowerBound } from '$lib/core/market/candle-search.ts';
import type { HistoryGrid } from '$lib/core/types.ts';
import { ColourTable } from '../common/colour-table.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import type { ColourOf, IntensityOf } from '../common/types.ts';
import { CellImagePainter } from './cell-image.ts';
import { defaults, type HistoryHeatmapOptions } from './options.ts';
import { HistoryHeatmapView } from './view.ts';

export class HistoryHeatmap extends OverlayPrimitive<HistoryHeatmapOptions> {
	#grid: HistoryGrid | null = null;
	#intensityOf: IntensityOf | null = null;
	/** Logical index (bar number in the series) of each column's first candle, and of the bar after the last one. */
	#columnStart: Int32Array = new Int32Array(0);
	#candleTimes: readonly number[] = [];
	#image: HTMLCanvasElement | null = null;
	readonly #colours: ColourTable;
	/** A grid whose image is being painted in chunks (shown once complete), and the number of the latest build. */
	#next: { grid: HistoryGrid | null; candleTimes: readonly number[]; intensityOf: IntensityOf | null } | null = null;
	#build = 0;

	constructor(colourOf: ColourOf, options: HistoryHeatmapOptions = {}) {
		super(defaults, options, (overlay: HistoryHeatmap) => new HistoryHeatmapView(overlay));
		this.#colours = new ColourTable(colourOf, this.options.opacity);
	}

	get grid(): HistoryGrid | null {
		return this.#grid;
	}
	get image(): HTMLCanvasElement | null {
		return this.options.visible ? this.#image : null;
	}
	get columnStart(): Int32Array {
		return this.#columnStart;
	}

	/**
	 * @param candleTimes open times (ms) of the series' bars, oldest first: logical index i is `candleTimes[i]`
	 * @param later when given, the image is painted in column chunks, one per `later` step (each queues the next),
	 *   and the previous grid stays shown until it is complete
	 */
	setGrid(
		grid: HistoryGrid | null,
		candleTimes: readonly number[],
		intensityOf: IntensityOf | null,
		later?: (key: string, step: () => void) => void
	): void {
		const build = ++this.#build;
		this.#next = null;
		const painter = grid && intensityOf && this.options.visible ? CellImagePainter.create(grid, intensityOf, this.#colours, this.options) : null;
		const show = () => {
			// The bars may have changed while the image was painted (the chart's window grew).
			const times = this.#next?.candleTimes ?? candleTimes;
			this.#next = null;
			this.#grid = grid;
			this.#intensityOf = intensityOf;
			this.#candleTimes = times;
			this.#columnStart = grid ? columnStarts(grid.columnTimes, times) : new Int32Array(0);
			this.#image = painter?.canvas ?? null;
			this.requestUpdate();
		};
		if (!painter || !later) {
			painter?.finish();
			show();
			return;
		}
		this.#next = { grid, candleTimes, intensityOf };
		const paint = () => {
			if (build !== this.#build) return;
			painter.paintChunk();
			if (painter.done) show();
			else later('history-image', paint);
		};
		later('history-image', paint);
	}

	/** New bars under the same grid (a new series, before its grid arrives): the image stays, placed by time. */
	setCandleTimes(candleTimes: readonly number[]): void {
		this.#candleTimes = candleTimes;
		if (this.#next) this.#next.candleTimes = candleTimes;
		if (!this.#grid) return;
		this.#columnStart = columnStarts(this.#grid.columnTimes, candleTimes);
		this.requestUpdate();
	}

	protected override optionsChanged(before: Readonly<Required<HistoryHeatmapOptions>>): void {
		const after = this.options;
		const imageChanged =
			before.showLongs !== after.showLongs ||
			before.showShorts !== after.showShorts ||
			before.minIntensity !== after.minIntensity;
		// A grid still being painted with the options before: painted again at once with these.
		const next = this.#next;
		if (next) return this.setGrid(next.grid, next.candleTimes, next.intensityOf);
		if (imageChanged) this.#image = null;
		// Only rebuild the image when it is shown; a hidden heatmap is rebuilt when it becomes visible.
		if (after.visible && !this.#image) this.#rebuildImage();
	}

	#rebuildImage(): void {
		this.setGrid(this.#grid, this.#candleTimes, this.#intensityOf);
	}
}

/** Bar index of each column's first candle (binary search by time), followed by the bar count as the end marker. */
function columnStarts(columnTimes: readonly number[], candleTimes: readonly number[]): Int32Array {
	const starts = new Int32Array(columnTimes.length + 1);
	let from = 0;
	columnTimes.forEach((time, column) => {
		from = lowerBound(candleTimes.length, (i) => candleTimes[i] < time, from);
		starts[column] = from;
	});
	starts[columnTimes.length] = candleTimes.length;
	return starts;
}
