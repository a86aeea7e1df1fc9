/**
 * Number formatting shared by the UI, the CLI and the exported image, so a figure reads the same everywhere.
 */

/** USDT notional in short form: $950, $12.3K, $4.56M, $1.2B. */
export function formatUsd(value: number): string {
	const abs = Math.abs(value);
	const sign = value < 0 ? '-' : '';
	if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(abs >= 1e10 ? 1 : 2)}B`;
	if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(abs >= 1e7 ? 1 : 2)}M`;
	if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(abs >= 1e4 ? 1 : 2)}K`;
	return `${sign}$${abs.toFixed(0)}`;
}

/** A price with thousands separators and one decimal: 109,385.4. */
export function formatPrice(value: number, decimals = 1): string {
	return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Signed percent: +1.37 %, −5.48 %. */
export function formatPct(value: number, decimals = 2): string {
	return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(decimals)} %`;
}

/** Signed ATR multiple: +4.6 ATR; "n/a" before ATR is defined. */
export function formatAtr(value: number | null): string {
	return value === null ? 'n/a' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ATR`;
}

/** UTC date-time: 2025-07-02 17:00 UTC. */
export function formatUtc(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
