/** Paints the band, the dashed levels and the caption in bitmap space. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import { horizontalLine } from '../common/bitmap.ts';
import type { RenderingTarget } from '../common/types.ts';
import type { PaneGuides } from './primitive.ts';
import type { GuideRows } from './view.ts';

const CAPTION_FONT_PX = 11;

export class PaneGuidesRenderer implements IPrimitivePaneRenderer {
	readonly #source: PaneGuides;
	readonly #rows: GuideRows;

	constructor(source: PaneGuides, rows: GuideRows) {
		this.#source = source;
		this.#rows = rows;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace((scope) => {
			const { context, bitmapSize, mediaSize, verticalPixelRatio, horizontalPixelRatio } = scope;
			const { bandColour, levelColour, caption, fontFamily } = this.#source.options;
			const rows = this.#rows;
			if (!Number.isNaN(rows.bandTopMedia)) {
				const top = Math.round(rows.bandTopMedia * verticalPixelRatio);
				const bottom = Math.round(rows.bandBottomMedia * verticalPixelRatio);
				context.fillStyle = bandColour;
				context.fillRect(0, top, bitmapSize.width, bottom - top);
			}
			context.fillStyle = levelColour;
			for (let i = 0; i < rows.levelCount; i++) horizontalLine(scope, 0, mediaSize.width, rows.levelMedia[i], 1, 3);
			if (caption.length === 0) return;
			context.font = `${Math.round(CAPTION_FONT_PX * verticalPixelRatio)}px ${fontFamily}`;
			context.textBaseline = 'top';
			let x = Math.round(8 * horizontalPixelRatio);
			const y = Math.round(4 * verticalPixelRatio);
			for (const [text, colour] of caption) {
				context.fillStyle = colour;
				context.fillText(text, x, y);
				x += context.measureText(text).width + Math.round(8 * horizontalPixelRatio);
			}
		});
	}
}
