/** Options of the liquidation-bands overlay (full-width horizontal bands behind the candles). */
export interface LiquidationBandsOptions {
	/** Draw the bands (history mode hides them but keeps the cluster highlight). */
	visible?: boolean;
	showLongs?: boolean;
	showShorts?: boolean;
	/** Bins below this relative intensity (0–1) are not drawn. */
	minIntensity?: number;
	/** Multiplies the ramp's alpha: the bands sit behind the candles and must not hide them. */
	opacity?: number;
	highlightColour?: string;
	labelTextColour?: string;
	fontFamily?: string;
}

export const defaults: Required<LiquidationBandsOptions> = {
	visible: true,
	showLongs: true,
	showShorts: true,
	minIntensity: 0.05,
	opacity: 0.72,
	highlightColour: '#f0f3fa',
	labelTextColour: '#0b0e14',
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif"
};
