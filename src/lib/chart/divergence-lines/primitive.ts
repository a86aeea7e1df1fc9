/**
 * RSI divergences as lines between their two pivots: regular solid, hidden dashed; bullish green, bearish red. The
 * same primitive serves the price pane (joining the candles' lows or highs) and the RSI pane (joining RSI values).
 */
import type { Divergence } from '$lib/core/confluence/divergence.ts';
import { IndexSpans } from '../common/index-spans.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type DivergenceLinesOptions } from './options.ts';
import { DivergenceLinesView } from './view.ts';

/** "Bull", "H Bull", "Bear", "H Bear" (TradingView's wording). */
export function divergenceLabel(divergence: Divergence): string {
	return `${divergence.kind === 'hidden' ? 'H ' : ''}${divergence.direction === 'bullish' ? 'Bull' : 'Bear'}`;
}

export class DivergenceLines extends OverlayPrimitive<DivergenceLinesOptions> implements LabelSource {
	/** Sorted by second pivot. */
	#divergences: readonly Divergence[] = [];
	#texts: readonly string[] = [];
	#spans = new IndexSpans([], []);
	readonly labels = new LabelList();

	constructor(options: DivergenceLinesOptions = {}) {
		super(defaults, options, (overlay: DivergenceLines) => new DivergenceLinesView(overlay));
	}

	get divergences(): readonly Divergence[] {
		return this.#divergences;
	}
	get texts(): readonly string[] {
		return this.#texts;
	}
	get spans(): IndexSpans {
		return this.#spans;
	}

	setDivergences(divergences: readonly Divergence[]): void {
		this.#divergences = [...divergences].sort((a, b) => a.to.index - b.to.index);
		this.#texts = this.#divergences.map(divergenceLabel);
		this.#spans = new IndexSpans(
			this.#divergences.map((d) => d.from.index),
			this.#divergences.map((d) => d.to.index)
		);
		this.requestUpdate();
	}

}
