import { describe, expect, it } from 'vitest';
import {
	emptyChecklist,
	JournalFormatError,
	mergeEntries,
	parseJournalFile,
	parseStore,
	serializeJournalFile,
	serializeStore,
	type JournalEntry
} from '../src/lib/state/journal-codec.ts';
import { exportFileName } from '../src/lib/export/report.ts';
import { dataAge, formatAge } from '../src/lib/state/plan-draft.ts';

const plan = {
	side: 'short' as const,
	entry: 108_000,
	stop: 109_200,
	targets: [106_500, 105_000],
	accountSize: 25_000,
	riskPct: 0.5,
	leverage: 8,
	marginMode: 'cross' as const
};
const entry: JournalEntry = {
	id: 'm1abc-x1',
	symbol: 'BTCUSDT',
	timeframe: '15m',
	savedAt: Date.UTC(2025, 6, 2, 17, 3),
	plan,
	checklist: { ticks: [true, false, true, false, false, false, false], notes: ['ctx', '', '', '', '', '', 'half off at T1'] }
};

describe('journal file', () => {
	it('round-trips entries through the exported JSON (times as ISO text)', () => {
		const text = serializeJournalFile([entry], Date.UTC(2025, 6, 3));
		expect(JSON.parse(text).entries[0].savedAt).toBe('2025-07-02T17:03:00.000Z');
		expect(parseJournalFile(text)).toEqual([entry]);
	});

	it('refuses text that is not JSON, naming the problem', () => {
		expect(() => parseJournalFile('{"format": "liqmap-journal", "entries": [')).toThrow(/^not valid JSON/);
	});

	it('refuses another format or version', () => {
		expect(() => parseJournalFile('{"format":"other","version":1,"entries":[]}')).toThrow('not a liqmap journal: "format" is "other"');
		expect(() => parseJournalFile('{"format":"liqmap-journal","version":9,"entries":[]}')).toThrow('journal version 9 is not supported');
	});

	it('names the first bad field and quotes its value', () => {
		const file = JSON.parse(serializeJournalFile([entry], 0));
		file.entries[0].plan.stop = -5;
		expect(() => parseJournalFile(JSON.stringify(file))).toThrow('entries[0].plan.stop: expected a positive number, got -5');
		file.entries[0].plan.stop = 109_200;
		file.entries[0].plan.leverage = 500;
		expect(() => parseJournalFile(JSON.stringify(file))).toThrow('entries[0].plan.leverage: expected a positive number from 1 to 125, got 500');
		file.entries[0].plan.leverage = 8;
		file.entries[0].checklist.ticks = [true];
		expect(() => parseJournalFile(JSON.stringify(file))).toThrow(JournalFormatError);
	});

	it('refuses duplicate ids', () => {
		const text = serializeJournalFile([entry, entry], 0);
		expect(() => parseJournalFile(text)).toThrow('entry id "m1abc-x1" is listed twice');
	});

	it('merges imports by id, newest first', () => {
		const older = { ...entry, id: 'old', savedAt: entry.savedAt - 1000 };
		const replaced = { ...entry, plan: { ...plan, entry: 107_000 } };
		expect(mergeEntries([older, entry], [replaced]).map((e) => [e.id, e.plan.entry])).toEqual([
			['m1abc-x1', 107_000],
			['old', 108_000]
		]);
	});
});

describe('journal store (localStorage)', () => {
	it('round-trips the draft plan, the checklist and the entries', () => {
		const store = { plan, checklist: emptyChecklist(), entries: [entry] };
		expect(parseStore(serializeStore(store))).toEqual(store);
		expect(parseStore(serializeStore({ ...store, plan: null })).plan).toBeNull();
	});

	it('throws on damaged text', () => {
		expect(() => parseStore('{oops')).toThrow('the saved journal is not valid JSON');
	});
});

describe('export file name and data age', () => {
	it('names the PNG after the timeframe, the last candle and the time of the export, UTC', () => {
		// Last candle 2025-07-02 16:45, exported 2026-12-02 05:07:09 → …-20250702-1645-050709.png
		expect(exportFileName('15m', Date.UTC(2025, 6, 2, 16, 45), Date.UTC(2026, 11, 2, 5, 7, 9))).toBe('btc-liquidation-15m-20250702-1645-050709.png');
		expect(exportFileName('15m', Date.UTC(2025, 6, 2, 16, 45), Date.UTC(2026, 11, 2, 5, 7, 10))).not.toBe(
			exportFileName('15m', Date.UTC(2025, 6, 2, 16, 45), Date.UTC(2026, 11, 2, 5, 7, 9))
		);
	});

	it('marks the sample stale, and live data older than two candle periods', () => {
		const last = Date.UTC(2025, 6, 2, 16, 45);
		expect(dataAge(last, '15m', true, last + 60_000)).toMatchObject({ stale: true, reason: 'historical sample, not live' });
		expect(dataAge(last, '15m', false, last + 30 * 60_000).stale).toBe(false);
		expect(dataAge(last, '15m', false, last + 31 * 60_000)).toMatchObject({ stale: true, reason: 'last candle older than two 15m periods' });
		expect(formatAge(3 * 3600_000 + 20 * 60_000)).toBe('3 h 20 min');
		expect(formatAge(75 * 86_400_000)).toBe('2 mo 15 d');
	});
});
