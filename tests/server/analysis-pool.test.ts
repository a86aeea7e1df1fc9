/**
 * The analysis pool: jobs run on worker threads with the same result as in process, a full queue is refused at once,
 * a failing job fails alone, and identical jobs in flight share one run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { liveJob, runAnalysisJob } from '../../src/lib/server/analysis-job.ts';
import { AnalysisPool, defaultPoolSize, PoolBusyError } from '../../src/lib/server/analysis-pool.ts';
import { sampleCandles } from '../../src/lib/server/sample-source.ts';

let pool: AnalysisPool | null = null;
afterEach(async () => {
	await pool?.close();
	pool = null;
});

const params = (timeframe: '1h' | '4h' = '1h', lookbackDays = 30) => ({ ...defaultAnalysisParams(), timeframe, lookbackDays });

describe('analysis pool', () => {
	it('a pooled job gives exactly the in-process result (sample, 1h, 30 days)', async () => {
		pool = new AnalysisPool({ size: 1, queueLength: 2 });
		const job = { params: params(), sample: true as const };
		const pooled = await pool.run(job);
		expect(pooled).toEqual(runAnalysisJob(job));
		expect(pooled.json?.candles).toBe(720); // 30 days × 24 h
	});
});
