/**
 * Plan lines: a series primitive on the candlestick series that draws the trader's plan (entry, stop, targets, own
 * liquidation price) as labelled horizontal lines with a label on the price axis. It holds the lines and options; the
 * view turns prices into pixels; the renderer paints. Dragging is handled by `PlanLinesController` (drag.ts).
 */
import type {
	IPrimitivePaneView,
	ISeriesPrimitive,
	ISeriesPrimitiveAxisView,
	SeriesAttachedParameter,
	Time
} from 'lightweight-charts';
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

export class PlanLines implements ISeriesPrimitive<Time> {
	#options: Required<PlanLinesOptions>;
	#lines: readonly PlanLine[] = [];
	/** The line under the pointer or being dragged, drawn thicker. */
	#activeId: string | null = null;
	#attached: SeriesAttachedParameter<Time> | null = null;
	readonly #view: PlanLinesView;
	readonly #paneViews: readonly IPrimitivePaneView[];
	#axisViews: ISeriesPrimitiveAxisView[] = [];

	constructor(options: PlanLinesOptions = {}) {
		this.#options = { ...defaults, ...options };
		this.#view = new PlanLinesView(this);
		this.#paneViews = [this.#view];
	}

	get attachedTo(): SeriesAttachedParameter<Time> | null {
		return this.#attached;
	}
	get lines(): readonly PlanLine[] {
		return this.#lines;
	}
	get activeId(): string | null {
		return this.#activeId;
	}
	get options(): Readonly<Required<PlanLinesOptions>> {
		return this.#options;
	}
	/** Lines with their media y, as of the last view update. */
	get placed(): readonly PlacedLine[] {
		return this.#view.placed;
	}

	attached(param: SeriesAttachedParameter<Time>): void {
		this.#attached = param;
	}

	detached(): void {
		this.#attached = null;
	}

	updateAllViews(): void {
		this.#view.update();
	}

	paneViews(): readonly IPrimitivePaneView[] {
		return this.#paneViews;
	}

	priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
		return this.#axisViews;
	}

	/** The plan never widens the price scale: a line dragged past the edge would make the scale chase the pointer. */
	autoscaleInfo(): null {
		return null;
	}

	setLines(lines: readonly PlanLine[]): void {
		this.#lines = lines;
		this.#view.setLines(lines);
		const { colours, labelTextColour } = this.#options;
		this.#axisViews = this.#view.placed.map(
			(placed) =>
				new PlanLineAxisView(
					placed,
					() => colours[placed.kind],
					() => labelTextColour
				)
		);
		this.#attached?.requestUpdate();
	}

	setActive(id: string | null): void {
		if (id === this.#activeId) return;
		this.#activeId = id;
		this.#attached?.requestUpdate();
	}
}
