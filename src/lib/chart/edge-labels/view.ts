/** Places the edge labels: which clusters are wholly off the visible price range, stacked from each edge inwards. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { Side } from '$lib/core/types.ts';
import { TextWidths } from '../common/text-width.ts';
import type { EdgeLabels } from './primitive.ts';
import { EdgeLabelsRenderer } from './renderer.ts';

/** One placed label in media px. */
export interface PlacedEdgeLabel {
	text: string;
	side: Side;
	left: number;
	top: number;
	width: number;
}

const PADDING_PX = 7;
const GAP_PX = 2;

export class EdgeLabelsView implements IPrimitivePaneView {
	readonly #source: EdgeLabels;
	readonly #placed: PlacedEdgeLabel[] = [];
	readonly #renderer: EdgeLabelsRenderer;
	#widths: TextWidths | null = null;

	constructor(source: EdgeLabels) {
		this.#source = source;
		this.#renderer = new EdgeLabelsRenderer(source, this.#placed);
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'top';
	}

	placedTexts(): string[] {
		return this.#placed.map((label) => label.text);
	}

	update(): void {
		this.#placed.length = 0;
		const attached = this.#source.attachedTo;
		if (!attached) return;
		const { fontPx, fontFamily, heightPx, topClearancePx, rightClearance } = this.#source.options;
		const font = `600 ${fontPx}px ${fontFamily}`;
		if (this.#widths?.font !== font) this.#widths = new TextWidths(font);
		const { width: paneWidth, height: paneHeight } = attached.chart.paneSize(0);
		const right = paneWidth - rightClearance(paneWidth) - 6;
		let topNext = topClearancePx;
		let bottomNext = paneHeight - heightPx - 4;
		for (const label of this.#source.labels) {
			const highY = attached.series.priceToCoordinate(label.high);
			const lowY = attached.series.priceToCoordinate(label.low);
			if (highY === null || lowY === null) continue;
			let top: number;
			let text: string;
			if (lowY < 0) {
				text = `▲ ${label.text}`;
				top = topNext;
				topNext += heightPx + GAP_PX;
			} else if (highY > paneHeight) {
				text = `▼ ${label.text}`;
				top = bottomNext;
				bottomNext -= heightPx + GAP_PX;
			} else continue;
			if (topNext > bottomNext + heightPx) break;
			const width = this.#widths.of(text) + 2 * PADDING_PX;
			this.#placed.push({ text, side: label.side, left: Math.max(4, right - width), top, width });
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
