/**
 * The worker protocol sends candles once (issue 12, point 4): a series is registered once per worker, and a poll
 * that brings one more closed candle sends that candle alone, once per worker; unchanged closed candles send nothing.
 * The workers are stand-ins that record what was posted and answer the data messages as the real worker does.
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src/lib/core/types.ts';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams } from '../../src/lib/core/analysis/params.ts';
import { analysisScaleData } from '../../src/lib/core/model/intensity-scale.ts';
import { AnalysisWorker, scalesOf } from '../../src/lib/state/analysis-worker.svelte.ts';
import { packAnalysis } from '../../src/lib/workers/analysis-pack.ts';
import { embeddedCandles } from '../helpers.ts';
import type { MarketData } from '../../src/lib/state/market-data.ts';
import { SeriesLedger } from '../../src/lib/state/series-ledger.ts';
import type { CandleColumns } from '../../src/lib/workers/analysis-pack.ts';
import type { WorkerRequest, WorkerResponse } from '../../src/lib/workers/analysis-protocol.ts';

const STEP = 900_000; // 15 minutes
const T0 = Date.UTC(2025, 5, 20);
const candle = (i: number): Candle => ({ time: T0 + i * STEP, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 5 });
/** A fixed-length window of `length` closed candles ending with candle `last` (as `/api/candles?limit=…` sends). */
const windowTo = (last: number, length = 10) => Array.from({ length }, (_, k) => candle(last - length + 1 + k));

