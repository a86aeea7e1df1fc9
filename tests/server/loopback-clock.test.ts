/**
 * The loopback market runs on its injected clock (`setLoopbackClock`), not the wall clock: at a fixed "now" its answers are the
 * same whenever the test runs (the last closed 1h candle, its prices from `priceAt`, the forming one cut at "now").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binanceRoutes } from './loopback/binance-wire.ts';
import { LoopbackExchange } from './loopback/exchange-server.ts';
import { candleAt, clockFrom, setLoopbackClock } from './loopback/synthetic-market.ts';

const HOUR = 3_600_000;
/** 2026-01-01 10:30:00 UTC: half-way through the 10:00 hour. */
const NOW = Date.UTC(2026, 0, 1, 10, 30);

describe('loopback market clock', () => {
	let exchange: LoopbackExchange;
	beforeAll(async () => {
		exchange = await LoopbackExchange.start(binanceRoutes);
		setLoopbackClock(() => NOW);
	});
	afterAll(async () => {
		setLoopbackClock(null);
		await exchange.close();
	});

	it('serves candles up to the injected now, the last one still forming', async () => {
		const rows = (await (await fetch(`${exchange.origin}/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=3`)).json()) as unknown[][];
		expect(rows.map((row) => new Date(row[0] as number).toISOString())).toEqual([
			'2026-01-01T08:00:00.000Z',
			'2026-01-01T09:00:00.000Z',
			'2026-01-01T10:00:00.000Z' // forming: opened at 10:00, "now" is 10:30
		]);
		// The 09:00 candle as synthetic-market.ts defines it (Binance's price offset is 0, binance-wire.ts), to the 0.1 USDT sent.
		const closed = candleAt(Date.UTC(2026, 0, 1, 9), HOUR);
		expect(rows[1].slice(1, 5)).toEqual([closed.open, closed.high, closed.low, closed.close].map((price) => price.toFixed(1)));
		// The forming candle is cut at 10:30: its close is the price at that moment.
		expect(rows[2][4]).toBe(candleAt(Date.UTC(2026, 0, 1, 10), HOUR, 0, NOW).close.toFixed(1));
		const again = (await (await fetch(`${exchange.origin}/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=3`)).json()) as unknown[][];
		expect(again).toEqual(rows);
	});

	it('clockFrom starts at the given time and runs at the pace of the clock it reads', () => {
		let wall = 1_000;
		const clock = clockFrom(NOW, () => wall);
		expect(clock()).toBe(NOW);
		wall += 60_000;
		expect(clock()).toBe(NOW + 60_000);
	});
});
