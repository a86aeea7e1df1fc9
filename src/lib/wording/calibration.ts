/**
 * Words for the History check's verdict and score buckets (`core/calibration/calibration.ts`).
 */
import type { CalibrationVerdict, ScoreBucketSummary } from '../core/calibration/calibration.ts';

/** The verdict as one lower-case clause (the CLI prints it as is; the panel makes it a sentence). */
export function verdictWords(verdict: CalibrationVerdict): string {
	switch (verdict.code) {
		case 'too-few-events':
			return `too few events (${verdict.events}) on this data to say whether clusters attract price`;
		case 'no-evidence':
			return 'no evidence on this data that clusters attract price beyond their distance';
		case 'reached-more-often':
		case 'reached-less-often': {
			const [lo, hi] = verdict.liftCi;
			const more = verdict.code === 'reached-more-often' ? 'more' : 'less';
			return `clusters were reached ${more} often than levels at the same distance: lift ${verdict.lift.toFixed(2)} (95 % interval ${lo.toFixed(2)}–${hi.toFixed(2)})`;
		}
	}
}

/** A score bucket's range: "25–50". */
export const bucketLabel = (bucket: Pick<ScoreBucketSummary, 'low' | 'high'>) => `${bucket.low}–${bucket.high}`;
