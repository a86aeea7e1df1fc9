/**
 * Lays the labels out: greedy, in priority order; a label overlapping one already placed (or the kept-free bands) is
 * moved by whole label heights in its allowed direction, up to its allowed steps, else dropped. Runs on every update;
 * a pane holds a few dozen candidates, so the pairwise check is cheap, and the arrays are reused.
 */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { LabelLayer } from './primitive.ts';
import { LabelLayerRenderer } from './renderer.ts';

/** Placed labels in media px, written here, painted by the renderer. */
export class PlacedLabels {
	count = 0;
	readonly text: string[] = [];
	readonly colour: string[] = [];
	left = new Float32Array(32);
	top = new Float32Array(32);
	width = new Float32Array(32);
	height = 0;

	push(text: string, colour: string, left: number, top: number, width: number): void {
		const i = this.count++;
		if (i >= this.left.length) {
			const grow = (from: Float32Array) => {
				const to = new Float32Array(from.length * 2);
				to.set(from);
				return to;
			};
			this.left = grow(this.left);
			this.top = grow(this.top);
			this.width = grow(this.width);
		}
		this.text[i] = text;
		this.colour[i] = colour;
		this.left[i] = left;
		this.top[i] = top;
		this.width[i] = width;
	}

	overlaps(left: number, top: number, width: number, gap: number): boolean {
		for (let i = 0; i < this.count; i++) {
			if (
				left < this.left[i] + this.width[i] + gap &&
				left + width + gap > this.left[i] &&
				top < this.top[i] + this.height + gap &&
				top + this.height + gap > this.top[i]
			)
				return true;
		}
		return false;
	}
}

export class LabelLayerView implements IPrimitivePaneView {
	readonly #source: LabelLayer;
	readonly #placed = new PlacedLabels();
	readonly #renderer: LabelLayerRenderer;

	constructor(source: LabelLayer) {
		this.#source = source;
		this.#renderer = new LabelLayerRenderer(source, this.#placed);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'top';
	}

	update(): void {
		const placed = this.#placed;
		placed.count = 0;
		const attached = this.#source.attachedTo;
		if (!attached) return;
		const { fontPx, paddingPx, gapPx, topClearancePx, rightClearance } = this.#source.options;
		const pane = attached.chart.paneSize(attached.series.getPane().paneIndex());
		const rightLimit = pane.width - rightClearance(pane.width);
		const height = fontPx + paddingPx * 2;
		placed.height = height;
		const widths = this.#source.widths;
		for (const { labels } of this.#source.sources) {
			for (let i = 0; i < labels.count; i++) {
				const width = widths.of(labels.text[i]) + paddingPx * 2;
				const align = labels.align[i];
				const x = labels.xMedia[i];
				const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
				if (left < 0 || left + width > rightLimit) continue;
				const top = labels.yMedia[i] - height / 2;
				const direction = labels.shiftDirection[i];
				for (let step = 0; step <= labels.maxSteps[i] * (direction === 0 ? 2 : 1); step++) {
					// Either way: 0, up 1, down 1, up 2, …; one way: 0, 1, 2, … in that direction.
					const offset =
						direction === 0 ? (step === 0 ? 0 : (step % 2 === 1 ? -1 : 1) * Math.ceil(step / 2)) : direction * step;
					const candidateTop = top + offset * (height + gapPx);
					if (candidateTop < topClearancePx || candidateTop + height > pane.height) continue;
					if (placed.overlaps(left, candidateTop, width, gapPx)) continue;
					placed.push(labels.text[i], labels.colour[i], left, candidateTop, width);
					break;
				}
			}
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
