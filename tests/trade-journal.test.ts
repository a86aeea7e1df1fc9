/**
 * The journal never loses or bricks (issue 13, point 5): limits checked before writing, storage failures named, a
 * damaged stored value handled without copying it whole, and two tabs that never overwrite each other's fields.
 * Storage is an in-memory fake with a quota; tabs are two journals on one fake storage joined by `storage` events.
 */
import { describe, expect, it } from 'vitest';
import {
	MAX_ENTRIES,
	MAX_IMPORT_BYTES,
	MAX_NOTE_LENGTH,
	MAX_STORE_CHARS,
	serializeJournalFile,
	serializeStore,
	emptyChecklist,
	type JournalEntry
} from '../src/lib/state/journal-codec.ts';
import { journalKey, MAX_DAMAGED_COPY, TradeJournal } from '../src/lib/state/trade-journal.svelte.ts';

const KEY = journalKey('BTCUSDT');
const plan = { side: 'long' as const, entry: 100_000, stop: 99_000, targets: [103_000], accountSize: 10_000, riskPct: 1, leverage: 10, marginMode: 'isolated' as const };

/** localStorage as browsers have it: a quota in characters (keys + values), `QuotaExceededError` beyond it. */
class FakeStorage {
	items = new Map<string, string>();
	writes = 0;
	constructor(readonly quota = 5_000_000) {}
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		const used = [...this.items].reduce((sum, [k, v]) => sum + (k === key ? 0 : k.length + v.length), 0);
		if (used + key.length + value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		this.items.set(key, value);
		this.writes++;
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
}

/** Two tabs: each write in one is announced to the other as a `storage` event (as browsers do, never to the writer). */
function twoTabs() {
	const storage = new FakeStorage();
	const events = [new EventTarget(), new EventTarget()];
	const tabStorage = (other: EventTarget) => ({
		getItem: (key: string) => storage.getItem(key),
		removeItem: (key: string) => storage.removeItem(key),
		setItem: (key: string, value: string) => {
			storage.setItem(key, value);
			const event = Object.assign(new Event('storage'), { key, newValue: value });
			other.dispatchEvent(event);
		}
	});
	const a = new TradeJournal('BTCUSDT');
	const b = new TradeJournal('BTCUSDT');
	a.load(tabStorage(events[1]), events[0]);
	b.load(tabStorage(events[0]), events[1]);
	return { storage, a, b };
}

const stored = (storage: FakeStorage) => JSON.parse(storage.getItem(KEY)!);

describe('journal limits, checked before writing', () => {
	it('cuts a note at 4,000 characters and says how much was not saved; the journal still loads', () => {
		const storage = new FakeStorage();
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		journal.setNote(2, 'x'.repeat(MAX_NOTE_LENGTH + 250));
		expect(journal.checklist.notes[2]).toHaveLength(MAX_NOTE_LENGTH);
		expect(journal.message).toEqual({ kind: 'error', text: 'The note of step 3 is limited to 4,000 characters: the last 250 were not saved.' });
		const reloaded = new TradeJournal('BTCUSDT');
		reloaded.load(storage, null);
		expect(reloaded.checklist.notes[2]).toHaveLength(MAX_NOTE_LENGTH);
		expect(reloaded.message).toBeNull();
	});

	it('reads a stored note over the limit (written by an older version) cut, keeping the rest of the journal', () => {
		const storage = new FakeStorage();
		const checklist = { ...emptyChecklist(), notes: ['y'.repeat(5000), 'ok', '', '', '', '', ''] };
		storage.setItem(KEY, serializeStore({ plan, checklist, entries: [] }));
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		expect(journal.plan).toEqual(plan);
		expect(journal.checklist.notes.slice(0, 2).map((n) => n.length)).toEqual([MAX_NOTE_LENGTH, 2]);
	});

	it(`refuses a ${MAX_ENTRIES + 1}st saved plan, and an import that would pass ${MAX_ENTRIES}, changing nothing`, () => {
		const storage = new FakeStorage(50_000_000);
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		journal.setPlan(plan);
		for (let i = 0; i < MAX_ENTRIES; i++) journal.saveEntry('15m', Date.UTC(2025, 0, 1) + i * 60_000);
		expect(journal.entries).toHaveLength(MAX_ENTRIES);
		const writes = storage.writes;
		expect(journal.saveEntry('15m', Date.UTC(2025, 1, 1))).toBeNull();
		expect(journal.message?.text).toBe('Plan not saved: 200 plans is the limit per symbol. Export them, then delete old ones.');
		const extra: JournalEntry = { ...journal.entries[0], id: 'extra-1' };
		expect(journal.importJson(serializeJournalFile([extra], 0))).toBe(false);
		expect(journal.message?.text).toBe('Import refused, nothing changed: with these 1 plan the symbol would keep 201 plans, more than the limit of 200.');
		expect(storage.writes).toBe(writes);
	});

	it('refuses an import file over the size limit before parsing it', () => {
		const journal = new TradeJournal('BTCUSDT');
		journal.load(new FakeStorage(), null);
		expect(journal.importJson(' '.repeat(MAX_IMPORT_BYTES + 1))).toBe(false);
		expect(journal.message?.text).toBe('Import refused, nothing changed: the file is larger than the limit of 2,000,000 bytes.');
	});

	it('refuses a change that would make the stored journal larger than 2,000,000 characters, naming it', () => {
		const storage = new FakeStorage(50_000_000);
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		journal.setPlan(plan);
		for (let step = 0; step < 7; step++) journal.setNote(step, 'n'.repeat(MAX_NOTE_LENGTH));
		// the draft and each saved plan carry 7 × 4,000 characters of notes plus ~300 of plan and keys (measured below):
		// (2,000,000 − 28,300) / 28,300 = 69.7 → the 70th plan passes the limit
		const perPlan = serializeStore({ plan, checklist: journal.checklist, entries: [] }).length;
		expect(perPlan).toBeGreaterThan(28_000);
		expect(perPlan).toBeLessThan(28_400);
		let saved = 0;
		while (journal.saveEntry('15m', Date.UTC(2025, 0, 1) + saved * 60_000)) saved++;
		expect(saved).toBe(69);
		expect(journal.message?.text).toMatch(/^Not saved: the saved plan\. The journal would take 2,0\d\d,\d{3} characters, over the limit of 2,000,000/);
		expect(storage.getItem(KEY)!.length).toBeLessThanOrEqual(MAX_STORE_CHARS);
	});
});

describe('storage failures and damage', () => {
	it('names what was not saved when the browser refuses the write (quota), and keeps the journal as it was', () => {
		const storage = new FakeStorage(3_000);
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		journal.setPlan(plan);
		const before = storage.getItem(KEY);
		journal.setNote(0, 'z'.repeat(2_900));
		expect(journal.message?.text).toMatch(/^Not saved: the note of step 1\. This browser's storage refused it \(The quota has been exceeded\.\)/);
		expect(storage.getItem(KEY)).toBe(before);
		expect(journal.plan).toEqual(plan);
	});

	it('a 3 M-character damaged value: the page loads, the value is dropped (not copied whole) with a message', () => {
		const storage = new FakeStorage(5_000_000);
		storage.setItem(KEY, `{${'x'.repeat(3_000_000)}`);
		const journal = new TradeJournal('BTCUSDT');
		expect(() => journal.load(storage, null)).not.toThrow();
		expect(journal.loaded).toBe(true);
		expect(journal.message?.text).toBe(
			'the saved journal is not valid JSON: it (3,000,001 characters) was too large to keep a copy and was dropped; the journal starts empty.'
		);
		expect(storage.getItem(`${KEY}:damaged`)).toBeNull();
		expect(storage.getItem(KEY)).toBeNull();
		journal.setNote(0, 'fresh');
		expect(stored(storage).checklist.notes[0]).toBe('fresh');
	});

	it(`a small damaged value (≤ ${MAX_DAMAGED_COPY.toLocaleString('en-US')} characters) is set aside under …:damaged`, () => {
		const storage = new FakeStorage();
		storage.setItem(KEY, '{oops');
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		expect(storage.getItem(`${KEY}:damaged`)).toBe('{oops');
		expect(journal.message?.text).toBe('the saved journal is not valid JSON: it was set aside (localStorage "liqmap:journal:BTCUSDT:damaged") and the journal starts empty.');
	});

	it('keeps the readable saved plans of a partly damaged journal and names what was left out', () => {
		const storage = new FakeStorage();
		const entry: JournalEntry = { id: 'good-1', symbol: 'BTCUSDT', timeframe: '1h', savedAt: Date.UTC(2025, 5, 1), plan, checklist: emptyChecklist() };
		const text = JSON.parse(serializeStore({ plan, checklist: emptyChecklist(), entries: [entry] }));
		text.entries.push({ ...text.entries[0], id: 'bad-1', plan: { ...plan, stop: -1 } });
		storage.setItem(KEY, JSON.stringify(text));
		const journal = new TradeJournal('BTCUSDT');
		journal.load(storage, null);
		expect(journal.entries.map((e) => e.id)).toEqual(['good-1']);
		expect(journal.plan).toEqual(plan);
		expect(journal.message?.text).toBe('Part of the saved journal could not be read and was left out (1 value): store.entries[1].plan.stop: expected a positive number, got -1.');
	});
});

describe('two tabs', () => {
	it("never overwrite each other's notes: each change is a patch of what storage holds now", () => {
		const { storage, a, b } = twoTabs();
		a.setNote(0, 'from tab A');
		b.setNote(1, 'from tab B');
		a.setTick(3, true);
		expect(stored(storage).checklist.notes.slice(0, 2)).toEqual(['from tab A', 'from tab B']);
		expect(stored(storage).checklist.ticks[3]).toBe(true);
		// and each tab shows the other's change (storage event)
		expect(a.checklist.notes[1]).toBe('from tab B');
		expect(b.checklist.notes[0]).toBe('from tab A');
		expect(b.checklist.ticks[3]).toBe(true);
	});

	it('keep both tabs\' saved plans even when a storage event arrives late', () => {
		const storage = new FakeStorage();
		// Two tabs that hear nothing from each other: the read-patch-write alone must keep both plans.
		const a = new TradeJournal('BTCUSDT');
		const b = new TradeJournal('BTCUSDT');
		a.load(storage, null);
		b.load(storage, null);
		a.setPlan(plan);
		b.setPlan({ ...plan, entry: 101_000 });
		a.saveEntry('15m', Date.UTC(2025, 0, 1));
		b.saveEntry('1h', Date.UTC(2025, 0, 2));
		expect(stored(storage).entries.map((e: { timeframe: string }) => e.timeframe)).toEqual(['1h', '15m']);
	});
});
