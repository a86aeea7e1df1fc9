/** Paints the visible divergence lines with a dot on each pivot. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import { dot, segment } from '../common/bitmap.ts';
import type { RenderingTarget } from '../common/types.ts';
import type { DivergenceLines } from './primitive.ts';
import type { VisibleSegments } from '../common/visible-segments.ts';

export class DivergenceLinesRenderer implements IPrimitivePaneRenderer {
	readonly #source: DivergenceLines;
	readonly #lines: VisibleSegments;

	constructor(source: DivergenceLines, lines: VisibleSegments) {
		this.#source = source;
		this.#lines = lines;
	}

	draw(target: RenderingTarget): void {
		const lines = this.#lines;
		if (lines.count === 0) return;
		target.useBitmapCoordinateSpace((scope) => {
			const { bullishColour, bearishColour, lineWidthPx } = this.#source.options;
			const divergences = this.#source.divergences;
			const { context } = scope;
			context.lineCap = 'round';
			for (let k = 0; k < lines.count; k++) {
				const divergence = divergences[lines.item[k]];
				const colour = divergence.direction === 'bullish' ? bullishColour : bearishColour;
				context.strokeStyle = colour;
				context.fillStyle = colour;
				segment(scope, lines.x1Media[k], lines.y1Media[k], lines.x2Media[k], lines.y2Media[k], lineWidthPx, divergence.kind === 'hidden');
				dot(scope, lines.x1Media[k], lines.y1Media[k], 2);
				dot(scope, lines.x2Media[k], lines.y2Media[k], 2);
			}
			context.setLineDash([]);
		});
	}
}
