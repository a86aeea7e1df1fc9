import { describe, expect, it } from 'vitest';
import { intensityColour, RAMP_STOPS } from '../../src/lib/core/model/colour-ramp.ts';
import { makeIntensityScale } from '../../src/lib/core/model/intensity-scale.ts';

const bins = [Float64Array.from([0, 10, 100, 1000]), Float64Array.from([1, 0, 0, 500])];

describe('intensity scales', () => {
	it('max: linear share of the largest bin (1,000)', () => {
		const scale = makeIntensityScale(bins, 'max');
		expect([0, 10, 500, 1000].map(scale)).toEqual([0, 0.01, 0.5, 1]);
		expect(scale.inverse(0.5)).toBe(500);
	});

	it('percentile: share of the 5 non-empty bins at or below the value', () => {
		const scale = makeIntensityScale(bins, 'percentile');
		expect([1, 10, 100, 500, 1000].map(scale)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
		expect(scale(0)).toBe(0);
		expect(scale.inverse(0.6)).toBe(100);
	});

	it('log: log10(1 + 999·v/max)/3, three decades', () => {
		const scale = makeIntensityScale(bins, 'log');
		// 1,000 → log10(1000)/3 = 1; 1 → log10(1 + 0.999)/3 = 0.1003; 100 → log10(100.9)/3 = 0.66796
		expect(scale(1000)).toBeCloseTo(1, 12);
		expect(scale(1).toFixed(4)).toBe('0.1003');
		expect(scale(100).toFixed(4)).toBe('0.6680');
		expect(scale.inverse(scale(100))).toBeCloseTo(100, 9);
	});
});

describe('colour ramp', () => {
	it('runs from dark blue (long) / violet (short) to bright red, with alpha rising', () => {
		expect(intensityColour(0, 'long')).toEqual([...RAMP_STOPS[0].long, RAMP_STOPS[0].alpha]);
		expect(intensityColour(0, 'short')).toEqual([...RAMP_STOPS[0].short, RAMP_STOPS[0].alpha]);
		expect(intensityColour(1, 'long')).toEqual([235, 45, 40, 0.82]);
		expect(intensityColour(1, 'short')).toEqual(intensityColour(1, 'long'));
		expect(intensityColour(0.7, 'long').slice(0, 3)).toEqual([240, 215, 40]); // yellow
		expect(intensityColour(2, 'long')).toEqual(intensityColour(1, 'long'));
		expect(intensityColour(Number.NaN, 'long')).toEqual(intensityColour(0, 'long'));
	});
});
