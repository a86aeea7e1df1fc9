/**
 * Paints the realised bars from the strip's left edge rightwards (longs and shorts side by side in a bin: the longer
 * one under the shorter), with a caption of the visible total, in bitmap space.
 */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { RenderingTarget } from '../common/types.ts';
import type { VisibleBins } from '../common/visible-bins.ts';
import { stripWidth } from '../liquidation-strip/options.ts';
import type { RealisedHistogram } from './primitive.ts';
import type { RealisedBins } from './view.ts';

const CAPTION_FONT_PX = 10;
const MIN_CAPTION_STRIP_PX = 60;

export class RealisedHistogramRenderer implements IPrimitivePaneRenderer {
	readonly #source: RealisedHistogram;
	readonly #visible: VisibleBins;
	readonly #bins: RealisedBins;

	constructor(source: RealisedHistogram, visible: VisibleBins, bins: RealisedBins) {
		this.#source = source;
		this.#visible = visible;
		this.#bins = bins;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace(({ context, bitmapSize, mediaSize, horizontalPixelRatio, verticalPixelRatio }) => {
			const { stripWidthPx, maxShare, longColour, shortColour, textColour, fontFamily, formatNotional } = this.#source.options;
			const width = stripWidth(stripWidthPx, mediaSize.width);
			const left = Math.round((mediaSize.width - width) * horizontalPixelRatio) + Math.max(1, Math.floor(horizontalPixelRatio));
			const span = width * maxShare * horizontalPixelRatio;
			const bins = this.#bins;
			const visible = this.#visible;
			for (let i = 0; i < visible.count; i++) {
				const bin = visible.bin[i];
				const long = bins.long[bin];
				const short = bins.short[bin];
				if (long === 0 && short === 0) continue;
				const top = Math.round(visible.topMedia[i] * verticalPixelRatio);
				const height = Math.max(Math.round(verticalPixelRatio), Math.round(visible.bottomMedia[i] * verticalPixelRatio) - top);
				const bars: [number, string][] = long >= short ? [[long, longColour], [short, shortColour]] : [[short, shortColour], [long, longColour]];
				for (const [value, colour] of bars) {
					if (value === 0) continue;
					context.fillStyle = colour;
					context.fillRect(left, top, Math.max(Math.round(2 * horizontalPixelRatio), Math.round((value / bins.max) * span)), height);
				}
			}
			// A phone's narrow strip has no room for the caption (the bars say enough there).
			if (width < MIN_CAPTION_STRIP_PX) return;
			const fontPx = Math.round(CAPTION_FONT_PX * verticalPixelRatio);
			context.font = `${fontPx}px ${fontFamily}`;
			context.textBaseline = 'bottom';
			context.fillStyle = textColour;
			// Above the strip's own bottom caption (Σ↓), at its left edge.
			context.fillText(`real ${formatNotional(bins.total)}`, left + Math.round(5 * horizontalPixelRatio), bitmapSize.height - Math.round(5 * verticalPixelRatio) - fontPx - 2);
		});
	}
}
