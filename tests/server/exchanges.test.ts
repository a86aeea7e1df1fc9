/** The exchange registry: the sources every entry point accepts and `/api/sources` lists derive from its adapters. */
import { describe, expect, it } from 'vitest';
import { ParamError, parseViewParams } from '../../src/lib/core/analysis/params.ts';
import { readServerConfig } from '../../src/lib/server/config.ts';
import { EXCHANGES, exchangeName, SOURCE_IDS, SOURCE_LIST } from '../../src/lib/server/exchanges.ts';

describe('exchange registry', () => {
	it('lists each adapter once, in aggregate order, between the sample and the aggregate', () => {
		expect(EXCHANGES.map((e) => [e.id, e.name, e.ccxtClass])).toEqual([
			['binanceusdm', 'Binance', 'binanceusdm'],
			['bybit', 'Bybit', 'bybit'],
			['okx', 'OKX', 'okx']
		]);
		expect(SOURCE_IDS).toEqual(['sample', 'binanceusdm', 'bybit', 'okx', 'all']);
		expect(SOURCE_LIST.map((s) => s.name)).toEqual(['Sample', 'Binance', 'Bybit', 'OKX', 'All exchanges']);
		expect(exchangeName('okx')).toBe('OKX');
		expect(() => exchangeName('kraken')).toThrow('no exchange "kraken" (expected one of binanceusdm, bybit, okx)');
	});

	it('is what LIQMAP_DEFAULT_SOURCE and the loopback origins are checked against', () => {
		expect(() => readServerConfig({ LIQMAP_DEFAULT_SOURCE: 'kraken' })).toThrow(
			'LIQMAP_DEFAULT_SOURCE="kraken": expected one of sample, binanceusdm, bybit, okx, all'
		);
		expect(readServerConfig({ LIQMAP_EXCHANGE_URL_OKX: 'http://127.0.0.1:9/x' }).exchangeOrigins).toEqual({ okx: 'http://127.0.0.1:9' });
	});

	it('core validates a source against the list passed in, or only its form without one (the browser)', () => {
		const get = (source: string) => (name: string) => (name === 'source' ? source : null);
		expect(parseViewParams(get('bybit'), 'sample', SOURCE_IDS).source).toBe('bybit');
		expect(() => parseViewParams(get('kraken'), 'sample', SOURCE_IDS)).toThrow('source="kraken": expected one of sample, binanceusdm, bybit, okx, all');
		expect(parseViewParams(get('kraken')).source).toBe('kraken');
		expect(() => parseViewParams(get('By bit!'))).toThrow(ParamError);
	});
});
