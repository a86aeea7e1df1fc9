/** Paints the bands and the highlight outline in bitmap space, on whole device pixels. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';
import { PixelRows } from '../common/pixel-rows.ts';
import type { BitmapScope, RenderingTarget } from '../common/types.ts';
import type { VisibleBins } from '../common/visible-bins.ts';
import type { LiquidationBands } from './primitive.ts';

/** The highlighted range in media pixels, written by the view. */
export interface HighlightMedia {
	shown: boolean;
	topMedia: number;
	bottomMedia: number;
	side: Side;
	label: string;
}

const LABEL_FONT_PX = 11;
const LABEL_PADDING_PX = 5;
/** Height of the HTML legend over the pane's top-left corner (OHLC and readout lines). */
const LEGEND_CLEARANCE_PX = 44;

export class LiquidationBandsRenderer implements IPrimitivePaneRenderer {
	readonly #source: LiquidationBands;
	readonly #visible: VisibleBins;
	readonly #highlight: HighlightMedia;
	readonly #rows = new PixelRows();

	constructor(source: LiquidationBands, visible: VisibleBins, highlight: HighlightMedia) {
		this.#source = source;
		this.#visible = visible;
		this.#highlight = highlight;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace((scope) => {
			this.#drawBands(scope);
			if (this.#highlight.shown) this.#drawHighlight(scope);
		});
	}

	#drawBands({ context, bitmapSize, verticalPixelRatio }: BitmapScope): void {
		const levels = this.#source.levels;
		if (!levels || this.#visible.count === 0) return;
		const { showLongs, showShorts, minIntensity } = this.#source.options;
		const colours = this.#source.colours;
		const rows = this.#rows;
		rows.update(this.#visible, levels, verticalPixelRatio);
		rows.pickDominant(showLongs, showShorts, minIntensity);
		for (let row = 0; row < rows.count; row++) {
			const intensity = rows.shown[row];
			if (intensity === 0) continue;
			context.fillStyle = colours.css(rows.isShort[row] ? 'short' : 'long', intensity);
			context.fillRect(0, rows.topBitmap[row], bitmapSize.width, rows.bottomBitmap[row] - rows.topBitmap[row]);
		}
	}

	#drawHighlight({ context, bitmapSize, horizontalPixelRatio, verticalPixelRatio }: BitmapScope): void {
		const { highlightColour, labelTextColour, fontFamily } = this.#source.options;
		const lineWidth = Math.max(1, Math.floor(horizontalPixelRatio));
		const top = Math.round(this.#highlight.topMedia * verticalPixelRatio);
		const bottom = Math.max(top + lineWidth * 2, Math.round(this.#highlight.bottomMedia * verticalPixelRatio));
		context.fillStyle = 'rgba(240, 243, 250, 0.10)';
		context.fillRect(0, top, bitmapSize.width, bottom - top);
		context.fillStyle = highlightColour;
		// Outline as four filled rectangles: crisp on whole pixels, unlike a half-pixel-offset stroke.
		context.fillRect(0, top, bitmapSize.width, lineWidth);
		context.fillRect(0, bottom - lineWidth, bitmapSize.width, lineWidth);

		const fontPx = Math.round(LABEL_FONT_PX * verticalPixelRatio);
		const padding = Math.round(LABEL_PADDING_PX * horizontalPixelRatio);
		context.font = `600 ${fontPx}px ${fontFamily}`;
		context.textBaseline = 'middle';
		const textWidth = Math.ceil(context.measureText(this.#highlight.label).width);
		const boxHeight = fontPx + padding * 2;
		const boxLeft = padding * 2;
		// The label sits above the range, unless that would put it under the chart's top-left legend; then below it.
		const legendBottom = Math.round(LEGEND_CLEARANCE_PX * verticalPixelRatio);
		const boxTop =
			top - boxHeight >= legendBottom ? top - boxHeight : Math.min(bottom, bitmapSize.height - boxHeight);
		context.fillRect(boxLeft, boxTop, textWidth + padding * 2, boxHeight);
		context.fillStyle = labelTextColour;
		context.fillText(this.#highlight.label, boxLeft + padding, boxTop + boxHeight / 2);
	}
}
