/**
 * Faults of the exchange streams against the demo market, through real ccxt, on a manual clock: a dropped connection
 * (reconnect after the backoff, candles / open interest / funding of the gap fetched over REST, the gap in prints
 * marked as an outage), a stall, websockets refused (REST polling), and malformed, duplicated and out-of-order
 * messages (dropped and counted). Waits are for events, never for durations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeId } from '../../../src/lib/server/exchange-client.ts';
import { STREAM_TIMING } from '../../../src/lib/server/streams/stream-config.ts';
import { connected, listen, startDemo, stepTo, until, type DemoHarness } from './demo-harness.ts';

let harness: DemoHarness;
beforeAll(async () => {
	harness = await startDemo();
});
afterAll(() => harness.close());

const FIVE_MINUTES = 300_000;

describe('stream faults', () => {
	it.each<ExchangeId>(['bybit', 'binanceusdm', 'okx'])('%s: a dropped connection is reconnected after the backoff; the gap is filled over REST and marked as an outage', async (id) => {
		const listener = listen(harness.hub, [id]);
		await connected(harness, id, listener, 3);
		// Market time moves to the next 5-minute boundary, then one candle further, so that one candle closed.
		const base = Math.ceil((harness.clock.now() + 1) / FIVE_MINUTES) * FIVE_MINUTES;
		await stepTo(harness, base + FIVE_MINUTES, listener);
		await until(() => listener.of('candle').find((c) => c.closed && c.candle.time === base));
		const dropAt = harness.clock.now();
		const server = harness.demo.server(id);
		server.dropConnections();
		const reconnecting = await until(() => listener.of('status').find((s) => s.state === 'reconnecting'));
		// The first retry waits backoffMs[0] = 1 s (stream-config.ts).
		expect(reconnecting.reason).toMatch(/reconnecting in 1 s/);
		expect(reconnecting.outages).toEqual([{ exchange: id, from: dropAt, to: null }]);

		// 20 minutes pass without a connection (the demo's socket is gone, nothing reaches the stream).
		const back = base + 5 * FIVE_MINUTES;
		harness.demo.advanceTo(back);
		harness.clock.advanceTo(back);
		const status = await until(() => listener.of('status').findLast((s) => s.state === 'connected' && s.outages.length === 1));
		expect(status.outages).toEqual([{ exchange: id, from: dropAt, to: back }]);

		// Candles closed during the gap come over REST, marked filled: base+5, +10, +15 and +20 minutes (closed by +25).
		await until(() => listener.of('candle').filter((c) => c.filled).length >= 4);
		const filled = listener.of('candle').filter((c) => c.filled);
		expect(filled.map((c) => [c.candle.time, c.closed])).toEqual([1, 2, 3, 4].map((k) => [base + k * FIVE_MINUTES, true]));
		const expected = harness.demo.markets[id]!.candle(base + FIVE_MINUTES, FIVE_MINUTES, back)!;
		expect(filled[0].candle).toMatchObject({ time: expected.time, open: expected.open, high: expected.high, low: expected.low, close: expected.close });
		// Open interest of the gap (5-minute samples over REST, the last one a period before now) and the funding in
		// force, marked filled.
		await until(() => listener.of('funding').find((f) => f.filled));
		expect(listener.of('openInterest').filter((o) => o.filled).map((o) => o.time)).toEqual([2, 3, 4].map((k) => base + k * FIVE_MINUTES));

		// Prints of the gap happened on the demo exchange but cannot be fetched: none is passed on, the outage says so.
		const missed = harness.demo.markets[id]!.printsBetween(dropAt, back);
		expect(missed.length).toBeGreaterThan(0);
		expect(listener.of('liquidation').filter((p) => p.time > dropAt && p.time <= back)).toEqual([]);
		expect(harness.hub.outages([id]).at(-1)).toEqual({ exchange: id, from: dropAt, to: back });
		listener.stop();
		await until(() => server.sockets.length === 0);
	});

	it('a stalled stream (no message for stallMs) is reconnected', async () => {
		const listener = listen(harness.hub, ['okx']);
		await connected(harness, 'okx', listener, 3);
		const server = harness.demo.server('okx');
		const opened = server.socketsOpened;
		server.muted = true;
		const stalled = harness.clock.now() + STREAM_TIMING.stallMs + STREAM_TIMING.stallCheckMs;
		harness.advanceTo(stalled);
		const status = await until(() => listener.of('status').find((s) => s.state === 'reconnecting'));
		expect(status.reason).toMatch(/no message for 60 s \(stalled\)/);
		server.muted = false;
		harness.advanceTo(stalled + 15_000);
		await until(() => listener.of('status').findLast((s) => s.state === 'connected' && s.outages.length === 1));
		expect(server.socketsOpened).toBeGreaterThan(opened);
		listener.stop();
		await until(() => server.sockets.length === 0);
	});

	it('websockets refused: falls back to REST polling, and the status says so', async () => {
		const server = harness.demo.server('binanceusdm');
		server.refuseWebsockets = true;
		const listener = listen(harness.hub, ['binanceusdm']);
		const polling = await until(() => listener.of('status').find((s) => s.state === 'polling'));
		expect(polling.reason).toMatch(/^websocket unavailable \(.*403.*\): polling REST every 15 s; liquidation prints are not available over REST$/);
		await until(() => listener.of('candle').length > 0 && listener.of('funding').length > 0 && listener.of('openInterest').length > 0);
		const before = server.count('/fapi/v1/klines');
		harness.advanceTo(harness.clock.now() + STREAM_TIMING.pollMs);
		await until(() => server.count('/fapi/v1/klines') > before);
		expect(listener.of('liquidation')).toEqual([]);
		// Websockets are tried again after wsRetryMs (5 minutes): accepted now, the stream connects.
		server.refuseWebsockets = false;
		const opened = server.socketsOpened;
		harness.advanceTo(harness.clock.now() + STREAM_TIMING.wsRetryMs);
		await until(() => listener.status()?.state === 'connected');
		expect(server.socketsOpened).toBeGreaterThan(opened);
		listener.stop();
	});

	it('malformed, duplicated and out-of-order messages are dropped and counted', async () => {
		const listener = listen(harness.hub, ['bybit']);
		await connected(harness, 'bybit', listener, 3);
		const now = harness.clock.now();
		await stepTo(harness, now + 30_000, listener);
		// Counted from here (an earlier test may have run the demo past the sample's end, where the halted market repeats
		// its forming candle: duplicates too).
		const before = listener.status()!.dropped;
		const socket = harness.demo.server('bybit').sockets[0];
		const candles = listener.of('candle').length;
		const prints = listener.of('liquidation').length;
		const print = { topic: 'allLiquidation.BTCUSDT', type: 'snapshot', ts: now + 31_000, data: [{ T: now + 31_000, s: 'BTCUSDT', S: 'Buy', v: '0.500', p: '90000.0' }] };
		socket.send('this is not JSON');
		socket.send({ topic: 'kline.5.BTCUSDT', type: 'snapshot', ts: now, data: [{ start: now, open: 'abc', close: '1', high: '1', low: '1', volume: '1', confirm: false }] });
		socket.send(print);
		socket.send(print);
		const old = { start: now - 10 * FIVE_MINUTES, end: now, interval: '5', open: '90000', close: '90000', high: '90000', low: '90000', volume: '1', turnover: '1', confirm: false, timestamp: now };
		socket.send({ topic: 'kline.5.BTCUSDT', type: 'snapshot', ts: now, data: [old] });
		const status = await until(() => listener.of('status').find((s) => s.dropped.outOfOrder === before.outOfOrder + 1));
		expect(status.dropped).toEqual({ malformed: before.malformed + 2, duplicate: before.duplicate + 1, outOfOrder: before.outOfOrder + 1 });
		expect(listener.of('liquidation').slice(prints)).toEqual([{ time: now + 31_000, exchange: 'bybit', side: 'long', price: 90000, amount: 0.5, notional: 45000 }]);
		expect(listener.of('candle').length).toBe(candles);
		listener.stop();
	});
});
