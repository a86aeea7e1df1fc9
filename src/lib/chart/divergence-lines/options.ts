/** Options of the divergence-lines overlay (a line between the two pivots, on the price or on the RSI pane). */
export interface DivergenceLinesOptions {
	visible?: boolean;
	/** Which value the line joins: the pivots' prices (price pane) or their RSI (RSI pane). */
	values?: 'price' | 'rsi';
	/** Label each line at its second pivot ("Bull", "H Bear", …). */
	showLabels?: boolean;
	bullishColour?: string;
	bearishColour?: string;
	/** Regular lines are solid, hidden ones dashed. */
	lineWidthPx?: number;
}

export const defaults: Required<DivergenceLinesOptions> = {
	visible: true,
	values: 'price',
	showLabels: false,
	bullishColour: '#4caf50',
	bearishColour: '#ff5252',
	lineWidthPx: 1.5
};
