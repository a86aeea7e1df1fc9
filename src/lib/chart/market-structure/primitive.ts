/**
 * Market structure: each break (BOS or CHoCH) drawn as a horizontal segment at the broken swing's price, from the
 * swing to the breaking candle, labelled at its middle (above the line for an up break, below for a down break).
 */
import type { StructureEvent } from '$lib/core/confluence/structure.ts';
import { IndexSpans } from '../common/index-spans.ts';
import { LabelList, type LabelSource } from '../common/label-list.ts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type MarketStructureOptions } from './options.ts';
import { MarketStructureView } from './view.ts';

export class MarketStructure extends OverlayPrimitive<MarketStructureOptions> implements LabelSource {
	/** Sorted by breaking bar. */
	#events: readonly StructureEvent[] = [];
	#spans = new IndexSpans([], []);
	readonly labels = new LabelList();

	constructor(options: MarketStructureOptions = {}) {
		super(defaults, options, (overlay: MarketStructure) => new MarketStructureView(overlay));
	}

	get events(): readonly StructureEvent[] {
		return this.#events;
	}
	get spans(): IndexSpans {
		return this.#spans;
	}

	setEvents(events: readonly StructureEvent[]): void {
		this.#events = [...events].sort((a, b) => a.index - b.index);
		this.#spans = new IndexSpans(
			this.#events.map((e) => e.swingIndex),
			this.#events.map((e) => e.index)
		);
		this.requestUpdate();
	}

}
