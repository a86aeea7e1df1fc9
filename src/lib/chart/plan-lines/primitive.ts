/**
 * Plan lines: a series primitive on the candlestick series that draws the trader's plan (entry, stop, targets, own
 * liquidation price) as labelled horizontal lines with a label on the price axis. It holds the lines and options; the
 * view turns prices into pixels; the renderer paints. Dragging is handled by `PlanLinesController` (drag.ts).
 */
import type { ISeriesPrimitiveAxisView } from 'lightweight-charts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type PlanLine, type PlanLinesOptions } from './options.ts';
import { PlanLinesView, type PlacedLine } from './view.ts';

class PlanLineAxisView implements ISeriesPrimitiveAxisView {
	constructor(
		readonly placed: PlacedLine,
		readonly colourOf: () => string,
		readonly textColour: () => string
	) {}
	coordinate(): number {
		return this.placed.yMedia;
	}
	text(): string {
		return this.placed.axisText;
	}
	textColor(): string {
		return this.textColour();
	}
	backColor(): string {
		return this.colourOf();
	}
	visible(): boolean {
		return this.placed.shown;
	}
	tickVisible(): boolean {
		return true;
	}
}

export class PlanLines extends OverlayPrimitive<PlanLinesOptions, PlanLinesView> {
	#lines: readonly PlanLine[] = [];
	/** The line under the pointer or being dragged, drawn thicker. */
	#activeId: string | null = null;
	#axisViews: ISeriesPrimitiveAxisView[] = [];

	constructor(options: PlanLinesOptions = {}) {
		super(defaults, options, (overlay: PlanLines) => new PlanLinesView(overlay));
	}

	get lines(): readonly PlanLine[] {
		return this.#lines;
	}
	get activeId(): string | null {
		return this.#activeId;
	}
	/** Lines with their media y, as of the last view update. */
	get placed(): readonly PlacedLine[] {
		return this.view.placed;
	}

	priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
		return this.#axisViews;
	}

	/** The plan never widens the price scale: a line dragged past the edge would make the scale chase the pointer. */
	override autoscaleInfo(): null {
		return null;
	}

	setLines(lines: readonly PlanLine[]): void {
		this.#lines = lines;
		this.view.setLines(lines);
		const { colours, labelTextColour } = this.options;
		this.#axisViews = this.view.placed.map(
			(placed) =>
				new PlanLineAxisView(
					placed,
					() => colours[placed.kind],
					() => labelTextColour
				)
		);
		this.requestUpdate();
	}

	setActive(id: string | null): void {
		if (id === this.#activeId) return;
		this.#activeId = id;
		this.requestUpdate();
	}
}
