/**
 * Finds the strip's visible bins and their media-pixel extent, and the cumulative totals at the edges of the view
 * (the curves are scaled to what is visible, like a volume profile). Runs on pan/zoom and data changes.
 */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import { VisibleBins } from '../common/visible-bins.ts';
import type { LiquidationStrip } from './primitive.ts';
import { LiquidationStripRenderer } from './renderer.ts';

/** Cumulative totals within the view (USDT), written by the view for the renderer. */
export interface VisibleTotals {
	/** Longs liquidated if price fell to the bottom of the view; -1 when the long curve is not in view. */
	longAtBottom: number;
	/** Shorts liquidated if price rose to the top of the view; -1 when the short curve is not in view. */
	shortAtTop: number;
	/** The curves' common full-width value: the larger of the two totals. */
	curveScale: number;
}

export class LiquidationStripView implements IPrimitivePaneView {
	readonly #source: LiquidationStrip;
	readonly #visible = new VisibleBins();
	readonly #totals: VisibleTotals = { longAtBottom: -1, shortAtTop: -1, curveScale: 0 };
	readonly #renderer: LiquidationStripRenderer;

	constructor(source: LiquidationStrip) {
		this.#source = source;
		this.#renderer = new LiquidationStripRenderer(source, this.#visible, this.#totals);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'normal';
	}

	update(): void {
		this.#visible.clear();
		this.#totals.longAtBottom = -1;
		this.#totals.shortAtTop = -1;
		this.#totals.curveScale = 0;
		const attached = this.#source.attachedTo;
		const levels = this.#source.levels;
		const curves = this.#source.curves;
		if (!attached || !levels || !curves) return;
		const paneHeight = attached.chart.paneSize(0).height;
		const visible = this.#visible;
		visible.update(attached.series, levels.priceMin, levels.binWidth, levels.count, paneHeight);
		if (visible.count === 0) return;
		// Bins run from the top of the view down: the short curve peaks at the first, the long curve at the last.
		const { showLongs, showShorts } = this.#source.options;
		if (showShorts) this.#totals.shortAtTop = curves.short[visible.bin[0]];
		if (showLongs) this.#totals.longAtBottom = curves.long[visible.bin[visible.count - 1]];
		this.#totals.curveScale = Math.max(this.#totals.shortAtTop, this.#totals.longAtBottom, 0);
	}

	renderer(): IPrimitivePaneRenderer | null {
		return this.#source.levels ? this.#renderer : null;
	}
}
