/** Guides of an indicator pane (RSI 30/70 band and levels) and its caption, e.g. "RSI 14  61.2". */
import type { IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time } from 'lightweight-charts';
import { defaults, type PaneGuidesOptions } from './options.ts';
import { PaneGuidesView } from './view.ts';

export class PaneGuides implements ISeriesPrimitive<Time> {
	#options: Required<PaneGuidesOptions>;
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly #view: PaneGuidesView;
	readonly #paneViews: readonly IPrimitivePaneView[];

	constructor(options: PaneGuidesOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#view = new PaneGuidesView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get options(): Readonly<Required<PaneGuidesOptions>> {
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

	applyOptions(options: PaneGuidesOptions): void {
		this.#options = { ...this.#options, ...options };
		this.#attached?.requestUpdate();
	}
}
