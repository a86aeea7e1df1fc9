/**
 * The recorder against the demo market (three loopback exchanges through real ccxt, on a manual clock), on both
 * databases: it stores every print the stream passed on, the closed 5-minute candles, open interest and funding; a
 * restart stores the time it was stopped as an outage and fills candles of the gap over REST. Expected values are what
 * a second listener of the same hub received, and the demo market's own candles.
 */
import { describe, expect, it } from 'vitest';
import { restGapFill } from '../../src/lib/server/recorder/gap-fill.ts';
import { Recorder } from '../../src/lib/server/recorder/recorder.ts';
import { connected, listen, START, stepTo, until } from '../server/streams/demo-harness.ts';
import { byKey, demoFor, freshStore, skipPostgres, STORE_KINDS } from './stores.ts';

const FIVE_MINUTES = 300_000;

describe.each(STORE_KINDS)('recorder on %s against the demo market', (kind) => {
	const demo = demoFor(kind);

	it.skipIf(skipPostgres(kind))('records prints, candles, open interest and funding; a restart stores the stopped span as an outage and fills candles', async () => {
		const harness = demo();
		const store = await freshStore(kind);
		const listener = listen(harness.hub, ['bybit']);
		await connected(harness, 'bybit', listener, 3);
		const recorder = new Recorder(store, harness.hub, ['bybit'], {}, restGapFill(harness.live));
		await recorder.start();
		await stepTo(harness, START + 2 * FIVE_MINUTES, listener);
		await until(() => listener.of('candle').filter((c) => c.closed).length >= 2);
		await recorder.drain();

		const range = { from: 0, to: START + 86_400_000 };
		const seen = listener.of('liquidation');
		expect(seen.length).toBeGreaterThan(0);
		// Prints of the same millisecond come back in key order (time, side, price, amount), not arrival order.
		expect(byKey(await store.liquidations(['bybit'], range))).toEqual(byKey(seen));
		const closed = listener.of('candle').filter((c) => c.closed).map((c) => c.candle);
		// From START on, the stream's closed candles; before it, the history fetched on the first start (the demo's
		// history: one sample bar per 5 minutes, 5,000 of them ending at START).
		expect(await store.candles('bybit', '5m', { from: START, to: range.to })).toEqual(closed);
		const history = await store.candles('bybit', '5m', { from: 0, to: START - 1 });
		expect(history).toHaveLength(5000);
		expect(history.at(-1)!.time).toBe(START - FIVE_MINUTES);
		// After START, open interest and funding as streamed (before it, the history of the first start).
		const live = { from: START + 1, to: range.to };
		const oi = listener.of('openInterest').filter((p) => p.time >= live.from);
		expect(oi.length).toBeGreaterThan(0);
		expect((await store.openInterest('bybit', live)).map((p) => [p.time, p.value])).toEqual(oi.map((p) => [p.time, p.value]));
		expect((await store.funding('bybit', live)).map((f) => [f.time, f.rate])).toEqual(listener.of('funding').filter((f) => f.time >= live.from).map((f) => [f.time, f.rate]));
		expect(recorder.status()).toMatchObject({ state: 'recording', buffered: 0, dropped: { malformed: 0, duplicate: 0, overflow: 0 }, lastError: null });
		expect(recorder.status().written.liquidations).toBe(seen.length);

		// Stopped at `stoppedAt`; the market runs on 20 minutes without it.
		await recorder.stop();
		listener.stop();
		await until(() => harness.hub.status('bybit') === null);
		const stoppedAt = harness.clock.now();
		const restartAt = stoppedAt + 4 * FIVE_MINUTES;
		harness.advanceTo(restartAt);
		const again = new Recorder(store, harness.hub, ['bybit'], {}, restGapFill(harness.live));
		await again.start();
		await again.drain();
		expect(await store.outages(['bybit'], range)).toEqual([{ exchange: 'bybit', from: stoppedAt, to: restartAt, reason: 'recorder-stopped' }]);
		// Candles closed while stopped: fetched over REST, each the demo's own (REST = what the stream would have sent).
		const candles = await store.candles('bybit', '5m', range);
		const lastClosedBefore = closed.at(-1)!.time;
		const filled = candles.filter((c) => c.time > lastClosedBefore);
		const closedByRestart = Math.floor(restartAt / FIVE_MINUTES) - Math.floor(lastClosedBefore / FIVE_MINUTES) - 1;
		expect(filled.map((c) => c.time)).toEqual(Array.from({ length: closedByRestart }, (_, i) => lastClosedBefore + (i + 1) * FIVE_MINUTES));
		await again.stop();
		await store.close();
	});
});
