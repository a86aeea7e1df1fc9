/**
 * Compact storage of a candle series ("candle pack"): JSON with integer columns, delta-encoded so that most numbers
 * are small and compress well. Lossless for prices on a tick grid and volumes on a lot grid.
 *
 * Encoding (all integers; prices in ticks of `1/priceScale` USDT, volume in lots of `1/volumeScale` BTC):
 * - `t[i]`: open time of candle i minus open time of candle i−1, in ms (`t[0]` is the absolute time);
 * - `o[i]`: open − previous close (`o[0]` is the absolute open);
 * - `c[i]`: close − open;  `h[i]`: high − max(open, close);  `l[i]`: min(open, close) − low;
 * - `v[i]`: volume in lots.
 *
 * Decoding checks the pack's shape first (scales positive and finite, columns of finite integers of one length, at most
 * `MAX_CANDLES`), then the decoded candles pass the same rules as a CSV or an exchange's answer (`candle-validation.ts`).
 */
import type { Candle } from '../types.ts';
import { MAX_CANDLES, quoteValue, validateCandles, type CandleCheckOptions } from './candle-validation.ts';

export interface CandlePack {
	symbol: string;
	exchange: string;
	timeframe: string;
	priceScale: number;
	volumeScale: number;
	t: number[];
	o: number[];
	h: number[];
	l: number[];
	c: number[];
	v: number[];
}

export interface CandlePackMeta {
	symbol: string;
	exchange: string;
	timeframe: string;
	priceScale: number;
	volumeScale: number;
}

export function encodeCandlePack(candles: readonly Candle[], meta: CandlePackMeta): CandlePack {
	const pack: CandlePack = { ...meta, t: [], o: [], h: [], l: [], c: [], v: [] };
	const tick = (price: number) => {
		const ticks = Math.round(price * meta.priceScale);
		if (Math.abs(ticks / meta.priceScale - price) > 1e-9 * Math.max(1, Math.abs(price)))
			throw new Error(`price ${price} is not on a grid of 1/${meta.priceScale}`);
		return ticks;
	};
	let previousTime = 0;
	let previousClose = 0;
	for (const candle of candles) {
		const open = tick(candle.open);
		const close = tick(candle.close);
		pack.t.push(candle.time - previousTime);
		pack.o.push(open - previousClose);
		pack.c.push(close - open);
		pack.h.push(tick(candle.high) - Math.max(open, close));
		pack.l.push(Math.min(open, close) - tick(candle.low));
		pack.v.push(Math.round(candle.volume * meta.volumeScale));
		previousTime = candle.time;
		previousClose = close;
	}
	return pack;
}

function checkPackShape(pack: unknown): asserts pack is CandlePack {
	if (typeof pack !== 'object' || pack === null || Array.isArray(pack)) throw new Error('candle pack: expected a JSON object');
	const fields = pack as Record<string, unknown>;
	for (const scale of ['priceScale', 'volumeScale'] as const) {
		const value = fields[scale];
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
			throw new Error(`candle pack: "${scale}" must be a positive number, got ${quoteValue(String(value))}`);
	}
	const t = fields.t;
	if (!Array.isArray(t)) throw new Error('candle pack: column "t" must be a list');
	if (t.length > MAX_CANDLES) throw new Error(`candle pack: ${t.length} candles, more than the limit of ${MAX_CANDLES.toLocaleString('en-US')}`);
	for (const column of ['t', 'o', 'h', 'l', 'c', 'v'] as const) {
		const values = fields[column];
		if (!Array.isArray(values) || values.length !== t.length) throw new Error(`candle pack: column "${column}" has a different length than "t"`);
		const bad = values.findIndex((value) => !Number.isSafeInteger(value));
		if (bad >= 0) throw new Error(`candle pack: column "${column}" entry ${bad + 1} is ${quoteValue(String(values[bad]))}, not a whole number`);
	}
}

/** Decodes and validates a pack; throws naming the field or the candle (1-based) and the problem. */
export function decodeCandlePack(pack: CandlePack, options: CandleCheckOptions = {}): Candle[] {
	checkPackShape(pack);
	const n = pack.t.length;
	const candles: Candle[] = new Array(n);
	let time = 0;
	let close = 0;
	for (let i = 0; i < n; i++) {
		time += pack.t[i];
		const open = close + pack.o[i];
		close = open + pack.c[i];
		candles[i] = {
			time,
			open: open / pack.priceScale,
			high: (Math.max(open, close) + pack.h[i]) / pack.priceScale,
			low: (Math.min(open, close) - pack.l[i]) / pack.priceScale,
			close: close / pack.priceScale,
			volume: pack.v[i] / pack.volumeScale
		};
	}
	validateCandles(candles, options);
	return candles;
}
