/**
 * Options of the realised-liquidations histogram: the notional of the prints in the visible time range, summed per
 * price bin of the current map (the same bins as the liquidation strip), drawn inside the strip from its left edge
 * rightwards (the predicted bars grow from the right edge leftwards), so predicted and realised face each other bin
 * by bin. Bar length is relative to the largest visible bin, at most `maxShare` of the strip's width.
 */
import { palette } from '$lib/theme.ts';

export interface RealisedHistogramOptions {
	visible?: boolean;
	/** The strip's width on a wide pane (media px), as `LiquidationStripOptions.widthPx`. */
	stripWidthPx?: number;
	/** Longest bar, as a share of the strip's width. */
	maxShare?: number;
	longColour?: string;
	shortColour?: string;
	textColour?: string;
	fontFamily?: string;
	formatNotional?: (usd: number) => string;
	/** Called after each update with the bins holding prints in view and their total (USDT). */
	onDrawn?: (bins: number, total: number) => void;
}

export const defaults: Required<RealisedHistogramOptions> = {
	visible: true,
	stripWidthPx: 88,
	maxShare: 0.5,
	longColour: palette.long,
	shortColour: palette.short,
	textColour: 'rgba(236, 239, 244, 0.9)',
	fontFamily: palette.font,
	formatNotional: (usd) => `$${(usd / 1e6).toFixed(1)}M`,
	onDrawn: () => {}
};
