/**
 * Shared types of the liquidation model.
 *
 * Units used across `core/`:
 * - time: milliseconds since the Unix epoch, UTC, of a candle's OPEN;
 * - prices: quote currency (USDT ≈ USD) per 1 BTC;
 * - volume: base currency (BTC) traded during the candle;
 * - notional: quote currency (USDT), i.e. size in BTC × price.
 */

/** One OHLCV candle. `time` is the candle's open time in ms UTC. */
export interface Candle {
	time: number;
	open: number;
	high: number;
	low: number;
	close: number;
	/** Traded volume in BTC (base currency). */
	volume: number;
}

/** The timeframes the app resamples to, from 5-minute base candles. */
export type Timeframe = '5m' | '15m' | '1h' | '4h' | '1d';

/** Which side of the book a position (and its liquidation) belongs to. */
export type Side = 'long' | 'short';

/** A hole in a candle series: `missing` candles between `after` and `before` (open times, ms). */
export interface CandleGap {
	after: number;
	before: number;
	missing: number;
}

/** One leverage tier of the position model. */
export interface LeverageTier {
	/** Leverage multiple, e.g. 10 for 10x. */
	leverage: number;
	/** Share of opened notional assigned to this tier, in percent (weights need not sum to 100; they are normalised). */
	weight: number;
	/** A disabled tier opens no positions (its share is dropped, not redistributed). */
	enabled: boolean;
}

/** An estimated forced liquidation: a level that a later candle traded through. */
export interface Liquidation {
	/** Open time (ms) of the candle that traded through the level. */
	time: number;
	/** Liquidation price of the level (USDT). */
	price: number;
	side: Side;
	/** Notional still open at the level when it was hit (USDT). */
	notional: number;
}

/**
 * The price-binned liquidation map as of one candle.
 * Bin `i` covers `[priceMin + i·binWidth, priceMin + (i+1)·binWidth)`.
 */
export interface LiquidationMap {
	/** Lower edge of bin 0 (USDT). */
	priceMin: number;
	/** Width of one bin (USDT). */
	binWidth: number;
	/** Open long notional whose liquidation price falls in each bin (USDT). */
	long: Float64Array;
	/** Open short notional whose liquidation price falls in each bin (USDT). */
	short: Float64Array;
	/** Largest single-bin value over both sides (USDT); 0 for an empty map. */
	maxBin: number;
}

/**
 * The time-evolving map: for each column (a run of `candlesPerColumn` consecutive candles), the open notional per
 * price bin at the column's last candle. Values are stored column-major: `long[column * binCount + bin]`.
 */
export interface HistoryGrid {
	/** Open time (ms) of each column's first candle. */
	columnTimes: number[];
	candlesPerColumn: number;
	priceMin: number;
	binWidth: number;
	binCount: number;
	long: Float32Array;
	short: Float32Array;
	/** Largest cell over both sides (USDT). */
	maxCell: number;
}

/** A cluster: adjacent bins of one side whose relative intensity is at or above the threshold. */
export interface Cluster {
	side: Side;
	/** Notional-weighted centre price (USDT). */
	price: number;
	/** Lower edge of the lowest bin (USDT). */
	low: number;
	/** Upper edge of the highest bin (USDT). */
	high: number;
	/** Sum of open notional in the cluster's bins (USDT). */
	notional: number;
	/** Peak bin of the cluster relative to the map's largest bin, 0–1. */
	intensity: number;
	/** Percentile rank (0–100) of the cluster's peak bin among all non-empty bins of the map. */
	percentile: number;
	/** Signed distance from the last close to `price`, in % of the last close (positive = above). */
	distancePct: number;
	/** Signed distance from the last close to `price`, in multiples of ATR(14); null before ATR is defined. */
	distanceAtr: number | null;
}

/** Running totals of the engine; `opened = open + liquidated + closed` always holds (up to rounding). */
export interface EngineTotals {
	opened: number;
	open: number;
	liquidated: number;
	closed: number;
}

/** One open-interest reading: USDT notional at `time` (ms UTC). */
export interface OpenInterestPoint {
	time: number;
	value: number;
}

/** One funding reading: `rate` per 8 h as a fraction (0.0001 = 0.01 %) at `time` (ms UTC). */
export interface FundingPoint {
	time: number;
	rate: number;
}

/** One realised liquidation print: `side` is the side liquidated; `notional` in USDT; `time` ms UTC. */
export interface RealisedLiquidation {
	time: number;
	side: Side;
	price: number;
	notional: number;
}

/**
 * The derivatives beside the candles, oldest first: what the checklist (funding, OI trend, realised spikes) and the
 * predicted-vs-realised line read. Produced in the browser by the live source's derivatives feed; null for data with
 * no derivatives (the sample, an imported file).
 */
export interface DerivativesContext {
	openInterest: OpenInterestPoint[];
	funding: FundingPoint[];
	realised: RealisedLiquidation[];
}
