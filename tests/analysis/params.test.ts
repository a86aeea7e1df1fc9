import { describe, expect, it } from 'vitest';
import { defaultViewParams, formatViewParams, ParamError, parseTiers, parseViewParams } from '../../src/lib/core/analysis/params.ts';

const fromQuery = (query: string) => {
	const search = new URLSearchParams(query);
	return parseViewParams((name) => search.get(name));
};

describe('view parameters', () => {
	it('defaults to 15m, 30 days, tiers 5/10/25/50/100x weighted 10/25/30/20/15 %', () => {
		const view = fromQuery('');
		expect(view).toEqual(defaultViewParams());
		expect(view.analysis.model.tiers.map((t) => [t.leverage, t.weight, t.enabled])).toEqual([
			[5, 10, true],
			[10, 25, true],
			[25, 30, true],
			[50, 20, true],
			[100, 15, true]
		]);
		expect(formatViewParams(view).toString()).toBe('');
	});

	it('round-trips a changed view through its query string', () => {
		const view = fromQuery('tf=1h&days=7&tiers=5:10,10:40,25:30,50:20!,100:15&scale=log&min=0.2&mode=history&longs=0');
		expect(view.analysis.timeframe).toBe('1h');
		expect(view.analysis.history).toBe(true);
		expect(view.analysis.model.tiers[3]).toEqual({ leverage: 50, weight: 20, enabled: false });
		expect(view.display).toEqual({ scale: 'log', minIntensity: 0.2, mode: 'history', showLongs: false, showShorts: true });
		expect(fromQuery(formatViewParams(view).toString())).toEqual(view);
	});

	it.each([
		['tf=2m', 'tf="2m": expected one of 5m, 15m, 1h, 4h, 1d'],
		['days=5', 'days="5": expected one of 7, 14, 30, 60, 90'],
		['min=abc', 'min="abc": not a number'],
		['min=2', 'min="2": expected a number from 0 to 0.95'],
		['longs=yes', 'longs="yes": expected 1 or 0'],
		['tiers=10:25,10:30', 'tiers="10:25,10:30": leverage 10x is listed twice'],
		['tiers=200:10', 'tiers="200:10": leverage 200 is outside 1–125'],
		['tiers=ten', 'tiers="ten": "ten" is not leverage:weight (e.g. 10:25)']
	])('refuses %s, quoting the value', (query, message) => {
		expect(() => fromQuery(query)).toThrow(ParamError);
		expect(() => fromQuery(query)).toThrow(message);
	});

	it('sorts tiers by leverage', () => {
		expect(parseTiers('100:15,5:10').map((t) => t.leverage)).toEqual([5, 100]);
	});
});
