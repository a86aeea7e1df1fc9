/** Turns the bands' bins and the highlighted range into media-pixel rows; runs on pan/zoom and data changes. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import { VisibleBins } from '../common/visible-bins.ts';
import type { LiquidationBands } from './primitive.ts';
import { LiquidationBandsRenderer, type HighlightMedia } from './renderer.ts';

export class LiquidationBandsView implements IPrimitivePaneView {
	readonly #source: LiquidationBands;
	readonly #visible = new VisibleBins();
	readonly #highlight: HighlightMedia = { shown: false, topMedia: 0, bottomMedia: 0, side: 'long', label: '' };
	readonly #renderer: LiquidationBandsRenderer;

	constructor(source: LiquidationBands) {
		this.#source = source;
		this.#renderer = new LiquidationBandsRenderer(source, this.#visible, this.#highlight);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'bottom';
	}

	update(): void {
		const attached = this.#source.attachedTo;
		const levels = this.#source.levels;
		this.#visible.clear();
		this.#highlight.shown = false;
		if (!attached) return;
		const paneHeight = attached.chart.paneSize(0).height;
		if (levels && this.#source.options.visible) {
			this.#visible.update(attached.series, levels.priceMin, levels.binWidth, levels.count, paneHeight);
		}
		const highlight = this.#source.highlight;
		if (highlight) {
			const top = attached.series.priceToCoordinate(highlight.high);
			const bottom = attached.series.priceToCoordinate(highlight.low);
			if (top !== null && bottom !== null) {
				this.#highlight.shown = true;
				this.#highlight.topMedia = top;
				this.#highlight.bottomMedia = bottom;
				this.#highlight.side = highlight.side;
				this.#highlight.label = highlight.label;
			}
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
