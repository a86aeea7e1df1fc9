/** Paints the placed edge labels: a dark box, a side mark on its left edge, the text; bitmap space, whole pixels. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { EdgeLabels } from './primitive.ts';
import type { PlacedEdgeLabel } from './view.ts';

const PADDING_PX = 7;

export class EdgeLabelsRenderer implements IPrimitivePaneRenderer {
	readonly #source: EdgeLabels;
	readonly #placed: readonly PlacedEdgeLabel[];

	constructor(source: EdgeLabels, placed: readonly PlacedEdgeLabel[]) {
		this.#source = source;
		this.#placed = placed;
	}

	draw(target: RenderingTarget): void {
		if (this.#placed.length === 0) return;
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio: h, verticalPixelRatio: v }) => {
			const { fontPx, fontFamily, heightPx, background, textColour, longMark, shortMark } = this.#source.options;
			context.font = `600 ${Math.round(fontPx * v)}px ${fontFamily}`;
			context.textBaseline = 'middle';
			const height = Math.round(heightPx * v);
			for (const label of this.#placed) {
				const left = Math.round(label.left * h);
				const top = Math.round(label.top * v);
				context.fillStyle = background;
				context.fillRect(left, top, Math.round(label.width * h), height);
				context.fillStyle = label.side === 'long' ? longMark : shortMark;
				context.fillRect(left, top, Math.max(2, Math.round(3 * h)), height);
				context.fillStyle = textColour;
				context.fillText(label.text, left + Math.round(PADDING_PX * h), top + height / 2 + 0.5 * v);
			}
		});
	}
}
