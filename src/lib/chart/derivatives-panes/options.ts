/**
 * Options of the open-interest and funding panes (live sources only).
 * - Open interest: USDT notional per bar (the exchange's reading at or before the bar), the caption giving the newest
 *   value and its change over the visible bars: (last − first) / first of the points in view, in %.
 * - Funding: the rate per 8 h in force at each bar (settled rates, then the stream's current one), in %, annualised
 *   as rate × 3 × 365. Extreme when |rate| ≥ `fundingExtreme` (default 0.05 % per 8 h, five times the 0.01 % base rate
 *   Binance, Bybit and OKX charge by default, about 55 % a year): those bars are amber and dashed guides mark ±0.05 %.
 */
import { palette } from '$lib/theme.ts';

/** |funding| per 8 h (fraction) from which a bar is marked extreme. */
export const FUNDING_EXTREME = 0.0005;
/** Funding periods a year: three settlements a day. */
export const FUNDINGS_PER_YEAR = 3 * 365;

export const derivativesPaneColours = {
	openInterest: '#e0b354',
	openInterestFill: 'rgba(224, 179, 84, 0.12)',
	fundingPositive: 'rgba(38, 166, 154, 0.7)',
	fundingNegative: 'rgba(239, 83, 80, 0.7)',
	fundingExtreme: palette.warn,
	caption: '#b2b5be'
} as const;

/** Pane heights relative to the price pane. */
export const OPEN_INTEREST_STRETCH = 0.26;
export const FUNDING_STRETCH = 0.22;

/** Percent with `decimals` decimals and a sign: "+0.0100 %". */
export const signedPct = (fraction: number, decimals: number): string => {
	const digits = Math.abs(fraction * 100).toFixed(decimals);
	// A rate that rounds to zero carries no sign: "−0.0000 %" reads as a negative rate.
	if (Number(digits) === 0) return `${digits} %`;
	return `${fraction >= 0 ? '+' : '−'}${digits} %`;
};
