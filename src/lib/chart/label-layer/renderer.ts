/** Paints the placed labels: a dark box and the text in the label's colour, in bitmap space. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { LabelLayer } from './primitive.ts';
import type { PlacedLabels } from './view.ts';

export class LabelLayerRenderer implements IPrimitivePaneRenderer {
	readonly #source: LabelLayer;
	readonly #placed: PlacedLabels;

	constructor(source: LabelLayer, placed: PlacedLabels) {
		this.#source = source;
		this.#placed = placed;
	}

	draw(target: RenderingTarget): void {
		const placed = this.#placed;
		if (placed.count === 0) return;
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio, verticalPixelRatio }) => {
			const { fontPx, fontFamily, paddingPx, background } = this.#source.options;
			context.font = `600 ${Math.round(fontPx * verticalPixelRatio)}px ${fontFamily}`;
			context.textBaseline = 'middle';
			const heightBitmap = Math.round(placed.height * verticalPixelRatio);
			const padding = Math.round(paddingPx * horizontalPixelRatio);
			for (let i = 0; i < placed.count; i++) {
				const left = Math.round(placed.left[i] * horizontalPixelRatio);
				const top = Math.round(placed.top[i] * verticalPixelRatio);
				const width = Math.round(placed.width[i] * horizontalPixelRatio);
				context.fillStyle = background;
				context.fillRect(left, top, width, heightBitmap);
				context.fillStyle = placed.colour[i];
				context.fillRect(left, top, Math.max(1, Math.round(horizontalPixelRatio)), heightBitmap);
				context.fillText(placed.text[i], left + padding, top + heightBitmap / 2 + 0.5 * verticalPixelRatio);
			}
		});
	}
}
