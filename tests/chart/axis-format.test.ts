import { describe, expect, it } from 'vitest';
import { formatAxisPrice } from '../../src/lib/chart/axis-format.ts';

describe('price axis labels', () => {
	it('have thousands separators and one decimal (issue 14: "104800.0" read badly next to "10K")', () => {
		expect(formatAxisPrice(104800)).toBe('104,800.0');
		expect(formatAxisPrice(109385.44)).toBe('109,385.4');
		expect(formatAxisPrice(950.25)).toBe('950.3');
	});
});
