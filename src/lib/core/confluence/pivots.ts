/**
 * Pivot points of a series, as TradingView's `ta.pivothigh(src, left, right)` / `ta.pivotlow`: bar i is a pivot high
 * when its value is above every value of the `left` bars before it and not below any of the `right` bars after it
 * (mirrored for lows). A pivot can only be known `right` bars later. A value not defined (NaN: an indicator's
 * warm-up) is never a pivot and no pivot has one among its neighbours. O(n · (left + right)), on typed arrays (one
 * element kind, so the scan stays monomorphic).
 */
export type PivotKind = 'high' | 'low';

/** A series with null for "not defined", as a typed array with NaN. */
export function nullsAsNaN(values: readonly (number | null)[]): Float64Array {
	const out = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) out[i] = values[i] ?? NaN;
	return out;
}

export function isPivot(values: Float64Array, i: number, left: number, right: number, kind: PivotKind): boolean {
	const value = values[i];
	if (Number.isNaN(value) || i - left < 0 || i + right >= values.length) return false;
	const high = kind === 'high';
	// Left neighbours must be strictly beyond the pivot, right neighbours may tie it (the first of equal tops wins).
	for (let k = 1; k <= left; k++) {
		const before = values[i - k];
		if (Number.isNaN(before) || (high ? before >= value : before <= value)) return false;
	}
	for (let k = 1; k <= right; k++) {
		const after = values[i + k];
		if (Number.isNaN(after) || (high ? after > value : after < value)) return false;
	}
	return true;
}

/** Indices of all pivots of a kind, oldest first. */
export function pivotIndices(values: Float64Array, left: number, right: number, kind: PivotKind): number[] {
	const out: number[] = [];
	for (let i = left; i + right < values.length; i++) if (isPivot(values, i, left, right, kind)) out.push(i);
	return out;
}
