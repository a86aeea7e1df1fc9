/**
 * Number and time formatting shared by the UI, the CLI and the exported image, so a figure reads the same everywhere:
 * compact USDT amounts, prices, signed percentages and ATR multiples, intensities, UTC times, ramp colours as CSS.
 */
import { intensityColour } from './core/model/colour-ramp.ts';

const priceFormats = new Map<number, Intl.NumberFormat>();

/** A price with thousands separators and `decimals` decimals (default one): "109,385.4". */
export function formatPrice(value: number, decimals = 1): string {
	let format = priceFormats.get(decimals);
	if (!format) {
		format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
		priceFormats.set(decimals, format);
	}
	return format.format(value);
}

/** A price rounded to whole USDT, e.g. "102,500" (for ranges, where decimals are noise). */
export function formatWholePrice(value: number): string {
	return formatPrice(value, 0);
}

/** A USDT amount with a magnitude suffix and about three significant digits: "$950", "$12.3k", "$1.2M", "$289M", "$1.05B". */
export function formatUsd(amount: number): string {
	const magnitude = Math.abs(amount);
	// Dust (e.g. a decayed position at the bottom of a percentile scale) must not read as exactly zero.
	if (magnitude > 0 && magnitude < 1) return '<$1';
	const [divisor, suffix] =
		magnitude >= 1e9 ? [1e9, 'B'] : magnitude >= 1e6 ? [1e6, 'M'] : magnitude >= 1e3 ? [1e3, 'k'] : [1, ''];
	const scaled = magnitude / divisor;
	const digits = scaled >= 100 || divisor === 1 ? 0 : scaled >= 10 ? 1 : 2;
	return `${amount < 0 ? '-' : ''}$${scaled.toFixed(digits)}${suffix}`;
}

/** Signed percent: "+1.37 %", "−5.48 %". */
export function formatPct(value: number, decimals = 2): string {
	return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(decimals)} %`;
}

/** Signed ATR multiple: "+4.6 ATR"; "n/a" before ATR is defined. */
export function formatAtr(value: number | null): string {
	return value === null ? 'n/a' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ATR`;
}

/** An intensity 0–1 as a whole percentage, e.g. "74 %". */
export function formatIntensity(intensity: number): string {
	return `${Math.round(intensity * 100)} %`;
}

/** UTC date and minute without the zone: "2025-07-02 17:00" (where "UTC" is said once for a span, or by a label). */
export function formatUtcMinute(ms: number): string {
	return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** UTC date-time: "2025-07-02 17:00 UTC". */
export function formatUtc(ms: number): string {
	return `${formatUtcMinute(ms)} UTC`;
}

/** CSS `rgb()` text of the opaque ramp colour at `t` (legends: alpha would only mix in the panel's colour). */
export function rampCss(t: number): string {
	const [r, g, b] = intensityColour(t);
	return `rgb(${r}, ${g}, ${b})`;
}

export { priceDecimals, roundPrice } from './core/market/price-precision.ts';
