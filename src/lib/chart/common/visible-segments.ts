/**
 * Segments in view, in media pixels, reused between frames (grown, never shrunk): what a segment overlay's view
 * hands its renderer. `item` indexes the overlay's own list (structure events, divergences).
 */
import type { Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { IndexSpans } from './index-spans.ts';

export class VisibleSegments {
	count = 0;
	item = new Int32Array(0);
	x1Media = new Float32Array(0);
	y1Media = new Float32Array(0);
	x2Media = new Float32Array(0);
	y2Media = new Float32Array(0);

	reserve(size: number): void {
		if (this.item.length >= size) return;
		this.item = new Int32Array(size);
		this.x1Media = new Float32Array(size);
		this.y1Media = new Float32Array(size);
		this.x2Media = new Float32Array(size);
		this.y2Media = new Float32Array(size);
	}
}

/**
 * Fills `segments` with the spans overlapping the visible bars: x from each span's start and end bar, y from the
 * prices the overlay gives for them. Items whose ends have no coordinate are skipped. Returns false when there is no
 * visible range (nothing to draw).
 */
export function collectVisibleSegments(
	segments: VisibleSegments,
	attached: SeriesAttachedParameter<Time>,
	spans: IndexSpans,
	startPrice: (item: number) => number,
	endPrice: (item: number) => number
): boolean {
	segments.count = 0;
	const timeScale = attached.chart.timeScale();
	const range = timeScale.getVisibleLogicalRange();
	if (!range) return false;
	segments.reserve(spans.count);
	const series = attached.series;
	spans.forEachVisible(range.from, range.to, (i) => {
		const x1 = timeScale.logicalToCoordinate(spans.start[i] as Logical);
		const x2 = timeScale.logicalToCoordinate(spans.end[i] as Logical);
		const y1 = series.priceToCoordinate(startPrice(i));
		const y2 = series.priceToCoordinate(endPrice(i));
		if (x1 === null || x2 === null || y1 === null || y2 === null) return;
		const k = segments.count++;
		segments.item[k] = i;
		segments.x1Media[k] = x1;
		segments.y1Media[k] = y1;
		segments.x2Media[k] = x2;
		segments.y2Media[k] = y2;
	});
	return true;
}
