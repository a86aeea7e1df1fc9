/**
 * `/api/stream` (Server-Sent Events read with a stream reader), `/api/liquidations` and `/api/derivatives` over the
 * demo market, through the same handlers the routes call; refusals as the other JSON routes word them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivativesApi, liquidationsApi, streamApi } from '../../../src/lib/server/streams/stream-api.ts';
import { START, startDemo, stepTo, until, type DemoHarness } from './demo-harness.ts';

let harness: DemoHarness;
beforeAll(async () => {
	harness = await startDemo();
});
afterAll(() => harness.close());

const api = (path: string) => new URL(path, 'http://localhost');

interface SseEvent {
	event: string;
	data: unknown;
}

/** Reads Server-Sent Events from a response body as they arrive. */
function readEvents(response: Response) {
	const events: SseEvent[] = [];
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	const done = (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return;
			buffer += decoder.decode(value, { stream: true });
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const event = /^event: (.*)$/m.exec(block)?.[1];
				const data = /^data: (.*)$/m.exec(block)?.[1];
				if (event && data) events.push({ event, data: JSON.parse(data) });
			}
		}
	})();
	return { events, done, cancel: () => reader.cancel() };
}

describe('GET /api/stream', () => {
	it('streams status, candles, prints, open interest and funding as Server-Sent Events', async () => {
		const response = (await streamApi(api('/api/stream?source=bybit&timeframe=5m'), null, harness.hub, harness.live)) as Response;
		expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
		expect(response.headers.get('cache-control')).toBe('no-store');
		const sse = readEvents(response);
		await until(() => sse.events.find((e) => e.event === 'status' && (e.data as { state: string }).state === 'connected'));
		await until(() => harness.demo.server('bybit').sockets.flatMap((s) => [...s.topics]).length >= 3);
		await stepTo(harness, START + 300_000, () => sse.events.length);
		await until(() => sse.events.find((e) => e.event === 'candle' && (e.data as { closed: boolean }).closed));
		const sent = harness.demo.markets.bybit!.printsBetween(START, START + 300_000);
		await until(() => sse.events.filter((e) => e.event === 'liquidation').length >= sent.length);
		const prints = sse.events.filter((e) => e.event === 'liquidation').map((e) => e.data as Record<string, unknown>);
		expect(Object.keys(prints[0])).toEqual(['time', 'exchange', 'side', 'price', 'amount', 'notional']);
		expect(prints.map((p) => [p.time, p.side, p.price])).toEqual(sent.map((p) => [p.time, p.side, p.price]));
		expect(sse.events.some((e) => e.event === 'openInterest')).toBe(true);
		expect(sse.events.some((e) => e.event === 'funding')).toBe(true);
		const status = sse.events.find((e) => e.event === 'status')!.data;
		expect(Object.keys(status as object)).toEqual(['exchange', 'name', 'state', 'reason', 'outages', 'dropped', 'notes']);

		// Prints seen are kept for /api/liquidations, newest last, filtered by since and limit.
		const seen = await liquidationsApi(api(`/api/liquidations?source=bybit&since=${START}&limit=2`), harness.hub, harness.live);
		expect(seen.status).toBe(200);
		const body = seen.body as { liquidations: { time: number }[]; streaming: string[]; outages: unknown[] };
		expect(body.liquidations.map((p) => p.time)).toEqual(sent.slice(-2).map((p) => p.time));
		expect(body.streaming).toEqual(['bybit']);
		expect(body.outages).toEqual([]);

		// The client leaves: the upstream connection closes with the last listener.
		await sse.cancel();
		await until(() => harness.demo.server('bybit').sockets.length === 0);
		expect(harness.hub.status('bybit')).toBeNull();
	});

	it('source=all streams every exchange, each with its own status, over one connection per exchange', async () => {
		const response = (await streamApi(api('/api/stream?source=all&timeframe=1h'), null, harness.hub, harness.live)) as Response;
		const sse = readEvents(response);
		const connectedIds = () => new Set(sse.events.filter((e) => e.event === 'status' && (e.data as { state: string }).state === 'connected').map((e) => (e.data as { exchange: string }).exchange));
		await until(() => connectedIds().size === 3);
		expect([...connectedIds()].sort()).toEqual(['binanceusdm', 'bybit', 'okx']);
		expect(harness.hub.streaming.sort()).toEqual(['binanceusdm', 'bybit', 'okx']);
		await sse.cancel();
		await until(() => harness.hub.streaming.length === 0);
	});

	it('refuses the sample (not live), unknown and repeated parameters, as the JSON routes do', async () => {
		const refusal = async (path: string) => {
			const result = await streamApi(api(path), null, harness.hub, harness.live);
			if (result instanceof Response) throw new Error(`${path} was accepted`);
			return result;
		};
		expect(await refusal('/api/stream?source=sample&timeframe=5m')).toMatchObject({
			status: 400,
			body: { error: { code: 'not-live', param: 'source', message: 'source=sample: the embedded sample is not live; choose binanceusdm, bybit, okx or all' } }
		});
		expect(await refusal('/api/stream?source=bybit&tf=5m')).toMatchObject({ status: 400, body: { error: { code: 'unknown-parameter', param: 'tf' } } });
		expect(await refusal('/api/stream?source=bybit&source=okx')).toMatchObject({ status: 400, body: { error: { code: 'repeated-parameter', param: 'source' } } });
		expect(await refusal('/api/stream?source=kraken')).toMatchObject({ status: 400, body: { error: { code: 'bad-parameter', param: 'source' } } });
		const since = await liquidationsApi(api('/api/liquidations?source=okx&since=yesterday'), harness.hub, harness.live);
		expect(since).toMatchObject({ status: 400, body: { error: { code: 'bad-parameter', param: 'since', message: 'since="yesterday": expected a time in ms UTC (a whole number ≥ 0)' } } });
	});
});

describe('GET /api/derivatives', () => {
	it('returns open interest and settled funding over the lookback, from REST', async () => {
		const now = harness.clock.now();
		const result = await derivativesApi(api('/api/derivatives?source=okx&timeframe=1h&lookback=7'), harness.live, now);
		expect(result.status).toBe(200);
		const body = result.body as { openInterest: { time: number; value: number }[]; funding: { time: number; rate: number }[] };
		expect(Object.keys(body)).toEqual(['openInterest', 'funding']);
		// Funding settles at 00:00, 08:00 and 16:00 UTC: 7 days back from 2026-01-10 00:05 hold 21 settlements
		// (2026-01-03 08:00 … 2026-01-10 00:00), each the demo's rate in force just before it.
		expect(body.funding.map((f) => f.time)).toEqual(Array.from({ length: 21 }, (_, k) => Date.UTC(2026, 0, 3, 8) + k * 8 * 3_600_000));
		const market = harness.demo.markets.okx!;
		for (const f of body.funding) expect(f.rate).toBeCloseTo(market.funding(f.time - 1).rate, 8);
		// Open interest: OKX's hourly samples in USD (the demo's notional at each hour).
		expect(body.openInterest.length).toBeGreaterThan(100);
		const last = body.openInterest.at(-1)!;
		expect(last.value).toBeCloseTo(market.openInterest(last.time)!.notional, 1);
	});

	it('refuses the sample and unknown parameters', async () => {
		expect(await derivativesApi(api('/api/derivatives?source=sample'), harness.live)).toMatchObject({ status: 400, body: { error: { code: 'not-live' } } });
		expect(await derivativesApi(api('/api/derivatives?source=okx&limit=3'), harness.live)).toMatchObject({ status: 400, body: { error: { code: 'unknown-parameter', param: 'limit' } } });
	});
});
