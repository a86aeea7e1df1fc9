/** The funding pane's signed percentages: rate fractions × 100, rounded, with a sign only when the rounded rate is not zero. */
import { describe, expect, it } from 'vitest';
import { signedPct } from '../../src/lib/chart/derivatives-panes/options.ts';

describe('signedPct', () => {
	it('signs non-zero rates and leaves a rate that rounds to zero unsigned', () => {
		// 0.0001 per 8 h is the exchanges' base rate, 0.01 %; 0.0002 × 1,095 fundings a year = 21.9 %.
		expect(signedPct(0.0001, 4)).toBe('+0.0100 %');
		expect(signedPct(0.0002 * 1095, 1)).toBe('+21.9 %');
		expect(signedPct(-0.00021, 4)).toBe('−0.0210 %');
		// −4e-9 is −0.0000004 %: "−0.0000 %" would read as a negative rate.
		expect(signedPct(-4e-9, 4)).toBe('0.0000 %');
		expect(signedPct(0, 1)).toBe('0.0 %');
	});
});
