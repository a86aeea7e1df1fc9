/**
 * RSI divergences as lines between their two pivots: regular solid, hidden dashed; bullish green, bearish red. The
 * same primitive serves the price pane (joining the candles' lows or highs) and the RSI pane (joining RSI values).
 */
import type { IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { Divergence } from '$lib/core/divergence.ts';
import { IndexSpans } from '../common/index-spans.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { defaults, type DivergenceLinesOptions } from './options.ts';
import { DivergenceLinesView } from './view.ts';

/** "Bull", "H Bull", "Bear", "H Bear" (TradingView's wording). */
export function divergenceLabel(divergence: Divergence): string {
	return `${divergence.kind === 'hidden' ? 'H ' : ''}${divergence.direction === 'bullish' ? 'Bull' : 'Bear'}`;
}

export class DivergenceLines implements ISeriesPrimitive<Time>, LabelSource {
	#options: Required<DivergenceLinesOptions>;
	/** Sorted by second pivot. */
	#divergences: readonly Divergence[] = [];
	#texts: readonly string[] = [];
	#spans = new IndexSpans([], []);
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly labels = new LabelList();
	readonly #view: DivergenceLinesView;
	readonly #paneViews: readonly IPrimitivePaneView[];

	constructor(options: DivergenceLinesOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#view = new DivergenceLinesView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
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
	get options(): Readonly<Required<DivergenceLinesOptions>> {
		return this.#options;
	}

	attached(param: SeriesAttachedParameter<Time>): void {
		this.#attached = param;
	}

	detached(): void {
		this.#attached = null;
	}

	updateAllViews(): void {
		this.#view.update();
	}

	paneViews(): readonly IPrimitivePaneView[] {
		return this.#paneViews;
	}

	autoscaleInfo(): null {
		return null;
	}

	setDivergences(divergences: readonly Divergence[]): void {
		this.#divergences = [...divergences].sort((a, b) => a.to.index - b.to.index);
		this.#texts = this.#divergences.map(divergenceLabel);
		this.#spans = new IndexSpans(
			this.#divergences.map((d) => d.from.index),
			this.#divergences.map((d) => d.to.index)
		);
		this.#attached?.requestUpdate();
	}

	applyOptions(options: DivergenceLinesOptions): void {
		this.#options = { ...this.#options, ...options };
		this.#attached?.requestUpdate();
	}
}
