/**
 * Compact storage of a regular candle series ("candle pack"): JSON with integer columns, delta-encoded so that
 * most numbers are small. Lossless for prices on a tick grid and volumes on a lot grid.
 *
 * Encoding (all integers; prices in ticks of `1/priceScale` USDT, volume in lots of `1/volumeScale` BTC):
 * - `t[i]`: open time of candle i minus open time of candle i−1 in ms (t[0] is the absolute time);
 * - `o[i]`: open − previous close (o[0] is the absolute open);
 * - `c[i]`: close − open;  `h[i]`: high − max(open, close);  `l[i]`: min(open, close) − low;
 * - `v[i]`: volume in lots.
 */
import type { Candle } from './types.ts';

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

export function decodeCandlePack(pack: CandlePack): Candle[] {
	throw new Error('decodeCandlePack: not implemented yet ' + pack.symbol);
}
