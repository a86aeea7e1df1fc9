/**
 * The colour scales computed in the analysis worker (issue 15, "no frozen frame"): the worker sends their numbers with
 * each analysis and the page rebuilds the scale functions from them instead of passing over a history grid. They must
 * colour exactly as the scales the page computed itself (`analysisScales` without `computed`), on the real sample.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams, SCALE_MODES } from '../../src/lib/core/analysis/params.ts';
import { analysisScaleData, analysisScales, type AnalysisScaleData, type IntensityScale } from '../../src/lib/core/model/intensity-scale.ts';
import { packAnalysis, unpackAnalysis } from '../../src/lib/workers/analysis-pack.ts';
import { embeddedCandles } from '../helpers.ts';

const analysis = analyze({ candles: embeddedCandles() }, { ...defaultAnalysisParams(), history: true });

/** The worker's message as the page receives it: packed analysis and scales, their buffers transferred. */
function acrossTheWorker(mode: (typeof SCALE_MODES)[number]) {
	// (A copy: transferring detaches the buffers, and the test's analysis must stay whole.)
	const inWorker = structuredClone(analysis);
	const scales = analysisScaleData(inWorker, mode);
	const { packed, transfer } = packAnalysis(inWorker);
	const sorted = [scales.map.sorted, scales.history?.sorted].flatMap((values) => (values ? [values.buffer] : []));
	const message = structuredClone({ packed, scales }, { transfer: [...transfer, ...sorted] });
	return { analysis: unpackAnalysis(message.packed), scales: message.scales as AnalysisScaleData };
}

/** Every value the scale is asked about on the page: each bin and cell, and the legend's positions 0, 0.01, …, 1. */
function expectSameScale(worker: IntensityScale, page: IntensityScale, values: readonly ArrayLike<number>[], label: string): void {
	expect(worker.mode).toBe(page.mode);
	for (const array of values)
		for (let i = 0; i < array.length; i++) if (!Object.is(worker(array[i]), page(array[i]))) expect(worker(array[i]), `${label}: bin ${i}`).toBe(page(array[i]));
	for (let step = 0; step <= 100; step++) expect(worker.inverse(step / 100), `${label}: inverse(${step / 100})`).toBe(page.inverse(step / 100));
}

describe('colour scales computed in the worker', () => {
	it('give exactly the scales the page computed, for the map and the history grid, in every mode', () => {
		for (const mode of SCALE_MODES) {
			const page = analysisScales(analysis, mode);
			const received = acrossTheWorker(mode);
			const worker = analysisScales(received.analysis, mode, received.scales);
			const history = [analysis.history!.long, analysis.history!.short];
			expectSameScale(worker.map, page.map, [analysis.map.long, analysis.map.short], `${mode} map`);
			expectSameScale(worker.history!, page.history!, history, `${mode} history`);
			// The largest cell (HistoryGrid.maxCell, the grid's own record of it, kept in 64 bits; the cells are 32-bit
			// floats) is what the max and log scales divide by.
			expect(received.scales.history!.max).toBe(Math.fround(analysis.history!.maxCell));
			// Percentile: every non-empty cell, ascending, crossed whole (else null).
			const filled = history.reduce((sum, side) => sum + side.filter((v) => v > 0).length, 0);
			expect(received.scales.history!.sorted?.length ?? null).toBe(mode === 'percentile' ? filled : null);
		}
	});

	it('are used as sent: the page does not read the bins again', () => {
		// The same analysis with its bins emptied still colours as before with the worker's numbers: they alone count.
		const { scales } = acrossTheWorker('percentile');
		const emptied = {
			map: { ...analysis.map, long: new Float64Array(analysis.map.long.length), short: new Float64Array(analysis.map.short.length) },
			history: { ...analysis.history!, long: new Float32Array(0), short: new Float32Array(0) }
		};
		const page = analysisScales(analysis, 'percentile');
		const worker = analysisScales(emptied, 'percentile', scales);
		expectSameScale(worker.map, page.map, [analysis.map.long, analysis.map.short], 'map');
		expectSameScale(worker.history!, page.history!, [analysis.history!.long, analysis.history!.short], 'history');
	});

	it('of another mode than the one shown are set aside and the scales computed on the page (a scale toggle)', () => {
		const { scales } = acrossTheWorker('max');
		const toggled = analysisScales(analysis, 'log', scales);
		expect(toggled.map.mode).toBe('log');
		expectSameScale(toggled.history!, analysisScales(analysis, 'log').history!, [analysis.history!.long, analysis.history!.short], 'log history');
	});
});
