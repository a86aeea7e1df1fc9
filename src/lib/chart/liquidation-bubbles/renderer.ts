/** Paints the placed bubbles in bitmap space: a translucent fill and an opaque outline in the side's colour. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { LiquidationBubbles } from './primitive.ts';
import type { PlacedBubbles } from './view.ts';

export class LiquidationBubblesRenderer implements IPrimitivePaneRenderer {
	readonly #source: LiquidationBubbles;
	readonly #placed: PlacedBubbles;

	constructor(source: LiquidationBubbles, placed: PlacedBubbles) {
		this.#source = source;
		this.#placed = placed;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace(({ context, horizontalPixelRatio, verticalPixelRatio }) => {
			const { longColour, shortColour, fillAlpha } = this.#source.options;
			const placed = this.#placed;
			const ratio = Math.min(horizontalPixelRatio, verticalPixelRatio);
			context.lineWidth = Math.max(1, Math.round(ratio));
			for (let n = 0; n < placed.count; n++) {
				const colour = placed.isShort[n] ? shortColour : longColour;
				context.beginPath();
				context.arc(placed.x[n] * horizontalPixelRatio, placed.y[n] * verticalPixelRatio, placed.r[n] * ratio, 0, Math.PI * 2);
				context.globalAlpha = fillAlpha;
				context.fillStyle = colour;
				context.fill();
				context.globalAlpha = 0.9;
				context.strokeStyle = colour;
				context.stroke();
			}
			context.globalAlpha = 1;
		});
	}
}
