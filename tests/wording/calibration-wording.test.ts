/**
 * The History check's verdict and bucket labels (`src/lib/wording/calibration.ts`, `ui.ts`): the sentences core wrote
 * before it returned codes, with hand-picked lifts and intervals.
 */
import { describe, expect, it } from 'vitest';
import { bucketLabel, verdictWords } from '../../src/lib/wording/calibration.ts';
import { verdictSentence } from '../../src/lib/wording/ui.ts';

describe('calibration wording', () => {
	it('words each verdict, the lift and its interval to two decimals', () => {
		expect(verdictWords({ code: 'too-few-events', events: 8 })).toBe('too few events (8) on this data to say whether clusters attract price');
		expect(verdictWords({ code: 'no-evidence' })).toBe('no evidence on this data that clusters attract price beyond their distance');
		expect(verdictWords({ code: 'reached-more-often', lift: 1.2345, liftCi: [1.051, 1.42] })).toBe(
			'clusters were reached more often than levels at the same distance: lift 1.23 (95 % interval 1.05–1.42)'
		);
		expect(verdictWords({ code: 'reached-less-often', lift: 0.8, liftCi: [0.7, 0.95] })).toBe(
			'clusters were reached less often than levels at the same distance: lift 0.80 (95 % interval 0.70–0.95)'
		);
	});

	it('makes the panel a sentence and labels the buckets', () => {
		expect(verdictSentence({ verdict: { code: 'no-evidence' } })).toBe('No evidence on this data that clusters attract price beyond their distance.');
		expect(bucketLabel({ low: 25, high: 50 })).toBe('25–50');
	});
});
