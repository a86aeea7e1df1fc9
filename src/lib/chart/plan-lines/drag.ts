/**
 * Puts the plan lines on a chart and lets the mouse (or a finger) drag them. Pointer events are listened to on the
 * chart's container in the capture phase, before the chart sees them: a press near a draggable line takes the pointer
 * (the chart's own scroll and scale handling is switched off until release, then restored), and each move reports the
 * price under the pointer (`coordinateToPrice`).
 */
import type { IChartApi, ISeriesApi, SeriesType, Time } from 'lightweight-charts';

type ChartOptions = ReturnType<IChartApi['options']>;
import type { PlanLine, PlanLinesOptions } from './options.ts';
import { PlanLines } from './primitive.ts';

export type { PlanLine, PlanLineKind } from './options.ts';

/** Where a plan line is: in view (at `share` of the pane's height from the top), or off the scale above / below. */
export interface LinePlacement {
	id: string;
	price: number;
	where: 'in view' | 'above' | 'below';
	share: number;
}

/** Touch is coarser than a mouse: a finger grabs a line from further away. */
const TOUCH_GRAB_FACTOR = 2.5;

export class PlanLinesController {
	readonly #container: HTMLElement;
	readonly #chart: IChartApi;
	readonly #series: ISeriesApi<SeriesType, Time>;
	readonly #primitive: PlanLines;
	#drag: {
		id: string;
		pointerId: number;
		handleScroll: ChartOptions['handleScroll'];
		handleScale: ChartOptions['handleScale'];
	} | null = null;
	#cursorTarget: HTMLElement | null = null;
	/** Called with the line's id and the price under the pointer while it is dragged. */
	ondrag: ((id: string, price: number) => void) | null = null;
	/** Called once when a drag ends. */
	ondragend: ((id: string) => void) | null = null;

	constructor(container: HTMLElement, chart: IChartApi, series: ISeriesApi<SeriesType, Time>, options: PlanLinesOptions = {}) {
		this.#primitive = new PlanLines(options);
		this.#container = container;
		this.#chart = chart;
		this.#series = series;
		series.attachPrimitive(this.#primitive);
		container.addEventListener('pointerdown', this.#down, { capture: true });
		container.addEventListener('pointermove', this.#move, { capture: true });
		container.addEventListener('pointerup', this.#up, { capture: true });
		container.addEventListener('pointercancel', this.#up, { capture: true });
	}

	setLines(lines: readonly PlanLine[]): void {
		this.#primitive.setLines(lines);
	}

	/** Whether a line is being dragged (the caller may defer expensive work until it ends). */
	get dragging(): boolean {
		return this.#drag !== null;
	}

	/** The y (CSS px from the top of the price pane) of a price, or null when it is off the scale. */
	priceToCoordinate(price: number): number | null {
		return this.#series.priceToCoordinate(price);
	}

	/**
	 * Where each line is (id, price, in view or off the scale above/below, and its height in the price pane as a share
	 * from the top, 0–1); `listener` is called after every placement (pan, zoom, new lines).
	 */
	onplacement(listener: ((placement: LinePlacement[]) => void) | null): void {
		this.#primitive.onplaced = listener
			? () => {
					const height = this.#chart.paneSize(0).height || 1;
					listener(
						this.#primitive.placed.map((line) => ({
							id: line.id,
							price: line.price,
							where: line.shown ? 'in view' : (line.offScale ?? 'in view'),
							share: line.yMedia / height
						}))
					);
				}
			: null;
	}

	/** The position box's left and right edges (CSS px from the plot's left), as of the last paint. */
	boxEdges(): { left: number; right: number } {
		const box = this.#primitive.box;
		return { left: box.leftMedia, right: box.rightMedia };
	}

	/** Sizes in CSS px: the whole chart, the price pane's height and the plot's width (left of the price axis). */
	geometry(): { width: number; height: number; paneHeight: number; plotWidth: number } {
		const pane = this.#chart.paneSize(0);
		return {
			width: this.#container.clientWidth,
			height: this.#container.clientHeight,
			paneHeight: pane.height,
			plotWidth: pane.width
		};
	}

	dispose(): void {
		this.#end();
		this.#container.removeEventListener('pointerdown', this.#down, { capture: true });
		this.#container.removeEventListener('pointermove', this.#move, { capture: true });
		this.#container.removeEventListener('pointerup', this.#up, { capture: true });
		this.#container.removeEventListener('pointercancel', this.#up, { capture: true });
		this.#series.detachPrimitive(this.#primitive);
	}

	/** The draggable line nearest to the pointer within the grab distance, or null. */
	#hit(event: PointerEvent): string | null {
		const box = this.#container.getBoundingClientRect();
		const x = event.clientX - box.left;
		const y = event.clientY - box.top;
		const pane = this.#chart.paneSize(0);
		if (y < 0 || y > pane.height || x < 0 || x > box.width) return null;
		const grab = this.#primitive.options.grabDistancePx * (event.pointerType === 'touch' ? TOUCH_GRAB_FACTOR : 1);
		let best: string | null = null;
		let bestDistance = grab;
		for (const line of this.#primitive.placed) {
			if (!line.shown || !line.draggable) continue;
			const distance = Math.abs(line.yMedia - y);
			if (distance <= bestDistance) {
				best = line.id;
				bestDistance = distance;
			}
		}
		return best;
	}

	#setCursor(target: EventTarget | null, cursor: string): void {
		if (this.#cursorTarget && this.#cursorTarget !== target) this.#cursorTarget.style.cursor = '';
		this.#cursorTarget = target instanceof HTMLElement ? target : null;
		if (this.#cursorTarget) this.#cursorTarget.style.cursor = cursor;
	}

	readonly #down = (event: PointerEvent): void => {
		if (this.#drag || (event.pointerType === 'mouse' && event.button !== 0)) return;
		const id = this.#hit(event);
		if (!id) return;
		// Keeps the chart from starting a pan (no compatibility mouse events) and from seeing the press at all.
		event.preventDefault();
		event.stopPropagation();
		const options = this.#chart.options();
		this.#drag = { id, pointerId: event.pointerId, handleScroll: options.handleScroll, handleScale: options.handleScale };
		this.#chart.applyOptions({ handleScroll: false, handleScale: false });
		this.#container.setPointerCapture(event.pointerId);
		this.#primitive.freezeAutoscale(true);
		this.#primitive.setActive(id);
		this.#setCursor(event.target, 'ns-resize');
	};

	readonly #move = (event: PointerEvent): void => {
		if (!this.#drag) {
			const id = event.pointerType === 'mouse' ? this.#hit(event) : null;
			this.#primitive.setActive(id);
			if (id) this.#setCursor(event.target, 'ns-resize');
			else if (this.#cursorTarget) this.#setCursor(null, '');
			return;
		}
		if (event.pointerId !== this.#drag.pointerId) return;
		event.preventDefault();
		event.stopPropagation();
		const y = event.clientY - this.#container.getBoundingClientRect().top;
		const price = this.#series.coordinateToPrice(y);
		if (price !== null && price > 0) this.ondrag?.(this.#drag.id, price);
	};

	readonly #up = (event: PointerEvent): void => {
		if (!this.#drag || event.pointerId !== this.#drag.pointerId) return;
		event.stopPropagation();
		const id = this.#drag.id;
		this.#end();
		this.ondragend?.(id);
	};

	#end(): void {
		const drag = this.#drag;
		if (!drag) return;
		this.#drag = null;
		if (this.#container.hasPointerCapture(drag.pointerId)) this.#container.releasePointerCapture(drag.pointerId);
		this.#chart.applyOptions({ handleScroll: drag.handleScroll, handleScale: drag.handleScale });
		this.#primitive.freezeAutoscale(false);
		this.#primitive.setActive(null);
		this.#setCursor(null, '');
	}
}
