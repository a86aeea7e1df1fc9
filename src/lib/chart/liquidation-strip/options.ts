/** Options of the liquidation-map strip drawn along the right edge of the price pane. */
export interface LiquidationStripOptions {
	/** Strip width in media (CSS) pixels on a wide pane; a narrow pane (phone) gets a narrower strip. */
	widthPx?: number;
	showLongs?: boolean;
	showShorts?: boolean;
	/** Bins below this relative intensity (0–1) get no bar. */
	minIntensity?: number;
	background?: string;
	borderColour?: string;
	longCurveColour?: string;
	shortCurveColour?: string;
	textColour?: string;
	fontFamily?: string;
	/** Formats a cumulative notional (USDT) for the strip's captions. */
	formatNotional?: (usd: number) => string;
}

export const defaults: Required<LiquidationStripOptions> = {
	widthPx: 88,
	showLongs: true,
	showShorts: true,
	minIntensity: 0.05,
	background: 'rgba(13, 16, 23, 0.82)',
	borderColour: 'rgba(120, 130, 150, 0.35)',
	longCurveColour: '#3dd6c6',
	shortCurveColour: '#c58cff',
	textColour: 'rgba(200, 206, 218, 0.75)',
	fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, sans-serif",
	formatNotional: (usd) => `$${(usd / 1e6).toFixed(1)}M`
};

/**
 * The strip's width (media px) on a pane `paneWidth` wide: at most `widthPx`, and at most a sixth of the pane; on a
 * phone-sized pane (< 480 px) a tenth, at least 40 px, so strip and price axis leave the candles most of the width.
 */
export function stripWidth(widthPx: number, paneWidth: number): number {
	if (paneWidth < 480) return Math.round(Math.min(widthPx, Math.max(40, paneWidth / 10)));
	return Math.round(Math.min(widthPx, Math.max(44, paneWidth / 6)));
}
