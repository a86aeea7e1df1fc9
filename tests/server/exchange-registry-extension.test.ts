/**
 * "Adding an exchange is one adapter file plus one registry line", checked: a fourth exchange, FakeX, is added to the
 * registry line (`adapters/index.ts`, mocked here to hold the three adapters and FakeX) and nothing else is edited.
 * FakeX speaks OKX's wire format (its adapter is OKX's under another id and name), so the demo market's OKX server can
 * stand in for it. It then appears wherever the app lists or accepts exchanges: `/api/sources`, source validation, the
 * configuration (`LIQMAP_DEFAULT_SOURCE`, `LIQMAP_EXCHANGE_URL_FAKEX`, `LIQMAP_EXCHANGE_WS_URL_FAKEX`), the CLI's live
 * sources and `watch` help and refusal, the live REST sources and the stream hub.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseApiView } from '../../src/lib/server/api-params.ts';
import { sourcesApi } from '../../src/lib/server/api.ts';
import { isLiveSource } from '../../src/lib/server/cli-live.ts';
import { WATCH_HELP, watchCommand } from '../../src/lib/cli/stream-commands.ts';
import { readServerConfig } from '../../src/lib/server/config.ts';
import { DemoServers } from '../../src/lib/server/demo-market/demo-servers.ts';
import { LiveSources } from '../../src/lib/server/live-sources.ts';
import { sampleCandles } from '../../src/lib/server/sample-source.ts';
import { liquidationsApi } from '../../src/lib/server/streams/stream-api.ts';
import { readStreamConfig } from '../../src/lib/server/streams/stream-config.ts';
import { StreamHub, STREAM_CONNECTORS } from '../../src/lib/server/streams/stream-hub.ts';
import { okxAdapter } from '../../src/lib/server/adapters/okx.ts';
import { TEST_TIMEOUT_MS } from './harness.ts';
import { ManualClock } from './streams/manual-clock.ts';
import { listen, START, until } from './streams/demo-harness.ts';

vi.mock('../../src/lib/server/adapters/index.ts', async (importOriginal) => {
	const registry = await importOriginal<typeof import('../../src/lib/server/adapters/index.ts')>();
	const { okxAdapter } = await import('../../src/lib/server/adapters/okx.ts');
	return { ADAPTERS: [...registry.ADAPTERS, { ...okxAdapter, id: 'fakex', name: 'FakeX' }] };
});

const FIVE_MINUTES = 300_000;

let demo: DemoServers;
let live: LiveSources;
beforeAll(async () => {
	demo = await DemoServers.start({ bars: sampleCandles(), start: START, speed: 1, exchanges: ['okx'] });
	const server = demo.server('okx');
	const config = readServerConfig({ LIQMAP_DEFAULT_SOURCE: 'fakex', LIQMAP_EXCHANGE_URL_FAKEX: server.origin });
	live = new LiveSources({ ...config, upstreamTimeoutMs: TEST_TIMEOUT_MS });
});
afterAll(() => demo.close());

describe('a fourth exchange added by its adapter and one registry line', () => {
	it('is listed by /api/sources, between the three and the aggregate, with its display name', () => {
		const { status, body } = sourcesApi(new URL('http://x/api/sources'), live);
		expect(status).toBe(200);
		expect(body).toEqual({
			defaultSource: 'fakex',
			sources: [
				{ id: 'sample', name: 'Sample', live: false },
				{ id: 'binanceusdm', name: 'Binance', live: true },
				{ id: 'bybit', name: 'Bybit', live: true },
				{ id: 'okx', name: 'OKX', live: true },
				{ id: 'fakex', name: 'FakeX', live: true },
				{ id: 'all', name: 'All exchanges', live: true }
			]
		});
	});

	it('is accepted by the API, the CLI and the configuration, and named in their refusals', () => {
		expect(parseApiView(new URLSearchParams('source=fakex'), 'sample').source).toBe('fakex');
		expect(() => parseApiView(new URLSearchParams('source=kraken'), 'sample')).toThrow('source="kraken": expected one of sample, binanceusdm, bybit, okx, fakex, all');
		expect(isLiveSource('fakex')).toBe(true);
		expect(WATCH_HELP.split('\n')[0]).toBe('usage: liqmap watch --source binanceusdm|bybit|okx|fakex|all [--timeframe 5m|15m|1h|4h|1d] [--json]');
		const io = { out: () => {}, err: () => {} };
		expect(() => watchCommand(new Map([['source', 'kraken']]), io)).toThrow('--source "kraken": expected one of binanceusdm, bybit, okx, fakex, all (the sample has no stream)');
		expect(readServerConfig({ LIQMAP_EXCHANGE_URL_FAKEX: 'http://127.0.0.1:9/x' }).exchangeOrigins).toEqual({ fakex: 'http://127.0.0.1:9' });
		expect(() => readServerConfig({ LIQMAP_EXCHANGE_URL_FAKEX: 'https://fakex.example' })).toThrow('LIQMAP_EXCHANGE_URL_FAKEX="https://fakex.example": only a loopback http origin (127.0.0.1) is allowed');
		expect(readStreamConfig({ LIQMAP_EXCHANGE_WS_URL_FAKEX: 'ws://127.0.0.1:9' }).wsOrigins).toEqual({ fakex: 'ws://127.0.0.1:9' });
		expect(STREAM_CONNECTORS.fakex).toBe(okxAdapter.stream);
	});

	it('serves its candles over REST, with its own rate limit', async () => {
		expect(live.client('fakex').rateLimit).toBe(okxAdapter.rateLimit);
		// Market time of the demo: START (a day boundary); the last closed daily candle opened the day before.
		const { market } = await live.market('fakex', '1d', 10, START);
		expect(market.candles).toHaveLength(10);
		expect(market.candles.at(-1)?.time).toBe(START - 86_400_000);
	});

	it('streams through the hub: status, candles and prints under its id', async () => {
		const clock = new ManualClock(START);
		const hub = new StreamHub({ live, config: readStreamConfig({ LIQMAP_EXCHANGE_WS_URL_FAKEX: demo.server('okx').wsOrigin }), clock });
		try {
			const listener = listen(hub, ['fakex']);
			await until(() => listener.status()?.state === 'connected');
			expect(listener.status()).toMatchObject({ exchange: 'fakex', name: 'FakeX', notes: okxAdapter.stream.notes });
			// Candle, liquidation and funding subscriptions held by the server (the OKX wire's topics).
			await until(() => demo.server('okx').sockets.flatMap((s) => [...s.topics]).length >= 3);
			// 15-second steps, each read before the next (a jump over the stall period would count as a stall).
			for (let t = START + 15_000; t <= START + FIVE_MINUTES; t += 15_000) {
				const seen = listener.events.length;
				demo.advanceTo(t);
				clock.advanceTo(t);
				await until(() => listener.events.length > seen);
			}
			const closed = await until(() => listener.of('candle').find((c) => c.closed));
			expect(closed).toMatchObject({ exchange: 'fakex', timeframe: '5m', closed: true });
			expect(closed.candle.time).toBe(START);
			const prints = listener.of('liquidation');
			expect(prints.length).toBeGreaterThan(0);
			expect(new Set(prints.map((p) => p.exchange))).toEqual(new Set(['fakex']));
			const ring = await liquidationsApi(new URL('http://x/api/liquidations?source=fakex'), hub, live);
			expect((ring.body as { liquidations: unknown[] }).liquidations).toHaveLength(prints.length);
		} finally {
			await hub.close();
		}
	});
});
