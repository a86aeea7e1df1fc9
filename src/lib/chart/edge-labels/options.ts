/** Options of the edge labels: ▲/▼ tags at the top or bottom of the price pane for clusters beyond the view. */
export interface EdgeLabelsOptions {
	/** Space kept free on the right of the pane (the liquidation strip), from the pane's width (media px). */
	rightClearance?: (paneWidth: number) => number;
	/** Space kept free at the top (the HTML legend), media px. */
	topClearancePx?: number;
	fontPx?: number;
	fontFamily?: string;
	/** Height of one label (media px). */
	heightPx?: number;
	background?: string;
	textColour?: string;
	/** The side's mark on the label's left edge (the text says the side too). */
	longMark?: string;
	shortMark?: string;
}

export const defaults: Required<EdgeLabelsOptions> = {
	rightClearance: () => 0,
	topClearancePx: 44,
	fontPx: 11,
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
	heightPx: 18,
	background: 'rgba(14, 17, 23, 0.9)',
	textColour: '#eef0f4',
	longMark: '#3dd6c6',
	shortMark: '#c58cff'
};
