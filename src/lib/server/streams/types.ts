/**
 * What the server's exchange streams emit (and `/api/stream` forwards as Server-Sent Events: the shapes are in
 * `$lib/stream-types.ts`, shared with the browser), and the clock they run on.
 */

export type { CandleEvent, FundingEvent, LiquidationPrint, OpenInterestEvent, Outage, StreamEvent, StreamState, StreamStatus } from '../../stream-types.ts';

/** Time and timers of the streams: the system clock in production, a manual one in tests. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => {
		const handle = setTimeout(callback, ms);
		handle.unref?.();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};
