/** Paints the profile bars from the pane's left edge, one per bin, leaving a device pixel between neighbours. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { VolumeProfileOverlay } from './primitive.ts';
import type { ProfileRows } from './view.ts';

export class VolumeProfileRenderer implements IPrimitivePaneRenderer {
	readonly #source: VolumeProfileOverlay;
	readonly #rows: ProfileRows;

	constructor(source: VolumeProfileOverlay, rows: ProfileRows) {
		this.#source = source;
		this.#rows = rows;
	}

	draw(target: RenderingTarget): void {
		const rows = this.#rows;
		if (rows.count === 0) return;
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio, verticalPixelRatio }) => {
			const { barColour, valueAreaColour, pocColour } = this.#source.options;
			const colours = [barColour, valueAreaColour, pocColour];
			for (let k = 0; k < rows.count; k++) {
				const top = Math.round(rows.topMedia[k] * verticalPixelRatio);
				const bottom = Math.round(rows.bottomMedia[k] * verticalPixelRatio);
				const height = Math.max(1, bottom - top - Math.max(1, Math.floor(verticalPixelRatio)));
				const length = Math.max(1, Math.round(rows.lengthMedia[k] * horizontalPixelRatio));
				context.fillStyle = colours[rows.kind[k]];
				context.fillRect(0, top, length, height);
			}
		});
	}
}
