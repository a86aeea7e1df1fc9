/**
 * Plan lines: a series primitive on the candlestick series that draws the trader's plan (entry, stop, targets, own
 * liquidation price) as labelled horizontal lines with a label on the price axis. It holds the lines and options; the
 * view turns prices into pixels; the renderer paints. Dragging is handled by `PlanLinesController` (drag.ts).
 */
import type { AutoscaleInfo, ISeriesPrimitiveAxisView } from 'lightweight-charts';
import { OverlayPrimitive } from '../common/overlay-primitive.ts';
import { defaults, type PlanLine, type PlanLinesOptions } from './options.ts';
import { PlanLinesView, type PlacedBox, type PlacedLine } from './view.ts';

/** The own liquidation widens the scale only within this many stop distances of the entry. */
const LIQUIDATION_REACH = 3;

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
	/** The position box (media px), as of the last view update. */
	get box(): Readonly<PlacedBox> {
		return this.view.box;
	}

	priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
		return this.#axisViews;
	}

	/** The price range the plan adds to the scale, frozen while a line is dragged (else the scale chases the pointer). */
	#frozenRange: { minValue: number; maxValue: number } | null = null;

	/**
	 * The view includes the plan: entry, stop and targets, and the own liquidation when it lies within
	 * `LIQUIDATION_REACH` stop distances of the entry (a far one gets an edge marker instead of squashing the candles).
	 * While a line is dragged the range stays as it was when the drag began.
	 */
	override autoscaleInfo(): AutoscaleInfo | null {
		const range = this.#frozenRange ?? this.#planRange();
		return range ? { priceRange: range } : null;
	}

	/** Freezes (true) or releases (false) the plan's contribution to the price scale. */
	freezeAutoscale(frozen: boolean): void {
		this.#frozenRange = frozen ? this.#planRange() : null;
		if (!frozen) this.requestUpdate();
	}

	#planRange(): { minValue: number; maxValue: number } | null {
		const entry = this.#lines.find((line) => line.kind === 'entry')?.price;
		const stop = this.#lines.find((line) => line.kind === 'stop')?.price;
		if (!entry || !stop) return null;
		const reach = LIQUIDATION_REACH * Math.abs(entry - stop);
		const prices = this.#lines
			.filter((line) => line.price > 0 && (line.kind !== 'liquidation' || Math.abs(line.price - entry) <= reach))
			.map((line) => line.price);
		return { minValue: Math.min(...prices), maxValue: Math.max(...prices) };
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

	/** Called after each placement (pan, zoom, new lines), e.g. to keep a text description current. */
	onplaced: (() => void) | null = null;

	override updateAllViews(): void {
		super.updateAllViews();
		this.onplaced?.();
	}

	setActive(id: string | null): void {
		if (id === this.#activeId) return;
		this.#activeId = id;
		this.requestUpdate();
	}
}
