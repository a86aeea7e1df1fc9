/**
 * Finds the history columns inside the visible time range and the bins inside the visible price range, and their
 * media-pixel edges. Runs on pan/zoom and data changes; arrays are reused between frames.
 */
import { lowerBound } from '$lib/core/market/candle-search.ts';
import type { IPrimitivePaneRenderer, IPrimitivePaneView, Logical, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { HistoryHeatmap } from './primitive.ts';
import { HistoryHeatmapRenderer } from './renderer.ts';

/** What the renderer needs: which part of the cell image to draw, and where. */
export interface VisibleCells {
	columnCount: number;
	/** Image column (= grid column) of each visible column, and its left/right edge in media pixels. */
	column: Int32Array;
	leftMedia: Float32Array;
	rightMedia: Float32Array;
	/** Image rows (highest price first) of the visible bins, and their top/bottom edge in media pixels. */
	firstRow: number;
	rowCount: number;
	topMedia: number;
	bottomMedia: number;
}

export class HistoryHeatmapView implements IPrimitivePaneView {
	readonly #source: HistoryHeatmap;
	readonly #cells: VisibleCells = {
		columnCount: 0,
		column: new Int32Array(0),
		leftMedia: new Float32Array(0),
		rightMedia: new Float32Array(0),
		firstRow: 0,
		rowCount: 0,
		topMedia: 0,
		bottomMedia: 0
	};
	readonly #renderer: HistoryHeatmapRenderer;

	constructor(source: HistoryHeatmap) {
		this.#source = source;
		this.#renderer = new HistoryHeatmapRenderer(source, this.#cells);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'bottom';
	}

	update(): void {
		const cells = this.#cells;
		cells.columnCount = 0;
		cells.rowCount = 0;
		const attached = this.#source.attachedTo;
		const grid = this.#source.grid;
		if (!attached || !grid || !this.#source.image) return;
		const timeScale = attached.chart.timeScale();
		const range = timeScale.getVisibleLogicalRange();
		if (!range) return;

		const starts = this.#source.columnStart;
		const columns = grid.columnTimes.length;
		if (cells.column.length < columns) {
			cells.column = new Int32Array(columns);
			cells.leftMedia = new Float32Array(columns);
			cells.rightMedia = new Float32Array(columns);
		}
		// Bars are centred on their logical index, so a column spans from half a bar before its first candle to half a
		// bar before the next column's first candle. The library maps whole logical indices only (a fraction gives 0),
		// hence the half bar is measured from two neighbouring bars.
		const firstBar = timeScale.logicalToCoordinate(0 as Logical);
		const secondBar = timeScale.logicalToCoordinate(1 as Logical);
		if (firstBar === null || secondBar === null) return;
		const halfBar = (secondBar - firstBar) / 2;
		for (let column = firstColumnEndingAfter(starts, range.from); column < columns; column++) {
			if (starts[column] - 0.5 > range.to) break;
			const left = timeScale.logicalToCoordinate(starts[column] as Logical);
			const right = timeScale.logicalToCoordinate(starts[column + 1] as Logical);
			if (left === null || right === null) continue;
			cells.column[cells.columnCount] = column;
			cells.leftMedia[cells.columnCount] = left - halfBar;
			cells.rightMedia[cells.columnCount] = right - halfBar;
			cells.columnCount++;
		}

		const series = attached.series;
		const paneHeight = attached.chart.paneSize(0).height;
		const topPrice = series.coordinateToPrice(0);
		const bottomPrice = series.coordinateToPrice(paneHeight);
		if (topPrice === null || bottomPrice === null) return;
		const highestBin = Math.min(grid.binCount - 1, Math.floor((topPrice - grid.priceMin) / grid.binWidth));
		const lowestBin = Math.max(0, Math.floor((bottomPrice - grid.priceMin) / grid.binWidth));
		if (highestBin < lowestBin) return;
		const top = series.priceToCoordinate(grid.priceMin + (highestBin + 1) * grid.binWidth);
		const bottom = series.priceToCoordinate(grid.priceMin + lowestBin * grid.binWidth);
		if (top === null || bottom === null) return;
		cells.firstRow = grid.binCount - 1 - highestBin;
		cells.rowCount = highestBin - lowestBin + 1;
		cells.topMedia = top;
		cells.bottomMedia = bottom;
	}

	renderer(): IPrimitivePaneRenderer | null {
		return this.#source.image ? this.#renderer : null;
	}
}

/** Binary search: the first column whose last bar lies at or after logical position `from`. */
function firstColumnEndingAfter(starts: Int32Array, from: number): number {
	return lowerBound(starts.length - 1, (i) => starts[i + 1] - 0.5 < from);
}
