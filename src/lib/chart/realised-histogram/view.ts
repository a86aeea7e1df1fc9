/** Sums the prints in the visible time range per map bin and side, and finds the visible bins' pixel rows. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import { lowerBound } from '$lib/core/market/candle-search.ts';
import { binAt } from '../common/bin-levels.ts';
import { VisibleBins } from '../common/visible-bins.ts';
import type { RealisedHistogram } from './primitive.ts';
import { RealisedHistogramRenderer } from './renderer.ts';

/** Realised notional per bin (USDT) in view, and its largest value and total. */
export interface RealisedBins {
	long: Float64Array;
	short: Float64Array;
	max: number;
	total: number;
}

export class RealisedHistogramView implements IPrimitivePaneView {
	readonly #source: RealisedHistogram;
	readonly #visible = new VisibleBins();
	readonly #bins: RealisedBins = { long: new Float64Array(0), short: new Float64Array(0), max: 0, total: 0 };
	readonly #renderer: RealisedHistogramRenderer;

	constructor(source: RealisedHistogram) {
		this.#source = source;
		this.#renderer = new RealisedHistogramRenderer(source, this.#visible, this.#bins);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'normal';
	}

	update(): void {
		const bins = this.#bins;
		bins.max = 0;
		bins.total = 0;
		this.#visible.clear();
		const attached = this.#source.attachedTo;
		const levels = this.#source.levels;
		const prints = this.#source.prints;
		const { visible, onDrawn } = this.#source.options;
		const range = attached?.chart.timeScale().getVisibleRange();
		if (!attached || !visible || !levels || prints.length === 0 || !range) return onDrawn(0, 0);
		if (bins.long.length !== levels.count) {
			bins.long = new Float64Array(levels.count);
			bins.short = new Float64Array(levels.count);
		} else {
			bins.long.fill(0);
			bins.short.fill(0);
		}
		const from = (range.from as number) * 1000;
		const to = (range.to as number) * 1000 + this.#source.barMs;
		const first = lowerBound(prints.length, (i) => prints[i].time < from);
		for (let i = first; i < prints.length && prints[i].time < to; i++) {
			const bin = binAt(levels, prints[i].price);
			if (bin < 0) continue;
			const side = prints[i].side === 'short' ? bins.short : bins.long;
			side[bin] += prints[i].notional;
			bins.max = Math.max(bins.max, side[bin]);
			bins.total += prints[i].notional;
		}
		let filled = 0;
		for (let bin = 0; bin < levels.count; bin++) if (bins.long[bin] > 0 || bins.short[bin] > 0) filled++;
		onDrawn(filled, bins.total);
		if (bins.max === 0) return;
		this.#visible.update(attached.series, levels.priceMin, levels.binWidth, levels.count, attached.chart.paneSize(0).height);
	}

	renderer(): IPrimitivePaneRenderer | null {
		return this.#bins.max > 0 ? this.#renderer : null;
	}
}
