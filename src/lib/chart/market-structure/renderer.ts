/** Paints the visible break segments (BOS solid, CHoCH dashed) with a tick at the broken swing, in bitmap space. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import { horizontalLine } from '../common/bitmap.ts';
import type { RenderingTarget } from '../common/types.ts';
import type { MarketStructure } from './primitive.ts';
import type { VisibleSegments } from '../common/visible-segments.ts';

export class MarketStructureRenderer implements IPrimitivePaneRenderer {
	readonly #source: MarketStructure;
	readonly #segments: VisibleSegments;

	constructor(source: MarketStructure, segments: VisibleSegments) {
		this.#source = source;
		this.#segments = segments;
	}

	draw(target: RenderingTarget): void {
		const segments = this.#segments;
		if (segments.count === 0) return;
		target.useBitmapCoordinateSpace((scope) => {
			const { upColour, downColour, lineWidthPx } = this.#source.options;
			const events = this.#source.events;
			for (let k = 0; k < segments.count; k++) {
				const event = events[segments.item[k]];
				scope.context.fillStyle = event.direction === 'up' ? upColour : downColour;
				const dash = event.kind === 'CHoCH' ? 4 : 0;
				horizontalLine(scope, segments.x1Media[k], segments.x2Media[k], segments.y1Media[k], lineWidthPx, dash);
				// A short tick marks the swing the break refers to.
				const tick = Math.round(3 * scope.verticalPixelRatio);
				const x = Math.round(segments.x1Media[k] * scope.horizontalPixelRatio);
				const y = Math.round(segments.y1Media[k] * scope.verticalPixelRatio);
				scope.context.fillRect(x, y - tick, Math.max(1, Math.round(scope.horizontalPixelRatio)), tick * 2);
			}
		});
	}
}
