/** Options of the plan-lines overlay: the trader's entry, stop, targets and own liquidation price as labelled lines. */
export type PlanLineKind = 'entry' | 'stop' | 'target' | 'liquidation';

/** One horizontal line of the plan. */
export interface PlanLine {
	/** Stable id handed back when the line is dragged, e.g. "entry", "stop", "target-0", "liquidation". */
	id: string;
	kind: PlanLineKind;
	/** USDT. */
	price: number;
	/** Text of the label on the line, e.g. "Stop 107,200 · −1R". */
	label: string;
	/** Short text of the price-axis label, e.g. "T1". */
	axisLabel: string;
	draggable: boolean;
}

export interface PlanLinesOptions {
	colours?: Record<PlanLineKind, string>;
	labelTextColour?: string;
	fontFamily?: string;
	/** Distance (CSS px) from a line within which the pointer grabs it. */
	grabDistancePx?: number;
}

export const defaults: Required<PlanLinesOptions> = {
	colours: { entry: '#3d8bfd', stop: '#ef5350', target: '#26a69a', liquidation: '#ff9f1a' },
	labelTextColour: '#0b0e14',
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
	grabDistancePx: 6
};
