/**
 * The embedded sample (real Bybit BTCUSDT perpetual, 90 days of 5-minute candles, `static/data/`), decoded once per
 * process. Bundled into the server build as JSON so it needs neither the network nor a particular working directory.
 * Candle units: see `core/types.ts` (ms open time, USDT prices, BTC volume).
 */
import { decodeCandlePack, type CandlePack } from '../core/market/candle-pack.ts';
import { resampleToTimeframe, TIMEFRAME_MS } from '../core/market/resample.ts';
import type { Candle, Timeframe } from '../core/types.ts';
import samplePack from '../../../static/data/bybit-btcusdt-perp-5m.json';

export const SAMPLE_NAME = 'Embedded sample (Bybit BTCUSDT perpetual)';
export const SAMPLE_SYMBOL = 'BTC/USDT:USDT';
const SAMPLE_BASE_MS = TIMEFRAME_MS['5m'];

let decoded: Candle[] | null = null;
/** The sample resampled per timeframe, built once: `/api/candles?source=sample` does no resampling per request. */
const resampled = new Map<Timeframe, Candle[]>();

/** The sample's 5-minute candles, oldest first. */
export function sampleCandles(): Candle[] {
	decoded ??= decodeCandlePack(samplePack as unknown as CandlePack);
	return decoded;
}

/** The last `limit` complete candles of the sample at `timeframe` (resampled on UTC boundaries). */
export function sampleCandlesAt(timeframe: Timeframe, limit: number): Candle[] {
	let candles = resampled.get(timeframe);
	if (!candles) resampled.set(timeframe, (candles = resampleToTimeframe(sampleCandles(), timeframe, SAMPLE_BASE_MS)));
	return candles.slice(-limit);
}
