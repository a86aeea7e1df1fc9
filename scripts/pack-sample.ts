/**
 * Packs the shared Bybit 5m CSV into the app's compact embedded dataset (static/data/…json).
 * Usage: npm run pack-sample [-- path/to/bybit-btcusdt-perp-5m.csv]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeCandlePack } from '../src/lib/core/market/candle-pack.ts';
import { parseCandlesCsv } from '../src/lib/core/market/candle-parse.ts';

const source = process.argv[2] ?? '../shared/data/bybit-btcusdt-perp-5m.csv';
const target = 'static/data/bybit-btcusdt-perp-5m.json';
const parsed = parseCandlesCsv(readFileSync(source, 'utf8'));
const pack = encodeCandlePack(parsed.candles, {
	symbol: 'BTCUSDT',
	exchange: 'Bybit',
	timeframe: '5m',
	priceScale: 10,
	volumeScale: 1000
});
writeFileSync(target, JSON.stringify(pack));
console.log(`${target}: ${parsed.candles.length} candles, ${parsed.gaps.length} gaps`);
