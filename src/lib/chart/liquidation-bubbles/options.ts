/**
 * Options of the realised-liquidation bubbles. Scale: a bubble's AREA is proportional to the print's notional, radius
 * r = `radiusAtReference` · √(notional / `referenceNotional`) px, clamped to [`minRadius`, `maxRadius`] (defaults: a
 * $100k print is 4 px, $1M about 12.6 px, from $1.56M on the 16 px cap), so a cascade reads as big without covering
 * the candles. Colours follow the heatmap's sides (`lib/theme.ts`): long liquidations teal, short ones violet.
 */
import { palette } from '$lib/theme.ts';

export interface LiquidationBubblesOptions {
	visible?: boolean;
	/** USDT notional of a bubble of `radiusAtReference`. */
	referenceNotional?: number;
	radiusAtReference?: number;
	minRadius?: number;
	maxRadius?: number;
	longColour?: string;
	shortColour?: string;
	/** Fill opacity (the outline is opaque). */
	fillAlpha?: number;
	/** Called after each update with the number of bubbles in view and the biggest one's centre (media px), for the page's data attributes. */
	onDrawn?: (count: number, biggest: { x: number; y: number } | null) => void;
}

export const defaults: Required<LiquidationBubblesOptions> = {
	visible: true,
	referenceNotional: 100_000,
	radiusAtReference: 4,
	minRadius: 2,
	maxRadius: 16,
	longColour: palette.long,
	shortColour: palette.short,
	fillAlpha: 0.28,
	onDrawn: () => {}
};

/** Radius (media px) of a print of `notional` USDT: area ∝ notional, clamped. */
export function bubbleRadius(notional: number, options: Required<LiquidationBubblesOptions>): number {
	const r = options.radiusAtReference * Math.sqrt(Math.max(0, notional) / options.referenceNotional);
	return Math.min(options.maxRadius, Math.max(options.minRadius, r));
}
