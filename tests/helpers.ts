import { readFileSync } from 'node:fs';
import { decodeCandlePack, type CandlePack } from '../src/lib/core/market/candle-pack.ts';
import { expect } from 'vitest';
import { CandleDataError, parseCandlesCsv, type CandleCheckOptions } from '../src/lib/core/market/candle-parse.ts';
import type { Candle } from '../src/lib/core/types.ts';

/** The embedded dataset: Bybit BTCUSDT perpetual, 25,920 real 5-minute candles (../shared/data, packed losslessly). */
export function embeddedCandles(): Candle[] {
	const pack = JSON.parse(readFileSync(new URL('../static/data/bybit-btcusdt-perp-5m.json', import.meta.url), 'utf8'));
	return decodeCandlePack(pack as CandlePack);
}

/** Bybit's own candles of the same market (copied from ../shared/data). */
export function fixtureCandles(name: 'bybit-btcusdt-perp-15m.csv' | 'bybit-btcusdt-perp-60m.csv'): Candle[] {
	return parseCandlesCsv(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')).candles;
}

export const HOUR = 3_600_000;

/** A candle at hour `i` (ms from 2025-01-01T00:00Z), for hand-made cases. */
export function candle(i: number, open: number, high: number, low: number, close: number, volume = 1): Candle {
	return { time: Date.UTC(2025, 0, 1) + i * HOUR, open, high, low, close, volume };
}

/** The message `parseCandlesCsv` refuses `text` with (a `CandleDataError`); the test fails if the text is accepted. */
export function csvRefusal(text: string, options?: CandleCheckOptions): string {
	try {
		parseCandlesCsv(text, options);
	} catch (error) {
		expect(error).toBeInstanceOf(CandleDataError);
		return (error as Error).message;
	}
	throw new Error('expected the input to be refused');
}
