/**
 * The server's exchange streams through real ccxt (`ccxt.pro` classes) against the demo market, for each exchange:
 * candles (forming and closed), liquidation prints, open interest and funding, one upstream connection whatever the
 * number of listeners. Expected numbers come from the sample itself (`static/data/bybit-btcusdt-perp-5m.json`, the
 * demo's path: see `sample-path.ts`) or from the demo market's own record of what it sent (`DemoMarket`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeId } from '../../../src/lib/server/exchange-client.ts';
import { sampleCandles } from '../../../src/lib/server/sample-source.ts';
import { connected, listen, OFFSET, START, START_BAR, startDemo, stepTo, until, type DemoHarness } from './demo-harness.ts';

let harness: DemoHarness;
beforeAll(async () => {
	harness = await startDemo();
});
afterAll(() => harness.close());

const FIVE_MINUTES = 300_000;
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The demo's first replayed 5-minute candle at speed 1 bar/s: sample bars START_BAR … START_BAR + 299, closing at
 * the open of bar START_BAR + 300 (the path walks each bar open → extremes → close, then the next bar's open). */
function expectedFirstCandle(offset: number) {
	const bars = sampleCandles().slice(START_BAR, START_BAR + 300);
	return {
		time: START,
		open: round1(bars[0].open + offset),
		high: round1(Math.max(...bars.map((b) => b.high)) + offset),
		low: round1(Math.min(...bars.map((b) => b.low)) + offset),
		close: round1(sampleCandles()[START_BAR + 300].open + offset)
	};
}

describe.each<[ExchangeId, number]>([
	['bybit', 0],
	['binanceusdm', 1],
	['okx', 2]
])('%s stream through ccxt against the demo market', (id, index) => {
	const base = START + index * 2 * FIVE_MINUTES;

	it('passes on the closed candle, every print, open interest and funding', async () => {
		harness.advanceTo(base);
		const listener = listen(harness.hub, [id]);
		await connected(harness, id, listener, 3);
		const socketsOpened = harness.demo.server(id).socketsOpened;
		// A second listener shares the same upstream connection.
		const second = listen(harness.hub, [id]);
		await stepTo(harness, base + FIVE_MINUTES, listener);
		await until(() => listener.of('candle').find((c) => c.closed));
		expect(harness.demo.server(id).socketsOpened).toBe(socketsOpened);

		const closed = listener.of('candle').filter((c) => c.closed);
		expect(closed).toHaveLength(1);
		if (index === 0) expect(closed[0].candle).toMatchObject(expectedFirstCandle(OFFSET[id]));
		else expect(closed[0].candle.time).toBe(base);

		// Prints: what the demo's traders were liquidated for, as the exchange sends them (Binance: the last print of
		// each second only; OKX: amounts in whole contracts of 0.01 BTC).
		const market = harness.demo.markets[id]!;
		let sent = market.printsBetween(base, base + FIVE_MINUTES);
		if (id === 'binanceusdm') sent = [...new Map(sent.map((p) => [Math.floor(p.time / 1000), p])).values()];
		expect(sent.length).toBeGreaterThan(0);
		const amount = (a: number) => (id === 'okx' ? Math.max(1, Math.round(a / 0.01)) * 0.01 : a);
		await until(() => listener.of('liquidation').length >= sent.length);
		expect(listener.of('liquidation').map((p) => [p.time, p.side, p.price, round3(p.amount)])).toEqual(sent.map((p) => [p.time, p.side, p.price, round3(amount(p.amount))]));
		for (const print of listener.of('liquidation')) expect(print.notional).toBeCloseTo(print.price * print.amount, 1);
		expect(second.of('liquidation')).toEqual(listener.of('liquidation'));

		// Funding: the demo's rate at the time of the message.
		const funding = listener.of('funding');
		expect(funding.length).toBeGreaterThan(0);
		for (const f of funding) {
			expect(f.rate).toBeCloseTo(market.funding(f.time).rate, 8);
			expect(f.nextFundingTime).toBe(Date.UTC(2026, 0, 10, 8));
		}

		// Open interest. Bybit: the ticker's openInterestValue (USDT); OKX: polled, oiUsd: both the demo's notional at
		// that time, to the cent. Binance: polled in BTC and valued at the last price the stream had seen, which is the
		// close of one of the candles passed on (which one depends on arrival order): the implied price lies within them.
		await until(() => listener.of('openInterest').length > 0);
		const oi = listener.of('openInterest')[0];
		const sample = market.openInterest(oi.time)!;
		if (id === 'binanceusdm') {
			const candles = listener.of('candle').map((c) => c.candle);
			const price = oi.value / sample.amount;
			expect(price).toBeGreaterThanOrEqual(Math.min(...candles.map((c) => c.low)) * 0.9999);
			expect(price).toBeLessThanOrEqual(Math.max(...candles.map((c) => c.high)) * 1.0001);
		} else expect(oi.value).toBeCloseTo(sample.notional, 1);

		second.stop();
		listener.stop();
		await until(() => harness.demo.server(id).sockets.length === 0);
		expect(harness.hub.status(id)).toBeNull();
	});
});

const round3 = (value: number) => Math.round(value * 1000) / 1000;
