/** Finds the breaks overlapping the visible bars and turns them into media-pixel segments and label candidates. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { MarketStructure } from './primitive.ts';
import { collectVisibleSegments, VisibleSegments } from '../common/visible-segments.ts';
import { MarketStructureRenderer } from './renderer.ts';

export class MarketStructureView implements IPrimitivePaneView {
	readonly #source: MarketStructure;
	readonly #segments = new VisibleSegments();
	readonly #renderer: MarketStructureRenderer;

	/** A break is drawn level, at the broken swing's price. */
	readonly #level = (i: number) => this.#source.events[i].level;

	constructor(source: MarketStructure) {
		this.#source = source;
		this.#renderer = new MarketStructureRenderer(source, this.#segments);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'normal';
	}

	update(): void {
		const segments = this.#segments;
		const labels = this.#source.labels;
		segments.count = 0;
		labels.clear();
		const attached = this.#source.attachedTo;
		const options = this.#source.options;
		if (!attached || !options.visible) return;
		const events = this.#source.events;
		if (!collectVisibleSegments(segments, attached, this.#source.spans, this.#level, this.#level)) return;
		// Labels newest first: the recent breaks matter most when space runs out.
		for (let k = segments.count - 1; k >= 0; k--) {
			const event = events[segments.item[k]];
			const up = event.direction === 'up';
			labels.push(
				event.kind,
				(segments.x1Media[k] + segments.x2Media[k]) / 2,
				segments.y1Media[k] + (up ? -1 : 1) * options.labelOffsetPx,
				'center',
				up ? options.upColour : options.downColour,
				up ? -1 : 1,
				1
			);
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
