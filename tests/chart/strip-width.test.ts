import { describe, expect, it } from 'vitest';
import { stripWidth } from '../../src/lib/chart/liquidation-strip/options.ts';

describe('liquidation strip width', () => {
	it('keeps 88 px on a desktop pane and narrows to a tenth (at least 40 px) on a phone pane', () => {
		// Desktop: min(88, max(44, 1,000 / 6 = 166.7)) = 88.
		expect(stripWidth(88, 1_000)).toBe(88);
		// 1280×800 with side panels, pane 600: min(88, 100) = 88; pane 420 (< 480): max(40, 42) = 42.
		expect(stripWidth(88, 600)).toBe(88);
		expect(stripWidth(88, 420)).toBe(42);
		// Phone 390 px: pane ≈ 315 → max(40, 31.5) = 40 (was max(44, 52.5) = 53).
		expect(stripWidth(88, 315)).toBe(40);
	});
});
