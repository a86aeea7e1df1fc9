/** Options of the market-structure overlay (BOS / CHoCH segments from the broken swing to the breaking candle). */
export interface MarketStructureOptions {
	visible?: boolean;
	upColour?: string;
	downColour?: string;
	/** Line width (media px); CHoCH segments are dashed. */
	lineWidthPx?: number;
	/** Vertical distance of a label's centre from its line (media px). */
	labelOffsetPx?: number;
}

export const defaults: Required<MarketStructureOptions> = {
	visible: true,
	upColour: '#26a69a',
	downColour: '#ef5350',
	lineWidthPx: 1,
	labelOffsetPx: 9
};
