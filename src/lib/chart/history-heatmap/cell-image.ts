/**
 * The history grid rendered once into an image with one pixel per cell (column = time, row = price bin, highest price
 * on top). Rebuilt when the grid or a display option changes; on pan/zoom the renderer only scales parts of it.
 */
import type { HistoryGrid } from '$lib/core/types.ts';
import { ColourTable } from '../common/colour-table.ts';
import type { IntensityOf } from '../common/types.ts';

export interface CellImageOptions {
	showLongs: boolean;
	showShorts: boolean;
	minIntensity: number;
}

export function renderCellImage(
	grid: HistoryGrid,
	intensityOf: IntensityOf,
	colours: ColourTable,
	{ showLongs, showShorts, minIntensity }: CellImageOptions
): HTMLCanvasElement | null {
	const columns = grid.columnTimes.length;
	if (columns === 0 || grid.binCount === 0) return null;
	const canvas = document.createElement('canvas');
	canvas.width = columns;
	canvas.height = grid.binCount;
	const context = canvas.getContext('2d');
	if (!context) return null;
	const image = context.createImageData(columns, grid.binCount);
	const pixels = image.data;
	for (let column = 0; column < columns; column++) {
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
	context.putImageData(image, 0, 0);
	return canvas;
}
