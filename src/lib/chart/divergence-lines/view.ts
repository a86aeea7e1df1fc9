/** Finds the divergences overlapping the visible bars and turns their pivots into media-pixel line ends. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, Logical, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { DivergenceLines } from './primitive.ts';
import { VisibleSegments } from '../common/visible-segments.ts';
import { DivergenceLinesRenderer } from './renderer.ts';

export class DivergenceLinesView implements IPrimitivePaneView {
	readonly #source: DivergenceLines;
	readonly #lines = new VisibleSegments();
	readonly #renderer: DivergenceLinesRenderer;

	constructor(source: DivergenceLines) {
		this.#source = source;
		this.#renderer = new DivergenceLinesRenderer(source, this.#lines);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'normal';
	}

	update(): void {
		const lines = this.#lines;
		const labels = this.#source.labels;
		lines.count = 0;
		labels.clear();
		const attached = this.#source.attachedTo;
		const options = this.#source.options;
		if (!attached || !options.visible) return;
		const timeScale = attached.chart.timeScale();
		const range = timeScale.getVisibleLogicalRange();
		if (!range) return;
		const divergences = this.#source.divergences;
		lines.reserve(divergences.length);
		const series = attached.series;
		const onRsi = options.values === 'rsi';
		this.#source.spans.forEachVisible(range.from, range.to, (i) => {
			const { from, to } = divergences[i];
			const x1 = timeScale.logicalToCoordinate(from.index as Logical);
			const x2 = timeScale.logicalToCoordinate(to.index as Logical);
			const y1 = series.priceToCoordinate(onRsi ? from.rsi : from.price);
			const y2 = series.priceToCoordinate(onRsi ? to.rsi : to.price);
			if (x1 === null || x2 === null || y1 === null || y2 === null) return;
			const k = lines.count++;
			lines.item[k] = i;
			lines.x1Media[k] = x1;
			lines.y1Media[k] = y1;
			lines.x2Media[k] = x2;
			lines.y2Media[k] = y2;
		});
		if (!options.showLabels) return;
		for (let k = lines.count - 1; k >= 0; k--) {
			const divergence = divergences[lines.item[k]];
			const bullish = divergence.direction === 'bullish';
			// Below a bullish pivot (a low), above a bearish one (a high).
			labels.push(
				this.#source.texts[lines.item[k]],
				lines.x2Media[k],
				lines.y2Media[k] + (bullish ? 10 : -10),
				'center',
				bullish ? options.bullishColour : options.bearishColour,
				bullish ? 1 : -1,
				1
			);
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
