import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/core/analysis/analyze.ts';
import { defaultAnalysisParams, defaultViewParams } from '../../src/lib/core/analysis/params.ts';
import { evaluateChecklist } from '../../src/lib/core/workflow/checklist.ts';
import type { TradePlan } from '../../src/lib/core/workflow/trade-plan.ts';
import { buildReport, topClusters } from '../../src/lib/export/report.ts';
import { emptyChecklist } from '../../src/lib/state/journal-codec.ts';
import { embeddedCandles } from '../helpers.ts';

const analysis = analyze({ candles: embeddedCandles() }, defaultAnalysisParams());
// A long at the sample's last close (109,385.4), 1 % of a $12,345 account at risk.
const plan: TradePlan = { side: 'long', entry: 109_385, stop: 108_850, targets: [110_450], accountSize: 12_345, riskPct: 1, leverage: 5, marginMode: 'isolated' };
const input = {
	symbol: 'BTCUSDT',
	sourceName: 'Bybit historical sample',
	analysis,
	view: defaultViewParams(),
	checklist: evaluateChecklist(analysis, plan),
	notes: emptyChecklist(),
	plan,
	staleReason: null,
	exportedAt: Date.UTC(2026, 11, 2, 5, 7, 9)
};

describe('exported report', () => {
	it('names the file after the last candle (2025-07-02 16:45) and the export time (05:07:09)', () => {
		expect(buildReport(input).fileName).toBe('btc-liquidation-15m-20250702-1645-050709.png');
	});

	it('shows the account figures by default and leaves every one of them out when asked', () => {
		const shown = buildReport(input).plan.map((line) => line.text).join('\n');
		// Risk = 1 % of 12,345 = $123.45 → "$123"; the account itself "$12.3k".
		expect(shown).toContain('risk $123 (1 % of $12.3k)');
		expect(shown).toMatch(/Size \d\.\d{4} BTC · notional \$/);
		const hidden = buildReport({ ...input, hideAccount: true }).plan.map((line) => line.text).join('\n');
		expect(hidden).toContain('Risk 1 % of the account · 5x isolated (account figures hidden)');
		for (const figure of ['$123', '$12.3k', '12,345', 'BTC · notional']) expect(hidden).not.toContain(figure);
		// What the plan is about stays: entry, stop, target and R/R.
		expect(hidden).toContain('entry 109,385.0 · stop 108,850.0 · target 110,450.0');
		expect(hidden).toMatch(/R\/R \d\.\d\d/);
	});

	it('lists the seven steps with their status and the checklist wording, and the trader\'s note', () => {
		const notes = emptyChecklist();
		notes.notes[5] = 'wait for\nthe retest';
		const lines = buildReport({ ...input, notes }).checklist.map((line) => line.text);
		expect(lines).toHaveLength(7);
		// The sample at 15m, 30 days: a 4h range (step 1 amber), and the strongest nearby cluster 109,700–110,400 with
		// 3 of 4 confirmations (the panel shows the same sentences: src/lib/wording/checklist.ts)
		expect(lines[0]).toBe('☐ 1. Context [CHECK]: Intraday: 15m chart, 4h trend range');
		expect(lines[5]).toBe('☐ 6. Confirmations [OK]: 3 of 4 confirmations for 109,700–110,400 — note: wait for the retest');
	});

	it('labels the best-scored clusters of the analysis it is given (the filtered one, in the app)', () => {
		const shorts = { ...analysis, clusters: analysis.clusters.filter((c) => c.side === 'short') };
		const labels = buildReport({ ...input, analysis: shorts }).clusterLabels;
		expect(labels.length).toBe(4);
		expect(labels.every((label) => label.side === 'short')).toBe(true);
		expect(labels.map((l) => l.text)).toEqual(topClusters(shorts.clusters, 4).map((c) => expect.stringContaining(`${Math.round(c.score)}`)));
	});
});
