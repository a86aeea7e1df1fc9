/**
 * The window of a long series handed to the chart: its newest bars plus a margin left of the view, grown towards the
 * oldest bars as the view nears its first bar. Every `setData` of lightweight-charts rebuilds the whole time scale and
 * its first repaint walks all of its bars, so handing 25,920 bars (5m, 90 days) at once blocked the page for 100–400 ms
 * per task on the development machine; a window of a few thousand bars costs a tenth of that, and each growth step
 * costs what the grown window does.
 *
 * Indexes: a series index `i` (into the whole series) is the chart's logical index `i - start`. Structure events and
 * divergences carry series indexes; `shiftEvents` / `shiftDivergences` move them into the window's (negative before
 * it: drawn off-screen to the left, as they would be).
 */
import type { Divergence } from '$lib/core/confluence/divergence.ts';
import type { StructureEvent } from '$lib/core/confluence/structure.ts';

/** Bars handed to the chart at least (the whole series when shorter): 1h / 90 days and 15m / 30 days fit whole. */
export const WINDOW_BARS = 3_000;
/** Bars kept left of the view's first bar; the window grows when fewer remain than half of it. */
export const WINDOW_MARGIN_BARS = 600;

/** First series index of the window for a series of `length` bars whose view starts at series index `viewFrom`. */
export function windowStart(length: number, viewFrom: number): number {
	return Math.max(0, Math.min(length - WINDOW_BARS, Math.floor(viewFrom) - WINDOW_MARGIN_BARS));
}

/**
 * The window's new first index when the view (its first bar at series index `viewFrom`) nears the window's first bar
 * `start`, or null while the margin suffices. It at least doubles the window (`length - start` bars), so zooming out
 * over a whole series takes a few steps, not one per screen.
 */
export function grownStart(start: number, length: number, viewFrom: number): number | null {
	if (start === 0 || viewFrom - start >= WINDOW_MARGIN_BARS / 2) return null;
	return Math.max(0, Math.min(start - (length - start), Math.floor(viewFrom) - WINDOW_MARGIN_BARS));
}

export function shiftEvents(events: readonly StructureEvent[], start: number): readonly StructureEvent[] {
	if (start === 0) return events;
	return events.map((e) => ({ ...e, index: e.index - start, swingIndex: e.swingIndex - start }));
}

export function shiftDivergences(divergences: readonly Divergence[], start: number): readonly Divergence[] {
	if (start === 0) return divergences;
	return divergences.map((d) => ({
		...d,
		from: { ...d.from, index: d.from.index - start },
		to: { ...d.to, index: d.to.index - start },
		confirmedIndex: d.confirmedIndex - start
	}));
}
