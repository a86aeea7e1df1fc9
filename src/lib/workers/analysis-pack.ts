/**
 * How an `Analysis` crosses between the analysis worker and the page: every long array travels as a typed array whose
 * buffer is TRANSFERRED (moved, not copied): the candles as six columns, RSI and volume SMA with NaN for "not yet
 * defined", the liquidations as columns, the map bins, the history grid and the per-candle liquidation series. What is
 * left (clusters, zones, structure events, divergences: tens to hundreds of small objects) goes by structured clone.
 *
 * `packAnalysis` runs in the worker, `unpackAnalysis` on the page; unpacking rebuilds the object arrays the chart and
 * the checklist read (a few ms for 26k candles), so the rest of the app keeps using `Analysis` unchanged.
 */
import type { Analysis } from '$lib/core/analysis/analyze.ts';
import type { Candle, Liquidation } from '$lib/core/types.ts';

/** OHLCV as columns: open time (ms UTC), prices (USDT), volume (BTC). */
export interface CandleColumns {
	time: Float64Array;
	open: Float64Array;
	high: Float64Array;
	low: Float64Array;
	close: Float64Array;
	volume: Float64Array;
}

export interface LiquidationColumns {
	time: Float64Array;
	price: Float64Array;
	/** 0 = long, 1 = short. */
	side: Uint8Array;
	notional: Float64Array;
}

type PackedHistory = Omit<NonNullable<Analysis['history']>, 'columnTimes'> & { columnTimes: Float64Array };

export type PackedAnalysis = Omit<Analysis, 'candles' | 'rsi' | 'volumeSma' | 'liquidations' | 'history'> & {
	candles: CandleColumns;
	rsi: Float64Array;
	volumeSma: Float64Array;
	liquidations: LiquidationColumns;
	history: PackedHistory | null;
};

export function candlesToColumns(candles: readonly Candle[]): CandleColumns {
	const n = candles.length;
	const columns: CandleColumns = {
		time: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
	for (let i = 0; i < n; i++) {
		const c = candles[i];
		columns.time[i] = c.time;
		columns.open[i] = c.open;
		columns.high[i] = c.high;
		columns.low[i] = c.low;
		columns.close[i] = c.close;
		columns.volume[i] = c.volume;
	}
	return columns;
}

export function columnsToCandles(columns: CandleColumns): Candle[] {
	const n = columns.time.length;
	const candles: Candle[] = new Array(n);
	for (let i = 0; i < n; i++) {
		candles[i] = {
			time: columns.time[i],
			open: columns.open[i],
			high: columns.high[i],
			low: columns.low[i],
			close: columns.close[i],
			volume: columns.volume[i]
		};
	}
	return candles;
}

const toNaN = (values: readonly (number | null)[]) => Float64Array.from(values, (v) => (v === null ? NaN : v));
const fromNaN = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

function liquidationsToColumns(list: readonly Liquidation[]): LiquidationColumns {
	const n = list.length;
	const columns = { time: new Float64Array(n), price: new Float64Array(n), side: new Uint8Array(n), notional: new Float64Array(n) };
	list.forEach((l, i) => {
		columns.time[i] = l.time;
		columns.price[i] = l.price;
		columns.side[i] = l.side === 'long' ? 0 : 1;
		columns.notional[i] = l.notional;
	});
	return columns;
}

function columnsToLiquidations(columns: LiquidationColumns): Liquidation[] {
	return Array.from(columns.time, (time, i) => ({
		time,
		price: columns.price[i],
		side: columns.side[i] === 0 ? ('long' as const) : ('short' as const),
		notional: columns.notional[i]
	}));
}

/** A typed array that owns its whole buffer (so transferring it moves nothing else); copies a view on a larger one. */
function owned<T extends Float64Array | Float32Array | Uint8Array>(array: T): T {
	return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : (array.slice() as T);
}

/** The packed analysis and the buffers to transfer with it (each listed once). */
export function packAnalysis(analysis: Analysis): { packed: PackedAnalysis; transfer: ArrayBuffer[] } {
	const { history } = analysis;
	const packed: PackedAnalysis = {
		...analysis,
		candles: candlesToColumns(analysis.candles),
		rsi: toNaN(analysis.rsi),
		volumeSma: toNaN(analysis.volumeSma),
		liquidations: liquidationsToColumns(analysis.liquidations),
		map: { ...analysis.map, long: owned(analysis.map.long), short: owned(analysis.map.short) },
		liquidationSeries: { long: owned(analysis.liquidationSeries.long), short: owned(analysis.liquidationSeries.short) },
		history: history
			? { ...history, columnTimes: Float64Array.from(history.columnTimes), long: owned(history.long), short: owned(history.short) }
			: null
	};
	const arrays = [
		...Object.values(packed.candles),
		...Object.values(packed.liquidations),
		packed.rsi,
		packed.volumeSma,
		packed.map.long,
		packed.map.short,
		packed.liquidationSeries.long,
		packed.liquidationSeries.short,
		...(packed.history ? [packed.history.columnTimes, packed.history.long, packed.history.short] : [])
	] as (Float64Array | Float32Array | Uint8Array)[];
	const transfer = [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
	return { packed, transfer };
}

/**
 * The analysis back as objects. `previous` (the analysis unpacked before): its candle, RSI and volume-SMA arrays are
 * kept when the packed columns hold the same values, as after a model or weight change, which spares rebuilding tens
 * of thousands of objects (and collecting the garbage) and lets the chart see at once that its series did not change.
 */
export function unpackAnalysis(packed: PackedAnalysis, previous: Analysis | null = null): Analysis {
	return {
		...packed,
		candles: previous && sameCandles(previous.candles, packed.candles) ? previous.candles : columnsToCandles(packed.candles),
		rsi: previous && sameValues(previous.rsi, packed.rsi) ? previous.rsi : fromNaN(packed.rsi),
		volumeSma: previous && sameValues(previous.volumeSma, packed.volumeSma) ? previous.volumeSma : fromNaN(packed.volumeSma),
		liquidations: columnsToLiquidations(packed.liquidations),
		history: packed.history ? { ...packed.history, columnTimes: Array.from(packed.history.columnTimes) } : null
	};
}

function sameCandles(candles: readonly Candle[], columns: CandleColumns): boolean {
	if (candles.length !== columns.time.length) return false;
	for (let i = 0; i < candles.length; i++) {
		const c = candles[i];
		if (
			c.time !== columns.time[i] ||
			c.open !== columns.open[i] ||
			c.high !== columns.high[i] ||
			c.low !== columns.low[i] ||
			c.close !== columns.close[i] ||
			c.volume !== columns.volume[i]
		)
			return false;
	}
	return true;
}

/** The same values, a null matching a packed NaN. */
function sameValues(values: readonly (number | null)[], packed: Float64Array): boolean {
	if (values.length !== packed.length) return false;
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		if (value === null ? !Number.isNaN(packed[i]) : value !== packed[i]) return false;
	}
	return true;
}
