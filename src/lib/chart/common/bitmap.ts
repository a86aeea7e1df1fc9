/** Small bitmap-space drawing helpers shared by the overlays' renderers (whole device pixels, no allocation). */
import type { BitmapScope } from './types.ts';

/** A horizontal line of whole device pixels from `x1Media` to `x2Media` at `yMedia`, optionally dashed. */
export function horizontalLine(
	{ context, horizontalPixelRatio, verticalPixelRatio }: BitmapScope,
	x1Media: number,
	x2Media: number,
	yMedia: number,
	widthMedia: number,
	dashMedia = 0
): void {
	const thickness = Math.max(1, Math.round(widthMedia * verticalPixelRatio));
	const y = Math.round(yMedia * verticalPixelRatio) - Math.floor(thickness / 2);
	const x1 = Math.round(Math.min(x1Media, x2Media) * horizontalPixelRatio);
	const x2 = Math.round(Math.max(x1Media, x2Media) * horizontalPixelRatio);
	if (dashMedia <= 0) {
		context.fillRect(x1, y, Math.max(1, x2 - x1), thickness);
		return;
	}
	const dash = Math.max(1, Math.round(dashMedia * horizontalPixelRatio));
	for (let x = x1; x < x2; x += dash * 2) context.fillRect(x, y, Math.min(dash, x2 - x), thickness);
}

/** A straight line between two media-pixel points, solid or dashed. */
export function segment(
	{ context, horizontalPixelRatio, verticalPixelRatio }: BitmapScope,
	x1Media: number,
	y1Media: number,
	x2Media: number,
	y2Media: number,
	widthMedia: number,
	dashed: boolean
): void {
	context.lineWidth = Math.max(1, Math.round(widthMedia * horizontalPixelRatio));
	context.setLineDash(dashed ? DASH_PATTERNS[Math.min(3, Math.round(horizontalPixelRatio))] : NO_DASH);
	context.beginPath();
	context.moveTo(x1Media * horizontalPixelRatio, y1Media * verticalPixelRatio);
	context.lineTo(x2Media * horizontalPixelRatio, y2Media * verticalPixelRatio);
	context.stroke();
}

/** A filled dot of `radiusMedia` centred on a media-pixel point. */
export function dot({ context, horizontalPixelRatio, verticalPixelRatio }: BitmapScope, xMedia: number, yMedia: number, radiusMedia: number): void {
	context.beginPath();
	context.arc(xMedia * horizontalPixelRatio, yMedia * verticalPixelRatio, radiusMedia * horizontalPixelRatio, 0, Math.PI * 2);
	context.fill();
}

const NO_DASH: number[] = [];
/** Dash patterns per pixel ratio (index), made once. */
const DASH_PATTERNS: number[][] = [[5, 4], [5, 4], [10, 8], [15, 12]];
