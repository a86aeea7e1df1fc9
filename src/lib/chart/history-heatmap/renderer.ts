/**
 * Paints the visible part of the cell image: one scaled `drawImage` per visible column, snapped to whole device
 * pixels. Columns narrower than a device pixel are skipped after the first one in that pixel, so the cost is bounded
 * by the pane width, not by the number of columns.
 */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { HistoryHeatmap } from './primitive.ts';
import type { VisibleCells } from './view.ts';

export class HistoryHeatmapRenderer implements IPrimitivePaneRenderer {
	readonly #source: HistoryHeatmap;
	readonly #cells: VisibleCells;

	constructor(source: HistoryHeatmap, cells: VisibleCells) {
		this.#source = source;
		this.#cells = cells;
	}

	draw(target: RenderingTarget): void {
		const image = this.#source.image;
		const cells = this.#cells;
		if (!image || cells.columnCount === 0 || cells.rowCount === 0) return;
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio, verticalPixelRatio }) => {
			const topBitmap = Math.round(cells.topMedia * verticalPixelRatio);
			const heightBitmap = Math.round(cells.bottomMedia * verticalPixelRatio) - topBitmap;
			if (heightBitmap <= 0) return;
			// Nearest-neighbour scaling keeps cell edges sharp instead of blurring neighbouring levels together.
			context.imageSmoothingEnabled = false;
			let paintedUpTo = -Infinity;
			for (let i = 0; i < cells.columnCount; i++) {
				const leftBitmap = Math.max(Math.round(cells.leftMedia[i] * horizontalPixelRatio), paintedUpTo);
				const rightBitmap = Math.round(cells.rightMedia[i] * horizontalPixelRatio);
				if (rightBitmap <= leftBitmap) continue;
				context.drawImage(
					image,
					cells.column[i],
					cells.firstRow,
					1,
					cells.rowCount,
					leftBitmap,
					topBitmap,
					rightBitmap - leftBitmap,
					heightBitmap
				);
				paintedUpTo = rightBitmap;
			}
		});
	}
}
