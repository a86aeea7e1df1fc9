/**
 * What the live overlays draw (liquidation bubbles, realised histogram, open-interest and funding panes, bar
 * countdown), handed over by `LiquidationChart.setDerivatives`. Units: ms UTC, USDT, BTC, funding per 8 h.
 */
import type { FundingPoint, OpenInterestPoint, Side } from '$lib/core/types.ts';
import type { BinLevels } from './bin-levels.ts';

/** One realised liquidation print (`side` = the side liquidated). */
export interface PrintMark {
	time: number;
	side: Side;
	price: number;
	/** USDT. */
	notional: number;
	/** BTC, when the exchange said. */
	amount?: number;
	exchange?: string;
}

export interface LiveOverlayData {
	/** False for data without derivatives (the sample, a file): nothing is drawn, the panes say so. */
	available: boolean;
	/** Oldest first. */
	prints: readonly PrintMark[];
	openInterest: readonly OpenInterestPoint[];
	funding: readonly FundingPoint[];
	/** Bar length of the chart's timeframe (ms). */
	barMs: number;
	/** Open times of the bars drawn (closed ones), oldest first; the forming bar is `newestBar` when later. */
	candleTimes: readonly number[];
	newestBar: number;
	/** The current map's bins (the realised histogram uses the same ones); null without a map. */
	levels: BinLevels | null;
}

export const NO_LIVE_DATA: LiveOverlayData = {
	available: false,
	prints: [],
	openInterest: [],
	funding: [],
	barMs: 60_000,
	candleTimes: [],
	newestBar: -Infinity,
	levels: null
};

/** The bar (open time, ms) a time falls in. */
export const barOf = (time: number, barMs: number) => Math.floor(time / barMs) * barMs;
