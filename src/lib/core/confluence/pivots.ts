/**
 * Pivot points of a series, as TradingView's `ta.pivothigh(src, left, right)` / `ta.pivotlow`: bar i is a pivot high
 * when its value is above every value of the `left` bars before it and not below any of the `right` bars after it
 * (mirrored for lows). A pivot can only be known `right` bars later. Null values never make or break a pivot.
 */
export type PivotKind = 'high' | 'low';

export function isPivot(values: ArrayLike<number | null>, i: number, left: number, right: number, kind: PivotKind): boolean {
	const value = values[i];
	if (value === null || i - left < 0 || i + right >= values.length) return false;
	// Left neighbours must be strictly beyond the pivot, right neighbours may tie it (the first of equal tops wins).
	for (let k = 1; k <= left; k++) {
		const before = values[i - k];
		if (before === null || (kind === 'high' ? before >= value : before <= value)) return false;
	}
	for (let k = 1; k <= right; k++) {
		const after = values[i + k];
		if (after === null || (kind === 'high' ? after > value : after < value)) return false;
	}
	return true;
}

/** Indices of all pivots of a kind, oldest first. */
export function pivotIndices(values: ArrayLike<number | null>, left: number, right: number, kind: PivotKind): number[] {
	const out: number[] = [];
	for (let i = left; i + right < values.length; i++) if (isPivot(values, i, left, right, kind)) out.push(i);
	return out;
}