class StandInWorker {
	readonly posted: WorkerRequest[] = [];
	onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
	onerror: unknown = null;
	readonly #held = new Map<string, number[]>();
	postMessage(request: WorkerRequest): void {
		this.posted.push(request);
		if (request.type !== 'register' && request.type !== 'append') return;
		const times = [...(request.type === 'append' ? (this.#held.get(request.series) ?? []).filter((t) => t >= request.from) : []), ...request.candles.time];
		this.#held.set(request.series, times);
		const info = { series: request.series, count: times.length, from: times[0], to: times[times.length - 1] };
		queueMicrotask(() => this.onmessage?.({ data: { id: request.id, type: 'loaded', info } } as MessageEvent<WorkerResponse>));
	}
	terminate(): void {}
	/** Candles carried by the posted messages. */
	candlesPosted(): number {
		return this.posted.reduce((sum, r) => sum + ('candles' in r ? (r.candles as CandleColumns).time.length : 0), 0);
	}
}

function workers(): { analysis: AnalysisWorker; chart: StandInWorker; calibration: StandInWorker } {
	const made: StandInWorker[] = [];
	const analysis = new AnalysisWorker(() => {
		const worker = new StandInWorker();
		made.push(worker);
		return worker as unknown as Worker;
	});
	return { analysis, chart: made[0], calibration: made[1] };
}

const live = (candles: Candle[], name = 'Bybit'): MarketData => ({ series: [{ name, candles, openInterest: [] }], timeframe: '15m' });

describe('AnalysisWorker: candles cross once', () => {
	it('registers a series once, then sends one message with the one closed candle per worker per poll', async () => {
		const { analysis, chart, calibration } = workers();
		const first = await analysis.hold(live(windowTo(20)));
		// 10 candles registered in each worker: candles 11…20.
		expect(first).toEqual({ series: 'market:Bybit', count: 10, from: T0 + 11 * STEP, to: T0 + 20 * STEP });
		expect([chart.candlesPosted(), calibration.candlesPosted()]).toEqual([10, 10]);

		// Candle 21 closed: the window slides (11 drops off, 21 joins): one append of one candle in each worker.
		const next = await analysis.hold(live(windowTo(21)));
		expect(next).toEqual({ series: 'market:Bybit', count: 10, from: T0 + 12 * STEP, to: T0 + 21 * STEP });
		for (const worker of [chart, calibration]) {
			const appends = worker.posted.filter((r) => r.type === 'append');
			expect(appends.map((r) => [r.type === 'append' && r.from, r.candles.time.length])).toEqual([[T0 + 12 * STEP, 1]]);
		}
		expect([chart.candlesPosted(), calibration.candlesPosted()]).toEqual([11, 11]);

		// The same closed candles again (only the forming candle moved): nothing is sent.
		await analysis.hold(live(windowTo(21)));
		expect([chart.posted.length, calibration.posted.length]).toEqual([2, 2]);
	});

	it('sends every exchange to the chart worker and the charted one alone to the calibration worker; drops what left', async () => {
		const { analysis, chart, calibration } = workers();
		const all = (last: number): MarketData => ({
			series: ['Bybit', 'OKX', 'Binance'].map((name) => ({ name, candles: windowTo(last), openInterest: [] })),
			timeframe: '15m'
		});
		await analysis.hold(all(20));
		await analysis.hold(all(21));
		// 3 series × (10 registered + 1 appended) in the chart worker; 1 × 11 in the calibration worker.
		expect([chart.candlesPosted(), calibration.candlesPosted()]).toEqual([33, 11]);
		await analysis.hold(live(windowTo(21), 'OKX'));
		// OKX was held: nothing new crosses; Bybit and Binance are dropped from the chart worker, Bybit from the other.
		expect(chart.posted.slice(6).map((r) => [r.type, 'series' in r ? r.series : null])).toEqual([
			['drop', 'market:Bybit'],
			['drop', 'market:Binance']
		]);
		expect(calibration.posted.slice(2).map((r) => [r.type, 'series' in r ? r.series : null])).toEqual([
			['drop', 'market:Bybit'],
			['register', 'market:OKX']
		]);
	});
});

describe('SeriesLedger', () => {
	it('registers again when the last candle it sent was revised', () => {
		const ledger = new SeriesLedger();
		expect(ledger.update('a', { candles: windowTo(20), openInterest: [] })?.type).toBe('register');
		// windowTo(21)[8] is candle 20, the last one sent: revised, so the worker's copy is not extended but replaced.
		const lastRevised = windowTo(21);
		lastRevised[8] = { ...lastRevised[8], close: 1 };
		expect(ledger.update('a', { candles: lastRevised, openInterest: [] })?.type).toBe('register');
	});

	it('appends open-interest points after the last one sent', () => {
		const ledger = new SeriesLedger();
		const points = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => ({ time: T0 + (from + k) * STEP, notional: 1e9 + from + k }));
		ledger.update('a', { candles: windowTo(20), openInterest: points(11, 20) });
		expect(ledger.update('a', { candles: windowTo(21), openInterest: points(12, 21) })).toMatchObject({
			type: 'append',
			openInterestFrom: T0 + 12 * STEP,
			openInterest: [{ time: T0 + 21 * STEP, notional: 1e9 + 21 }]
		});
	});
});

describe('AnalysisWorker: the colour scales come with the analysis', () => {
	it('asks for the scales of its scale mode and keeps what the worker sent for the analysis it unpacked', async () => {
		const analysisWithScales = analyze({ candles: embeddedCandles() }, defaultAnalysisParams());
		const sent = analysisScaleData(analysisWithScales, 'log');
		const posted: WorkerRequest[] = [];
		const analysis = new AnalysisWorker(() => {
			const worker = {
				onmessage: null as ((event: MessageEvent<WorkerResponse>) => void) | null,
				onerror: null,
				postMessage(request: WorkerRequest) {
					posted.push(request);
					const { packed } = packAnalysis(structuredClone(analysisWithScales));
					const answer = { id: request.id, type: 'analysis', analysis: packed, agreement: null, replay: null, scales: sent, ms: 0 };
					queueMicrotask(() => worker.onmessage?.({ data: answer } as MessageEvent<WorkerResponse>));
				},
				terminate() {}
			};
			return worker as unknown as Worker;
		});
		analysis.scaleMode = 'log';
		const result = await analysis.analyze('replay', ['sample'], defaultAnalysisParams(), null);
		expect(posted.map((r) => (r.type === 'analyze' ? r.scale : null))).toEqual(['log']);
		expect(scalesOf(result!.analysis)).toBe(sent);
		// An analysis that did not come from the worker has none: the page computes its scales.
		expect(scalesOf(analysisWithScales)).toBeNull();
	});
});
