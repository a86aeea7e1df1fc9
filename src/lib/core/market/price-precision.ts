/**
 * Rounding prices for output without assuming BTC's scale: at least 2 decimals, and enough for six significant
 * digits (90,361.45 stays 90361.45; 1.0512345 becomes 1.051235; 0.000123456 keeps 0.00012346). Quote currency.
 */
export function roundPrice(value: number): number {
	if (!Number.isFinite(value) || value === 0) return value;
	const decimals = Math.min(12, Math.max(2, 6 - Math.floor(Math.log10(Math.abs(value)))));
	return Number(value.toFixed(decimals));
}

/** Decimals to show prices of a market whose price is about `reference`: 0 at BTC's 100,000, 4 at 1.05. */
export function priceDecimals(reference: number): number {
	if (!(reference > 0)) return 2;
	return Math.min(8, Math.max(0, 4 - Math.floor(Math.log10(reference))));
}
