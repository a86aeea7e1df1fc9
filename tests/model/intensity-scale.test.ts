import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { intensityColour, RAMP_STOPS } from '../../src/lib/core/model/colour-ramp.ts';
import { analysisScales, makeIntensityScale } from '../../src/lib/core/model/intensity-scale.ts';
import { embeddedCandles } from '../helpers.ts';

/** 100 non-empty bins holding 1, 2, …, 100 USDT (and empty ones, which never count). */
const hundred = [Float64Array.from({ length: 100 }, (_, i) => i + 1), Float64Array.from([0, 0, 0])];
/**
 * The knee of these bins: 95 of the 100 lie at or below raw 0.95, which falls in histogram step floor(0.95·1024) = 972;
 * its upper edge is 973/1024 = 0.950195… (the same for max and percentile, whose raw positions are v/100 here).
 */
const KNEE = 973 / 1024;

describe('intensity scales', () => {
	it('max: v / max below the knee, the top 5 % of bins in the bright fifth', () => {
		const scale = makeIntensityScale(hundred, 'max');
		expect(scale(0)).toBe(0);
		expect(scale(50)).toBeCloseTo((0.8 * 0.5) / KNEE, 12); // 0.42097
		expect(scale(95)).toBeLessThanOrEqual(0.8);
		expect(scale(96)).toBeGreaterThan(0.8);
		expect(scale(100)).toBeCloseTo(1, 12);
		expect(scale.inverse(scale(50))).toBeCloseTo(50, 9);
	});

	it('max: without a crowd of bright bins the knee stays at 0.8 and the scale is plain v / max', () => {
		// 1 bin at 1,000 and 99 at 10: the 95th percentile is 0.01 raw, so k = max(0.8, 0.01…) = 0.8.
		const scale = makeIntensityScale([Float64Array.from([1000, ...Array(99).fill(10)])], 'max');
		expect(scale(500)).toBeCloseTo(0.5, 12);
		expect(scale(1000)).toBeCloseTo(1, 12);
	});

	it('percentile: share of the non-empty bins at or below the value, bent at the knee', () => {
		const scale = makeIntensityScale(hundred, 'percentile');
		expect(scale(0)).toBe(0);
		// 50 of the 100 bins are ≤ 50 → raw 0.5 → 0.8 · 0.5 / k
		expect(scale(50)).toBeCloseTo((0.8 * 0.5) / KNEE, 12);
		expect(scale(100)).toBeCloseTo(1, 12);
		expect(scale.inverse(scale(50))).toBe(50);
	});

	it('log: log10(1 + 999·v/max)/3 below the knee', () => {
		const scale = makeIntensityScale([Float64Array.from([1000, ...Array(99).fill(1)])], 'log');
		// 99 of 100 bins at 1 → raw log10(1.999)/3 = 0.10025; the knee is 0.8, so the position is raw itself.
		expect(scale(1).toFixed(4)).toBe('0.1003');
		// 100 → log10(100.9)/3 = 0.66796
		expect(scale(100).toFixed(4)).toBe('0.6680');
		expect(scale(1000)).toBeCloseTo(1, 12);
		expect(scale.inverse(scale(100))).toBeCloseTo(100, 9);
	});

	it('keeps the bright fifth of the ramp for at most 5 % of the non-empty bins on the sample, in every mode', () => {
		// Measured before the knee (same sample, default 15m view): percentile 20.0 % of the map's bins above 0.8 and
		// of the history grid's cells, log 19.2 % and 15.7 %: a wall of yellow.
		const analysis = analyze({ candles: embeddedCandles() }, { ...defaultAnalysisParams(), history: true });
		for (const mode of ['max', 'percentile', 'log'] as const) {
			const scales = analysisScales(analysis, mode);
			const grids = [
				[scales.map, [analysis.map.long, analysis.map.short]],
				[scales.history!, [analysis.history!.long, analysis.history!.short]]
			] as const;
			for (const [scale, arrays] of grids) {
				let filled = 0;
				let bright = 0;
				for (const array of arrays)
					for (const value of array)
						if (value > 0) {
							filled++;
							if (scale(value) > 0.8) bright++;
						}
				expect(filled).toBeGreaterThan(400);
				expect(bright / filled, `${mode}`).toBeLessThanOrEqual(0.05);
				expect(bright, `${mode}: the densest bins still reach the bright end`).toBeGreaterThan(0);
			}
		}
	});
});

/**
 * CIE 1976 L* of an sRGB colour: linearise each channel (IEC 61966-2-1: c ≤ 0.04045 ? c/12.92 : ((c + 0.055)/1.055)^2.4),
 * relative luminance Y = 0.2126 R + 0.7152 G + 0.0722 B (ITU-R BT.709 primaries, D65), then
 * L* = 116·Y^(1/3) − 16 for Y > (6/29)^3, else (29/3)^3·Y (CIE 15:2004, §8.2.1).
 */
function lightness([r, g, b]: readonly number[]): number {
	const linear = (c: number) => {
		const s = c / 255;
		return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
	};
	const y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
	return y > Math.pow(6 / 29, 3) ? 116 * Math.cbrt(y) - 16 : Math.pow(29 / 3, 3) * y;
}

describe('colour ramp', () => {
	it('has CIE L* strictly rising with intensity across the whole ramp', () => {
		const samples = Array.from({ length: 101 }, (_, i) => lightness(intensityColour(i / 100)));
		for (let i = 1; i < samples.length; i++) expect(samples[i], `L* at ${i} %`).toBeGreaterThan(samples[i - 1]);
		// viridis #414487 and #fde725 (its 0.2 and 1.0 colours): L* = 31.8 and 90.9 by the formula above (checked in Python).
		expect(samples[0].toFixed(1)).toBe('31.8');
		expect(samples[100].toFixed(1)).toBe('90.9');
	});

	it('is one ramp for both sides, ending in viridis yellow, with alpha rising', () => {
		expect(intensityColour(1, 'long')).toEqual(intensityColour(1, 'short'));
		expect(intensityColour(0.5, 'long')).toEqual(intensityColour(0.5, 'short'));
		expect(intensityColour(1).slice(0, 3)).toEqual([253, 231, 37]);
		expect(intensityColour(0)).toEqual([...RAMP_STOPS[0].rgb, RAMP_STOPS[0].alpha]);
		for (let i = 1; i < RAMP_STOPS.length; i++) expect(RAMP_STOPS[i].alpha).toBeGreaterThan(RAMP_STOPS[i - 1].alpha);
		expect(intensityColour(2)).toEqual(intensityColour(1));
		expect(intensityColour(Number.NaN)).toEqual(intensityColour(0));
	});
});
