/**
 * Options of the plan-lines overlay, a TradingView-style position tool: the trader's entry, stop, targets and own
 * liquidation price as labelled lines, with the risk (entry → stop) and reward (entry → farthest target) zones shaded
 * in a box at the right of the plot, where the newest candles and the space after them are.
 */
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
	/** Fill of the risk zone (entry → stop) and the reward zone (entry → farthest target). */
	zoneColours?: { risk: string; reward: string };
	/** Width of the position box as a share of the plot width (0–1), at least `boxMinWidthPx`. */
	boxWidthShare?: number;
	boxMinWidthPx?: number;
	/** Space kept free at the right of the plot (CSS px), e.g. for the liquidation strip; a function of the plot width. */
	rightClearancePx?: (plotWidth: number) => number;
	/** Height at the top of the pane (CSS px) kept free of labels: the HTML legend (OHLC) sits there. */
	topClearancePx?: number;
}

export const defaults: Required<PlanLinesOptions> = {
	colours: { entry: '#3d8bfd', stop: '#ef5350', target: '#26a69a', liquidation: '#ff9f1a' },
	labelTextColour: '#0b0e14',
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
	grabDistancePx: 6,
	zoneColours: { risk: 'rgba(239, 83, 80, 0.16)', reward: 'rgba(38, 166, 154, 0.16)' },
	boxWidthShare: 0.34,
	boxMinWidthPx: 150,
	rightClearancePx: () => 0,
	topClearancePx: 0
};
