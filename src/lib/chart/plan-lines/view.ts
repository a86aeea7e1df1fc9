/** Turns the plan's prices into media-pixel rows; runs on pan/zoom and when the plan changes. */
import type { IPrimitivePaneRenderer, IPrimitivePaneView, PrimitivePaneViewZOrder } from 'lightweight-charts';
import type { PlanLine, PlanLineKind } from './options.ts';
import type { PlanLines } from './primitive.ts';
import { PlanLinesRenderer } from './renderer.ts';

/** One line placed on the pane (reused across frames; `shown` is false while its price is off the scale). */
export interface PlacedLine {
	id: string;
	kind: PlanLineKind;
	price: number;
	label: string;
	axisText: string;
	draggable: boolean;
	shown: boolean;
	yMedia: number;
}

export class PlanLinesView implements IPrimitivePaneView {
	readonly #source: PlanLines;
	readonly #renderer: PlanLinesRenderer;
	#placed: PlacedLine[] = [];

	constructor(source: PlanLines) {
		this.#source = source;
		this.#renderer = new PlanLinesRenderer(source, () => this.#placed);
	}

	get placed(): readonly PlacedLine[] {
		return this.#placed;
	}

	zOrder(): PrimitivePaneViewZOrder {
		return 'top';
	}

	setLines(lines: readonly PlanLine[]): void {
		this.#placed = lines.map((line) => ({
			id: line.id,
			kind: line.kind,
			price: line.price,
			label: line.label,
			axisText: line.axisLabel,
			draggable: line.draggable,
			shown: false,
			yMedia: 0
		}));
		this.update();
	}

	update(): void {
		const attached = this.#source.attachedTo;
		if (!attached) return;
		const paneHeight = attached.chart.paneSize(0).height;
		for (const line of this.#placed) {
			const y = Number.isFinite(line.price) && line.price > 0 ? attached.series.priceToCoordinate(line.price) : null;
			line.shown = y !== null && y >= 0 && y <= paneHeight;
			line.yMedia = y ?? 0;
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
