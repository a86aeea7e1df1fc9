/** Paints the strip: background, one intensity bar per pixel row, and the two cumulative curves, in bitmap space. */
import type { IPrimitivePaneRenderer } from 'lightweight-charts';
import { PixelRows } from '../common/pixel-rows.ts';
import type { BitmapScope, RenderingTarget } from '../common/types.ts';
import type { VisibleBins } from '../common/visible-bins.ts';
import { stripWidth } from './options.ts';
import type { LiquidationStrip } from './primitive.ts';
import type { VisibleTotals } from './view.ts';

const CAPTION_FONT_PX = 10;

export class LiquidationStripRenderer implements IPrimitivePaneRenderer {
	readonly #source: LiquidationStrip;
	readonly #visible: VisibleBins;
	readonly #totals: VisibleTotals;
	readonly #rows = new PixelRows();

	constructor(source: LiquidationStrip, visible: VisibleBins, totals: VisibleTotals) {
		this.#source = source;
		this.#visible = visible;
		this.#totals = totals;
	}

	draw(target: RenderingTarget): void {
		target.useBitmapCoordinateSpace((scope) => {
			const { widthPx, background, borderColour } = this.#source.options;
			const widthBitmap = Math.round(stripWidth(widthPx, scope.mediaSize.width) * scope.horizontalPixelRatio);
			const left = scope.bitmapSize.width - widthBitmap;
			const { context } = scope;
			context.fillStyle = background;
			context.fillRect(left, 0, widthBitmap, scope.bitmapSize.height);
			context.fillStyle = borderColour;
			context.fillRect(left, 0, Math.max(1, Math.floor(scope.horizontalPixelRatio)), scope.bitmapSize.height);
			this.#drawBars(scope, left, widthBitmap);
			this.#drawCurves(scope, left, widthBitmap);
			this.#drawCaptions(scope, left);
		});
	}

	#drawBars({ context, verticalPixelRatio, horizontalPixelRatio }: BitmapScope, left: number, width: number): void {
		const levels = this.#source.levels;
		if (!levels) return;
		const { showLongs, showShorts, minIntensity } = this.#source.options;
		const rows = this.#rows;
		rows.update(this.#visible, levels, verticalPixelRatio);
		const inset = Math.round(3 * horizontalPixelRatio);
		const barSpace = width - inset * 2;
		const right = left + width - inset;
		rows.pickDominant(showLongs, showShorts, minIntensity);
		for (let row = 0; row < rows.count; row++) {
			const intensity = rows.shown[row];
			if (intensity === 0) continue;
			const length = Math.max(1, Math.round(intensity * barSpace));
			context.fillStyle = this.#source.colours.css(rows.isShort[row] ? 'short' : 'long', intensity);
			context.fillRect(right - length, rows.topBitmap[row], length, rows.bottomBitmap[row] - rows.topBitmap[row]);
		}
	}

	#drawCurves(scope: BitmapScope, left: number, width: number): void {
		const { showLongs, showShorts, longCurveColour, shortCurveColour } = this.#source.options;
		const curves = this.#source.curves;
		if (!curves || this.#totals.curveScale <= 0) return;
		if (showLongs) this.#drawCurve(scope, curves.long, longCurveColour, left, width);
		if (showShorts) this.#drawCurve(scope, curves.short, shortCurveColour, left, width);
	}

	/** A polyline through the visible bins where the curve runs (value ≥ 0), growing leftwards from the right edge. */
	#drawCurve(scope: BitmapScope, curve: Float64Array, colour: string, left: number, width: number): void {
		const { context, verticalPixelRatio, horizontalPixelRatio } = scope;
		const visible = this.#visible;
		const inset = Math.round(3 * horizontalPixelRatio);
		const right = left + width - inset;
		const span = width - inset * 2;
		const scale = this.#totals.curveScale;
		context.beginPath();
		let started = false;
		for (let i = 0; i < visible.count; i++) {
			const value = curve[visible.bin[i]];
			if (value < 0) continue;
			const x = right - (value / scale) * span;
			const y = ((visible.topMedia[i] + visible.bottomMedia[i]) / 2) * verticalPixelRatio;
			if (started) context.lineTo(x, y);
			else context.moveTo(x, y);
			started = true;
		}
		if (!started) return;
		context.lineWidth = Math.max(1, Math.round(1.5 * horizontalPixelRatio));
		context.strokeStyle = colour;
		context.lineJoin = 'round';
		context.stroke();
	}

	#drawCaptions({ context, bitmapSize, verticalPixelRatio, horizontalPixelRatio }: BitmapScope, left: number): void {
		const { textColour, fontFamily, longCurveColour, shortCurveColour, formatNotional } = this.#source.options;
		const { shortAtTop, longAtBottom } = this.#totals;
		const fontPx = Math.round(CAPTION_FONT_PX * verticalPixelRatio);
		const margin = Math.round(5 * verticalPixelRatio);
		const x = left + Math.round(6 * horizontalPixelRatio);
		context.font = `${fontPx}px ${fontFamily}`;
		context.textBaseline = 'top';
		context.fillStyle = textColour;
		context.fillText('LIQ MAP', x, margin);
		if (shortAtTop >= 0) {
			context.fillStyle = shortCurveColour;
			context.fillText(`Σ↑ ${formatNotional(shortAtTop)}`, x, margin + fontPx + 2);
		}
		if (longAtBottom >= 0) {
			context.textBaseline = 'bottom';
			context.fillStyle = longCurveColour;
			context.fillText(`Σ↓ ${formatNotional(longAtBottom)}`, x, bitmapSize.height - margin);
		}
	}
}
