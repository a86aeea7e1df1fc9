/**
 * The three exchange adapters through ccxt against loopback servers speaking each exchange's wire format:
 * pagination by `since` over several pages, the forming candle split off, duplicated and out-of-order rows cleaned
 * before validation, open interest converted to USDT notional, markets loaded once. Expected candle values come from
 * the same synthetic market the servers serve (`loopback/synthetic-market.ts`), to the 0.1 USDT the wire carries.
 */
import { describe, expect, it } from 'vitest';
import { cleanCandleRows } from '../../src/lib/server/live-market.ts';
import { UpstreamError } from '../../src/lib/server/upstream-error.ts';
import { useHarness } from './harness.ts';
import { candleAt, openInterestAt } from './loopback/synthetic-market.ts';

const FIVE_MINUTES = 300_000;
/** Per exchange: candle path on the wire, markets path, candles per page, price offset of its synthetic market. */
const EXCHANGES = [
	{ id: 'binanceusdm', klines: '/fapi/v1/klines', markets: '/fapi/v1/exchangeInfo', page: 1000, offset: 0 },
	{ id: 'bybit', klines: '/v5/market/kline', markets: '/v5/market/instruments-info', page: 1000, offset: 12 },
	{ id: 'okx', klines: '/api/v5/market/', markets: '/api/v5/public/instruments', page: 100, offset: -9 }
] as const;

const harness = useHarness();

describe.each(EXCHANGES)('$id adapter', ({ id, klines, markets, page, offset }) => {
	it('pages by since over several requests and returns the last N closed candles, 5 minutes apart', async () => {
		const live = harness.fresh();
		// A length the app fetches (7 days of 5m candles, `series-sizes.ts`), so it is fetched as asked.
		const count = 2016;
		const { market } = await live.market(id, '5m', count);
		const server = harness.servers[id];
		expect(market.candles).toHaveLength(count);
		// 2,016 closed candles and the forming one: 3 pages of 1,000 (Binance, Bybit) or 21 of 100 (OKX); one more
		// when a candle closes during the fetch.
		expect(server.count(klines)).toBeGreaterThanOrEqual(Math.ceil((count + 1) / page));
		expect(server.count(klines)).toBeLessThanOrEqual(Math.ceil((count + 1) / page) + 1);
		for (let i = 1; i < market.candles.length; i++) expect(market.candles[i].time - market.candles[i - 1].time).toBe(FIVE_MINUTES);
		const last = market.candles[market.candles.length - 1];
		expect(last.time + FIVE_MINUTES).toBeLessThanOrEqual(market.fetchedAt);
		// The newest closed candle at the fetch's time: the one before the forming candle.
		expect(last.time + 2 * FIVE_MINUTES).toBeGreaterThan(market.fetchedAt);
		const expected = candleAt(last.time, FIVE_MINUTES, offset);
		expect(last).toMatchObject({ open: expected.open, high: expected.high, low: expected.low, close: expected.close });
		expect(last.volume).toBeCloseTo(expected.volume, 1);
		if (market.forming) expect(market.forming.time).toBe(last.time + FIVE_MINUTES);
		expect(server.count(markets)).toBeGreaterThanOrEqual(1);
	});

	it('loads the markets once per process', async () => {
		const live = harness.fresh();
		await live.market(id, '1h', 50);
		const loads = harness.servers[id].count(markets);
		await live.market(id, '4h', 30);
		await live.market(id, '1h', 60);
		expect(harness.servers[id].count(markets)).toBe(loads);
	});

	it.each(['duplicates', 'out-of-order'] as const)('cleans %s rows (de-duplicated, sorted) to the same candles', async (fault) => {
		const clean = (await harness.fresh().market(id, '1h', 90)).market.candles;
		const live = harness.fresh();
		harness.servers[id].faults = [{ fault, path: klines }];
		const { market } = await live.market(id, '1h', 90);
		expect(market.candles.map((c) => c.time)).toEqual(clean.map((c) => c.time));
		expect(market.candles.map((c) => c.close)).toEqual(clean.map((c) => c.close));
	});

	it('reads open interest as USDT notional over the candles', async () => {
		const { market } = await harness.fresh().market(id, '1h', 48);
		expect(market.openInterest.length).toBeGreaterThan(24);
		const point = market.openInterest[market.openInterest.length - 1];
		// Binance and OKX send USDT/USD notional; Bybit sends BTC, multiplied by the candle close (within ~1 %).
		expect(point.notional / openInterestAt(point.time, offset).notional).toBeCloseTo(1, 1);
		expect(point.time).toBeGreaterThanOrEqual(market.candles[0].time);
	});
});

describe('open-interest coverage', () => {
	it('says so when the exchange keeps less open interest than the candles cover (Binance: 30 days)', async () => {
		const { market } = await harness.fresh().market('binanceusdm', '1d', 60);
		expect(market.candles).toHaveLength(60);
		expect(market.openInterest[0].time).toBeGreaterThan(market.candles[0].time + 20 * 86_400_000);
		expect(market.openInterestNote).toMatch(/^Binance open interest starts \d{4}-\d\d-\d\d \d\d:\d\d UTC, after the first candle$/);
	});
});

describe('cleanCandleRows', () => {
	it('refuses an invalid row with the line and the reason, naming the exchange', () => {
		const rows = [
			[1_700_000_000_000, 100, 110, 90, 105, 1],
			[1_700_000_300_000, 105, 104, 95, 100, 1]
		];
		expect(() => cleanCandleRows(rows, 'Bybit')).toThrow(UpstreamError);
		expect(() => cleanCandleRows(rows, 'Bybit')).toThrow('Bybit sent invalid candles: line 2: high 104 is below open 105');
	});

	it('keeps the last copy of a repeated candle (the freshest) and sorts oldest first', () => {
		const rows = [
			[1_700_000_300_000, 105, 106, 95, 100, 1],
			[1_700_000_000_000, 100, 110, 90, 105, 1],
			[1_700_000_300_000, 105, 107, 95, 101, 2]
		];
		expect(cleanCandleRows(rows, 'OKX')).toEqual([
			{ time: 1_700_000_000_000, open: 100, high: 110, low: 90, close: 105, volume: 1 },
			{ time: 1_700_000_300_000, open: 105, high: 107, low: 95, close: 101, volume: 2 }
		]);
	});
});
