/**
 * The history grid rendered into an image with one pixel per cell (column = time, row = price bin, highest price on
 * top). Rebuilt when the grid or a display option changes; on pan/zoom the renderer only scales parts of it. A large
 * grid (5m, 90 days: ~26k columns × hundreds of bins) can be painted in column chunks across tasks
 * (`CellImagePainter`), so that building it never blocks the page for long.
 */
import type { HistoryGrid } from '$lib/core/types.ts';
import { ColourTable } from '../common/colour-table.ts';
import type { IntensityOf } from '../common/types.ts';

export interface CellImageOptions {
	showLongs: boolean;
	showShorts: boolean;
	minIntensity: number;
}

/**
 * Cells painted per chunk: 120,000 take 10–20 ms of CPU on the development machine (a chunk is a task; on the shared
 * machine a task's wall time is several times its CPU time, and chunks of 250,000 made tasks of 100–200 ms).
 */
const CELLS_PER_CHUNK = 120_000;

/** An image being painted column chunk by column chunk; `canvas` holds every chunk painted so far. */
export class CellImagePainter {
	readonly canvas: HTMLCanvasElement;
	readonly #context: CanvasRenderingContext2D;
	readonly #image: ImageData;
	readonly #columnsPerChunk: number;
	#nextColumn = 0;

	/** Null when the grid is empty or the canvas has no 2D context. */
	static create(
		grid: HistoryGrid,
		intensityOf: IntensityOf,
		colours: ColourTable,
		options: CellImageOptions
	): CellImagePainter | null {
		const columns = grid.columnTimes.length;
		if (columns === 0 || grid.binCount === 0) return null;
		const canvas = document.createElement('canvas');
		canvas.width = columns;
		canvas.height = grid.binCount;
		const context = canvas.getContext('2d');
		return context ? new CellImagePainter(canvas, context, grid, intensityOf, colours, options) : null;
	}

	private constructor(
		canvas: HTMLCanvasElement,
		context: CanvasRenderingContext2D,
		readonly grid: HistoryGrid,
		readonly intensityOf: IntensityOf,
		readonly colours: ColourTable,
		readonly options: CellImageOptions
	) {
		this.canvas = canvas;
		this.#context = context;
		this.#image = context.createImageData(canvas.width, canvas.height);
		this.#columnsPerChunk = Math.max(1, Math.floor(CELLS_PER_CHUNK / grid.binCount));
	}

	get done(): boolean {
		return this.#nextColumn >= this.canvas.width;
	}

	/** Paints the next chunk of columns into the canvas. */
	paintChunk(): void {
		const from = this.#nextColumn;
		const to = Math.min(this.canvas.width, from + this.#columnsPerChunk);
		paintColumns(this.grid, this.intensityOf, this.colours, this.options, this.#image.data, from, to);
		this.#context.putImageData(this.#image, 0, 0, from, 0, to - from, this.canvas.height);
		this.#nextColumn = to;
	}

	/** Paints every remaining chunk. */
	finish(): void {
		while (!this.done) this.paintChunk();
	}
}

/** The whole image at once. */
export function renderCellImage(
	grid: HistoryGrid,
	intensityOf: IntensityOf,
	colours: ColourTable,
	options: CellImageOptions
): HTMLCanvasElement | null {
	const painter = CellImagePainter.create(grid, intensityOf, colours, options);
	painter?.finish();
	return painter?.canvas ?? null;
}

function paintColumns(
	grid: HistoryGrid,
	intensityOf: IntensityOf,
	colours: ColourTable,
	{ showLongs, showShorts, minIntensity }: CellImageOptions,
	pixels: Uint8ClampedArray,
	fromColumn: number,
	toColumn: number
): void {
	const columns = grid.columnTimes.length;
	for (let column = fromColumn; column < toColumn; column++) {
		const base = column * grid.binCount;
		for (let bin = 0; bin < grid.binCount; bin++) {
			const longNotional = showLongs ? grid.long[base + bin] : 0;
			const shortNotional = showShorts ? grid.short[base + bin] : 0;
			if (longNotional <= 0 && shortNotional <= 0) continue;
			// The dominant side colours the cell, as in the bands.
			const isLong = longNotional >= shortNotional;
			const intensity = intensityOf(isLong ? longNotional : shortNotional);
			if (intensity < minIntensity || intensity <= 0) continue;
			const row = grid.binCount - 1 - bin;
			colours.writeBytes(isLong ? 'long' : 'short', intensity, pixels, (row * columns + column) * 4);
		}
	}
}
