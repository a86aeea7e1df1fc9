/**
 * Paints the position tool in bitmap space, on whole device pixels: the shaded risk and reward zones in the box, the
 * plan lines across the plot, their labels inside the box (clear of the HTML legend at the top left), and for a line
 * off the scale (e.g. a far own liquidation) a marker at the top or bottom edge with its price.
 */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import type { BitmapScope, RenderingTarget } from '../common/types.ts';
import type { PlanLines } from './primitive.ts';
import type { PlacedBox, PlacedLine } from './view.ts';

const LABEL_FONT_PX = 11;
const LABEL_PADDING_PX = 4;
const DASH_PX = [6, 4];
/** Inset of the labels from the box's left edge (CSS px). */
const LABEL_INSET_PX = 6;

export class PlanLinesRenderer implements IPrimitivePaneRenderer {
	readonly #source: PlanLines;
	readonly #placed: () => readonly PlacedLine[];
	readonly #box: () => Readonly<PlacedBox>;

	constructor(source: PlanLines, placed: () => readonly PlacedLine[], box: () => Readonly<PlacedBox>) {
		this.#source = source;
		this.#placed = placed;
		this.#box = box;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace((scope) => {
			this.#drawZones(scope);
			for (const line of this.#placed()) if (line.shown) this.#drawLine(scope, line);
			for (const line of this.#placed()) if (line.offScale) this.#drawEdgeMarker(scope, line);
		});
	}

	#drawZones({ context, horizontalPixelRatio, verticalPixelRatio }: BitmapScope): void {
		const box = this.#box();
		if (box.entryYMedia === null) return;
		const { zoneColours } = this.#source.options;
		const left = Math.round(box.leftMedia * horizontalPixelRatio);
		const width = Math.round(box.rightMedia * horizontalPixelRatio) - left;
		const clamp = (y: number) => Math.min(Math.max(y, 0), box.paneHeightMedia);
		const zone = (from: number | null, colour: string) => {
			if (from === null) return;
			const top = Math.round(clamp(Math.min(from, box.entryYMedia!)) * verticalPixelRatio);
			const bottom = Math.round(clamp(Math.max(from, box.entryYMedia!)) * verticalPixelRatio);
			if (bottom <= top) return;
			context.fillStyle = colour;
			context.fillRect(left, top, width, bottom - top);
		};
		zone(box.stopYMedia, zoneColours.risk);
		zone(box.rewardYMedia, zoneColours.reward);
	}

	#font(scope: BitmapScope): { fontPx: number; padding: number; boxHeight: number } {
		const { fontFamily } = this.#source.options;
		const fontPx = Math.round(LABEL_FONT_PX * scope.verticalPixelRatio);
		const padding = Math.round(LABEL_PADDING_PX * scope.horizontalPixelRatio);
		scope.context.font = `600 ${fontPx}px ${fontFamily}`;
		scope.context.textBaseline = 'middle';
		return { fontPx, padding, boxHeight: fontPx + padding * 2 };
	}

	#drawLine(scope: BitmapScope, line: PlacedLine): void {
		const { context, bitmapSize, horizontalPixelRatio, verticalPixelRatio } = scope;
		const { colours, labelTextColour, topClearancePx } = this.#source.options;
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

		const { padding, boxHeight } = this.#font(scope);
		const text = line.draggable ? `${line.label}  ⇕` : line.label;
		const textWidth = Math.ceil(context.measureText(text).width);
		const boxLeft = Math.round((this.#box().leftMedia + LABEL_INSET_PX) * horizontalPixelRatio);
		// The label's centre comes from the view (spread so labels never overlap, below the legend).
		const labelYBitmap = Math.round(line.labelYMedia * verticalPixelRatio);
		const minTop = Math.round(topClearancePx * verticalPixelRatio);
		const boxTop = Math.min(Math.max(minTop, labelYBitmap - Math.round(boxHeight / 2)), bitmapSize.height - boxHeight);
		context.fillRect(boxLeft, boxTop, textWidth + padding * 2, boxHeight);
		context.fillStyle = labelTextColour;
		context.fillText(text, boxLeft + padding, boxTop + boxHeight / 2);
	}

	/** "▲ Own liq. 80,123" at the top edge or "▼ …" at the bottom edge, in the line's colour, at the box's left. */
	#drawEdgeMarker(scope: BitmapScope, line: PlacedLine): void {
		const { context, bitmapSize, horizontalPixelRatio, verticalPixelRatio } = scope;
		const { colours, labelTextColour, topClearancePx } = this.#source.options;
		const { padding, boxHeight } = this.#font(scope);
		const text = `${line.offScale === 'above' ? '▲' : '▼'} ${line.label}`;
		const textWidth = Math.ceil(context.measureText(text).width);
		const boxLeft = Math.round((this.#box().leftMedia + LABEL_INSET_PX) * horizontalPixelRatio);
		const boxTop = line.offScale === 'above' ? Math.round(topClearancePx * verticalPixelRatio) : bitmapSize.height - boxHeight - Math.round(2 * verticalPixelRatio);
		context.globalAlpha = 0.85;
		context.fillStyle = colours[line.kind];
		context.fillRect(boxLeft, boxTop, textWidth + padding * 2, boxHeight);
		context.globalAlpha = 1;
		context.fillStyle = labelTextColour;
		context.fillText(text, boxLeft + padding, boxTop + boxHeight / 2);
	}
}
