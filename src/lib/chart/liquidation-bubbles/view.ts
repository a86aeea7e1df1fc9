/** Places the visible prints' bubbles in media pixels (on pan/zoom and new prints); the biggest are drawn first. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder, Time, UTCTimestamp } from 'lightweight-charts';
import { lowerBound } from '$lib/core/market/candle-search.ts';
import { barOf, type PrintMark } from '../common/live-data.ts';
import { bubbleRadius } from './options.ts';
import type { LiquidationBubbles } from './primitive.ts';
import { LiquidationBubblesRenderer } from './renderer.ts';

/** Placed bubbles, biggest first (small ones stay visible on top). */
export interface PlacedBubbles {
	count: number;
	x: Float32Array;
	y: Float32Array;
	r: Float32Array;
	isShort: Uint8Array;
	print: PrintMark[];
}

export class LiquidationBubblesView implements IPrimitivePaneView {
	readonly #source: LiquidationBubbles;
	readonly #placed: PlacedBubbles = { count: 0, x: new Float32Array(0), y: new Float32Array(0), r: new Float32Array(0), isShort: new Uint8Array(0), print: [] };
	readonly #renderer: LiquidationBubblesRenderer;
	/** The visible prints' drawing order (the view updates on every repaint, e.g. a crosshair move). */
	#order: { prints: readonly PrintMark[]; first: number; last: number; indices: readonly number[] } = { prints: [], first: 0, last: 0, indices: [] };

	constructor(source: LiquidationBubbles) {
		this.#source = source;
		this.#renderer = new LiquidationBubblesRenderer(source, this.#placed);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'normal';
	}

	update(): void {
		const placed = this.#placed;
		placed.count = 0;
		placed.print.length = 0;
		const attached = this.#source.attachedTo;
		const { visible, onDrawn } = this.#source.options;
		const prints = this.#source.prints;
		if (!attached || !visible || prints.length === 0) return onDrawn(0, null);
		const timeScale = attached.chart.timeScale();
		const range = timeScale.getVisibleRange();
		if (!range) return onDrawn(0, null);
		const barMs = this.#source.barMs;
		const from = (range.from as number) * 1000;
		const to = (range.to as number) * 1000 + barMs;
		const first = lowerBound(prints.length, (i) => prints[i].time < from);
		const last = lowerBound(prints.length, (i) => prints[i].time < to, first);
		this.#grow(last - first);
		const options = this.#source.options;
		for (const i of this.#biggestFirst(prints, first, last)) {
			const print = prints[i];
			const x = timeScale.timeToCoordinate((barOf(print.time, barMs) / 1000) as UTCTimestamp as Time);
			const y = attached.series.priceToCoordinate(print.price);
			if (x === null || y === null) continue;
			const n = placed.count++;
			placed.x[n] = x;
			placed.y[n] = y;
			placed.r[n] = bubbleRadius(print.notional, options);
			placed.isShort[n] = print.side === 'short' ? 1 : 0;
			placed.print.push(print);
		}
		onDrawn(placed.count, placed.count ? { x: placed.x[0], y: placed.y[0] } : null);
	}

	/**
	 * The placed print under (x, y) media px: of the bubbles containing the point (within 3 px), the one whose centre
	 * is nearest (on a tie, the smaller: it is drawn on top); null when none.
	 */
	hit(x: number, y: number): PrintMark | null {
		const placed = this.#placed;
		let best = -1;
		let bestDistance = Infinity;
		for (let n = 0; n < placed.count; n++) {
			const distance = (placed.x[n] - x) ** 2 + (placed.y[n] - y) ** 2;
			const reach = placed.r[n] + 3;
			if (distance <= reach * reach && distance <= bestDistance) {
				best = n;
				bestDistance = distance;
			}
		}
		return best >= 0 ? placed.print[best] : null;
	}

	/** Indices first…last−1 of `prints`, biggest notional first; kept while the prints and the span are the same. */
	#biggestFirst(prints: readonly PrintMark[], first: number, last: number): readonly number[] {
		const cached = this.#order;
		if (cached.prints === prints && cached.first === first && cached.last === last) return cached.indices;
		const indices: number[] = [];
		for (let i = first; i < last; i++) indices.push(i);
		indices.sort((a, b) => prints[b].notional - prints[a].notional);
		this.#order = { prints, first, last, indices };
		return indices;
	}

	#grow(size: number): void {
		const placed = this.#placed;
		if (placed.x.length >= size) return;
		placed.x = new Float32Array(size);
		placed.y = new Float32Array(size);
		placed.r = new Float32Array(size);
		placed.isShort = new Uint8Array(size);
	}

	renderer(): IPrimitivePaneRenderer | null {
		return this.#placed.count ? this.#renderer : null;
	}
}
