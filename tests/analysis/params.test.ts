import { describe, expect, it } from 'vitest';
import { defaultViewParams, formatViewParams, formatWeights, ParamError, parseTiers, parseViewParams, parseWeights } from '../../src/lib/core/analysis/params.ts';
import { DEFAULT_WEIGHTS } from '../../src/lib/core/confluence/confluence.ts';

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

describe('confluence weights in text form (named pairs from the factor table)', () => {
	it('reads named pairs; a factor left out keeps its default (DEFAULT_WEIGHTS: intensity 25, sr 20, reach 15)', () => {
		const weights = parseWeights('intensity:30, sr:5');
		expect(weights.intensity).toBe(30);
		expect(weights.supportResistance).toBe(5);
		expect(weights.reachability).toBe(15);
	});

	it('still reads the old positional form, in the table order', () => {
		expect(parseWeights('1,2,3,4,5,6,7,8')).toMatchObject({ intensity: 1, supportResistance: 2, reachability: 7, stacking: 8, agreement: 10 });
	});

	it('writes every factor as key:weight, and reads back what it wrote', () => {
		const text = formatWeights(DEFAULT_WEIGHTS);
		expect(text).toBe('intensity:25,sr:20,volume:10,divergence:10,structure:10,context:10,reach:15,stacking:10,agreement:10');
		expect(parseWeights(text)).toEqual(DEFAULT_WEIGHTS);
	});

	it('refuses an unknown key, a repeated key and a value out of 0–100, naming it', () => {
		expect(() => parseWeights('speed:10')).toThrow('"speed:10" is not key:weight with a key among intensity, sr, volume');
		expect(() => parseWeights('sr:10,sr:20')).toThrow('sr is listed twice');
		expect(() => parseWeights('sr:120')).toThrow('sr "120" is not a number from 0 to 100');
	});
});
