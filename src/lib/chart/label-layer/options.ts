/** Options of a pane's label layer (places the labels of the pane's overlays without overlaps). */
export interface LabelLayerOptions {
	fontPx?: number;
	fontFamily?: string;
	/** Padding inside a label's box and gap kept between boxes (media px). */
	paddingPx?: number;
	gapPx?: number;
	background?: string;
	/** Band at the top of the pane kept free (media px), e.g. for the chart's HTML legend. */
	topClearancePx?: number;
	/** Band at the right edge kept free on a pane `paneWidth` wide (media px), e.g. for the liquidation strip. */
	rightClearance?: (paneWidth: number) => number;
}

export const defaults: Required<LabelLayerOptions> = {
	fontPx: 10,
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
	paddingPx: 3,
	gapPx: 2,
	background: 'rgba(14, 17, 23, 0.86)',
	topClearancePx: 0,
	rightClearance: () => 0
};
