import { describe, expect, it } from 'vitest';
import { navigate } from '../../src/lib/chart/keyboard-navigation.ts';

describe('keyboard navigation of the time axis', () => {
	const range = { from: 900, to: 1000 }; // 100 bars in view
	it('pans by a tenth of the visible bars', () => {
		expect(navigate('ArrowLeft', range, 1000, 20)).toEqual({ from: 890, to: 990 });
		expect(navigate('ArrowRight', range, 1000, 20)).toEqual({ from: 910, to: 1010 });
	});
	it('zooms by 1.25 around the right edge', () => {
		expect(navigate('+', range, 1000, 20)).toEqual({ from: 920, to: 1000 }); // 100 / 1.25 = 80 bars
		expect(navigate('-', range, 1000, 20)).toEqual({ from: 875, to: 1000 }); // 100 × 1.25 = 125 bars
		expect(navigate('+', { from: 995, to: 1000 }, 1000, 20)).toEqual({ from: 990, to: 1000 }); // at least 10 bars
		expect(navigate('-', { from: 0, to: 1020 }, 1000, 20)).toEqual({ from: 0, to: 1020 }); // no wider than all bars
	});
	it('Home shows the first bar, End the newest with the space on the right', () => {
		expect(navigate('Home', range, 1000, 20)).toEqual({ from: 0, to: 100 });
		expect(navigate('End', { from: 100, to: 200 }, 1000, 20)).toEqual({ from: 919, to: 1019 });
	});
	it('ignores other keys', () => {
		expect(navigate('a', range, 1000, 20)).toBeNull();
	});
});
