/** Finds the divergences overlapping the visible bars and turns their pivots into media-pixel line ends. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { DivergenceLines } from './primitive.ts';
import { collectVisibleSegments, VisibleSegments } from '../common/visible-segments.ts';
import { DivergenceLinesRenderer } from './renderer.ts';

export class DivergenceLinesView implements IPrimitivePaneView {
	readonly #source: DivergenceLines;
	readonly #lines = new VisibleSegments();
	readonly #renderer: DivergenceLinesRenderer;

	/** The pivots' prices on the price pane, their RSI values on the RSI pane. */
	readonly #fromValue = (i: number) => {
		const pivot = this.#source.divergences[i].from;
		return this.#source.options.values === 'rsi' ? pivot.rsi : pivot.price;
	};
	readonly #toValue = (i: number) => {
		const pivot = this.#source.divergences[i].to;
		return this.#source.options.values === 'rsi' ? pivot.rsi : pivot.price;
	};

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
		const divergences = this.#source.divergences;
		if (!collectVisibleSegments(lines, attached, this.#source.spans, this.#fromValue, this.#toValue)) return;
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
