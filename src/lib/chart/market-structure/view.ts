/** Finds the breaks overlapping the visible bars and turns them into media-pixel segments and label candidates. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, Logical, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { MarketStructure } from './primitive.ts';
import { VisibleSegments } from '../common/visible-segments.ts';
import { MarketStructureRenderer } from './renderer.ts';

export class MarketStructureView implements IPrimitivePaneView {
	readonly #source: MarketStructure;
	readonly #segments = new VisibleSegments();
	readonly #renderer: MarketStructureRenderer;

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
		const timeScale = attached.chart.timeScale();
		const range = timeScale.getVisibleLogicalRange();
		if (!range) return;
		const events = this.#source.events;
		const spans = this.#source.spans;
		segments.reserve(events.length);
		const series = attached.series;
		spans.forEachVisible(range.from, range.to, (i) => {
			const event = events[i];
			const x1 = timeScale.logicalToCoordinate(event.swingIndex as Logical);
			const x2 = timeScale.logicalToCoordinate(event.index as Logical);
			const y = series.priceToCoordinate(event.level);
			if (x1 === null || x2 === null || y === null) return;
			const k = segments.count++;
			segments.item[k] = i;
			segments.x1Media[k] = x1;
			segments.x2Media[k] = x2;
			segments.y1Media[k] = y;
			segments.y2Media[k] = y;
		});
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
