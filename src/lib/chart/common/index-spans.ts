/**
 * Spans between two bar indices (a structure segment, a divergence line), sorted by their end, so that a view finds
 * the ones inside the visible logical range by binary search instead of scanning all of them.
 */
import { lowerBound } from '$lib/core/market/candle-search.ts';

export class IndexSpans {
	readonly start: Int32Array;
	readonly end: Int32Array;
	/** Longest span (bars): a span ending after `to + maxLength` cannot start inside the view. */
	readonly maxLength: number;

	/** @param spans [start, end] bar indices, already sorted by end */
	constructor(starts: readonly number[], ends: readonly number[]) {
		this.start = Int32Array.from(starts);
		this.end = Int32Array.from(ends);
		let longest = 0;
		for (let i = 0; i < this.end.length; i++) longest = Math.max(longest, this.end[i] - this.start[i]);
		this.maxLength = longest;
	}

	get count(): number {
		return this.end.length;
	}

	/** First span ending at or after bar `from`. */
	firstEndingFrom(from: number): number {
		return lowerBound(this.end.length, (i) => this.end[i] < from);
	}

	/** Calls `visit(i)` for every span overlapping bars `from`–`to` (logical, may be fractional). */
	forEachVisible(from: number, to: number, visit: (i: number) => void): void {
		for (let i = this.firstEndingFrom(Math.floor(from)); i < this.end.length; i++) {
			if (this.end[i] - this.maxLength > to) break;
			if (this.start[i] <= to) visit(i);
		}
	}
}
