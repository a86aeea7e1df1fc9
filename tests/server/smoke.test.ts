import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let harness: Harness;
beforeAll(async () => {
	harness = await startHarness();
});
afterAll(() => harness.close());

describe('smoke', () => {
	it.each(['binanceusdm', 'bybit', 'okx'] as const)('%s', async (id) => {
		const live = harness.fresh();
		const served = await live.market(id, '1h', 150);
		console.log(id, served.market.candles.length, served.market.forming, served.market.openInterest.length, served.market.openInterestNote, harness.servers[id].requests);
		expect(served.market.candles.length).toBe(150);
	});
});
