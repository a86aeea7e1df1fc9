/** Paints the plan lines and their labels in bitmap space, on whole device pixels. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { BitmapScope, RenderingTarget } from '../common/types.ts';
import type { PlanLines } from './primitive.ts';
import type { PlacedLine } from './view.ts';

const LABEL_FONT_PX = 11;
const LABEL_PADDING_PX = 4;
const DASH_PX = [6, 4];
/** Left inset of the labels (CSS px): clear of the cluster-highlight label, which sits at the left edge. */
const LABEL_LEFT_PX = 10;

export class PlanLinesRenderer implements IPrimitivePaneRenderer {
	readonly #source: PlanLines;
	readonly #placed: () => readonly PlacedLine[];

	constructor(source: PlanLines, placed: () => readonly PlacedLine[]) {
		this.#source = source;
		this.#placed = placed;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace((scope) => {
			for (const line of this.#placed()) if (line.shown) this.#drawLine(scope, line);
		});
	}

	#drawLine({ context, bitmapSize, horizontalPixelRatio, verticalPixelRatio }: BitmapScope, line: PlacedLine): void {
		const { colours, labelTextColour, fontFamily } = this.#source.options;
		const colour = colours[line.kind];
		const active = this.#source.activeId === line.id;
		const lineWidth = Math.max(1, Math.floor(verticalPixelRatio)) * (active ? 2 : 1);
		const yBitmap = Math.round(line.yMedia * verticalPixelRatio);
		const top = yBitmap - Math.floor(lineWidth / 2);

		context.fillStyle = colour;
		if (line.kind === 'entry' || line.kind === 'stop' || active) {
			context.fillRect(0, top, bitmapSize.width, lineWidth);
		} else {
			// Targets and the liquidation price are dashed: where the plan ends, not where it is placed.
			const dash = Math.round(DASH_PX[0] * horizontalPixelRatio);
			const gap = Math.round(DASH_PX[1] * horizontalPixelRatio);
			for (let x = 0; x < bitmapSize.width; x += dash + gap) context.fillRect(x, top, dash, lineWidth);
		}

		const fontPx = Math.round(LABEL_FONT_PX * verticalPixelRatio);
		const padding = Math.round(LABEL_PADDING_PX * horizontalPixelRatio);
		context.font = `600 ${fontPx}px ${fontFamily}`;
		context.textBaseline = 'middle';
		const text = line.draggable ? `${line.label}  ⇕` : line.label;
		const textWidth = Math.ceil(context.measureText(text).width);
		const boxHeight = fontPx + padding * 2;
		const boxLeft = Math.round(LABEL_LEFT_PX * horizontalPixelRatio);
		const boxTop = Math.min(Math.max(0, yBitmap - Math.round(boxHeight / 2)), bitmapSize.height - boxHeight);
		context.fillRect(boxLeft, boxTop, textWidth + padding * 2, boxHeight);
		context.fillStyle = labelTextColour;
		context.fillText(text, boxLeft + padding, boxTop + boxHeight / 2);
	}
}
