/**
 * Market structure: each break (BOS or CHoCH) drawn as a horizontal segment at the broken swing's price, from the
 * swing to the breaking candle, labelled at its middle (above the line for an up break, below for a down break).
 */
import type { IPrimitivePaneView, ISeriesPrimitive, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { StructureEvent } from '$lib/core/structure.ts';
import { IndexSpans } from '../common/index-spans.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { defaults, type MarketStructureOptions } from './options.ts';
import { MarketStructureView } from './view.ts';

export class MarketStructure implements ISeriesPrimitive<Time>, LabelSource {
	#options: Required<MarketStructureOptions>;
	/** Sorted by breaking bar. */
	#events: readonly StructureEvent[] = [];
	#spans = new IndexSpans([], []);
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly labels = new LabelList();
	readonly #view: MarketStructureView;
	readonly #paneViews: readonly IPrimitivePaneView[];

	constructor(options: MarketStructureOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#view = new MarketStructureView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get events(): readonly StructureEvent[] {
		return this.#events;
	}
	get spans(): IndexSpans {
		return this.#spans;
	}
	get options(): Readonly<Required<MarketStructureOptions>> {
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

	setEvents(events: readonly StructureEvent[]): void {
		this.#events = [...events].sort((a, b) => a.index - b.index);
		this.#spans = new IndexSpans(
			this.#events.map((e) => e.swingIndex),
			this.#events.map((e) => e.index)
		);
		this.#attached?.requestUpdate();
	}

	applyOptions(options: MarketStructureOptions): void {
		this.#options = { ...this.#options, ...options };
		this.#attached?.requestUpdate();
	}
}
