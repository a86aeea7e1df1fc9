/**
 * Turns the plan's prices into media-pixel rows and the position box (risk and reward zones); runs on pan/zoom and
 * when the plan changes. A line off the scale is kept for an edge marker (`offScale`: above or below).
 */
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
	/** Off the scale: 'above' the top or 'below' the bottom edge of the pane; null when shown (or no price). */
	offScale: 'above' | 'below' | null;
	yMedia: number;
	/** Centre of the line's label (media px): at the line, or pushed down so that labels never overlap. */
	labelYMedia: number;
}

/** Height of a label box (CSS px: 11 px font + 2 × 4 px padding) plus a 2 px gap: the closest two labels may sit. */
export const LABEL_PITCH_PX = 21;

/** The position box in media pixels; `null` zones when the entry (or the stop / targets) is missing. */
export interface PlacedBox {
	leftMedia: number;
	rightMedia: number;
	paneHeightMedia: number;
	entryYMedia: number | null;
	stopYMedia: number | null;
	rewardYMedia: number | null;
}

export class PlanLinesView implements IPrimitivePaneView {
	readonly #source: PlanLines;
	readonly #renderer: PlanLinesRenderer;
	#placed: PlacedLine[] = [];
	readonly #box: PlacedBox = { leftMedia: 0, rightMedia: 0, paneHeightMedia: 0, entryYMedia: null, stopYMedia: null, rewardYMedia: null };

	constructor(source: PlanLines) {
		this.#source = source;
		this.#renderer = new PlanLinesRenderer(source, () => this.#placed, () => this.#box);
	}

	get placed(): readonly PlacedLine[] {
		return this.#placed;
	}

	get box(): Readonly<PlacedBox> {
		return this.#box;
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
			offScale: null,
			yMedia: 0,
			labelYMedia: 0
		}));
		this.update();
	}

	update(): void {
		const attached = this.#source.attachedTo;
		if (!attached) return;
		const pane = attached.chart.paneSize(0);
		const { boxWidthShare, boxMinWidthPx, rightClearancePx } = this.#source.options;
		for (const line of this.#placed) {
			const y = Number.isFinite(line.price) && line.price > 0 ? attached.series.priceToCoordinate(line.price) : null;
			line.shown = y !== null && y >= 0 && y <= pane.height;
			line.offScale = y === null || line.shown ? null : y < 0 ? 'above' : 'below';
			line.yMedia = y ?? 0;
		}
		this.#spreadLabels(pane.height);
		const box = this.#box;
		box.rightMedia = Math.max(0, pane.width - rightClearancePx(pane.width));
		box.leftMedia = Math.max(0, box.rightMedia - Math.max(boxMinWidthPx, boxWidthShare * pane.width));
		box.paneHeightMedia = pane.height;
		const at = (kind: PlanLineKind) => this.#placed.filter((line) => line.kind === kind && line.price > 0);
		const yOf = (price: number) => attached.series.priceToCoordinate(price);
		const entry = at('entry')[0];
		const stop = at('stop')[0];
		const entryY = entry ? yOf(entry.price) : null;
		box.entryYMedia = entryY;
		box.stopYMedia = entry && stop ? yOf(stop.price) : null;
		// The reward zone runs to the target farthest from the entry.
		const farthest = entry ? at('target').sort((a, b) => Math.abs(b.price - entry.price) - Math.abs(a.price - entry.price))[0] : undefined;
		box.rewardYMedia = farthest ? yOf(farthest.price) : null;
	}

	/**
	 * Labels top to bottom, each at least a pitch below the previous (and below the legend's clearance), then, if the
	 * last ran past the bottom, shifted up together: nearby lines (entry and a close target) keep readable labels.
	 */
	#spreadLabels(paneHeight: number): void {
		const shown = this.#placed.filter((line) => line.shown).sort((a, b) => a.yMedia - b.yMedia);
		const half = LABEL_PITCH_PX / 2;
		let previous = this.#source.options.topClearancePx + half - LABEL_PITCH_PX;
		for (const line of shown) {
			line.labelYMedia = Math.max(line.yMedia, previous + LABEL_PITCH_PX);
			previous = line.labelYMedia;
		}
		let next = paneHeight - half + LABEL_PITCH_PX;
		for (let i = shown.length - 1; i >= 0; i--) {
			shown[i].labelYMedia = Math.min(shown[i].labelYMedia, next - LABEL_PITCH_PX);
			next = shown[i].labelYMedia;
		}
	}

	renderer(): IPrimitivePaneRenderer {
		return this.#renderer;
	}
}
