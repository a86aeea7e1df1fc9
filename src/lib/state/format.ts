/** Number and time formatting for the UI: compact USDT amounts, prices, percentages, UTC times. */

const priceFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const wholePriceFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A price in USDT with one decimal, e.g. "109,385.4". */
export function formatPrice(price: number): string {
	return priceFormat.format(price);
}

/** A price rounded to whole USDT, e.g. "102,500" (for ranges, where decimals are noise). */
export function formatWholePrice(price: number): string {
	return wholePriceFormat.format(price);
}

/** A USDT amount with a magnitude suffix and about three significant digits: "$950", "$12.3k", "$1.2M", "$289M", "$1.05B". */
export function formatUsd(amount: number): string {
	const magnitude = Math.abs(amount);
	// Dust (e.g. a decayed position at the bottom of a percentile scale) must not read as exactly zero.
	if (magnitude > 0 && magnitude < 1) return '<$1';
	const [divisor, suffix] =
		magnitude >= 1e9 ? [1e9, 'B'] : magnitude >= 1e6 ? [1e6, 'M'] : magnitude >= 1e3 ? [1e3, 'k'] : [1, ''];
	const scaled = amount / divisor;
	const digits = Math.abs(scaled) >= 100 || divisor === 1 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
	return `$${scaled.toFixed(digits)}${suffix}`;
}

/** A signed percentage, e.g. "+1.51 %", "−5.48 %". */
export function formatSignedPct(pct: number): string {
	return `${pct >= 0 ? '+' : '−'}${Math.abs(pct).toFixed(2)} %`;
}

/** A signed multiple of ATR, e.g. "+4.6 ATR"; "– ATR" before ATR is defined. */
export function formatAtr(multiple: number | null): string {
	if (multiple === null) return '– ATR';
	return `${multiple >= 0 ? '+' : '−'}${Math.abs(multiple).toFixed(1)} ATR`;
}

/** An intensity 0–1 as a whole percentage, e.g. "74 %". */
export function formatIntensity(intensity: number): string {
	return `${Math.round(intensity * 100)} %`;
}

/** A UTC time as "2025-07-02 16:45 UTC". */
export function formatUtc(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
