/**
 * Compact storage of a candle series ("candle pack"): JSON with integer columns, delta-encoded so that most numbers
 * are small and compress well. Lossless for prices on a tick grid and volumes on a lot grid.
 *
 * Encoding (all integers; prices in ticks of `1/priceScale` USDT, volume in lots of `1/volumeScale` BTC):
 * - `t[i]`: open time of candle i minus open time of candle i−1, in ms (`t[0]` is the absolute time);
 * - `o[i]`: open − previous close (`o[0]` is the absolute open);
 * - `c[i]`: close − open;  `h[i]`: high − max(open, close);  `l[i]`: min(open, close) − low;
 * - `v[i]`: volume in lots.
 */
import type { Candle } from '../types.ts';

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

export function decodeCandlePack(pack: CandlePack): Candle[] {
	const n = pack.t.length;
	for (const column of ['o', 'h', 'l', 'c', 'v'] as const) {
		if (pack[column]?.length !== n) throw new Error(`candle pack: column "${column}" has a different length than "t"`);
	}
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
	return candles;
}
