/**
 * The trader's journal for one symbol: the plan and checklist being written (saved to localStorage on every change, so
 * nothing typed is lost on reload) and the saved plans, which can be reopened, deleted, exported and imported as JSON.
 * Loading happens in the browser after mount (`load()`); nothing is written before it, so a server render or an early
 * change can never overwrite what the browser holds.
 */
import type { TradePlan } from '$lib/core/workflow/trade-plan.ts';
import type { Timeframe } from '$lib/core/types.ts';
import {
	emptyChecklist,
	emptyStore,
	JournalFormatError,
	mergeEntries,
	parseJournalFile,
	parseStore,
	serializeJournalFile,
	serializeStore,
	type ChecklistNotes,
	type JournalEntry
} from './journal-codec.ts';

/** The part of `Storage` the journal uses (a fake in tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface JournalMessage {
	kind: 'ok' | 'error';
	text: string;
}

export const journalKey = (symbol: string) => `liqmap:journal:${symbol}`;

export class TradeJournal {
	readonly symbol: string;
	#storage: JournalStorage | null = null;
	#plan = $state.raw<TradePlan | null>(null);
	#checklist = $state.raw<ChecklistNotes>(emptyChecklist());
	#entries = $state.raw<JournalEntry[]>([]);
	#message = $state.raw<JournalMessage | null>(null);
	#loaded = $state(false);

	constructor(symbol: string) {
		this.symbol = symbol;
	}

	get plan(): TradePlan | null {
		return this.#plan;
	}
	get checklist(): ChecklistNotes {
		return this.#checklist;
	}
	get entries(): readonly JournalEntry[] {
		return this.#entries;
	}
	get message(): JournalMessage | null {
		return this.#message;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Reads the symbol's journal; a damaged one is kept aside under `…:damaged` and the journal starts empty. */
	load(storage: JournalStorage): void {
		this.#storage = storage;
		const key = journalKey(this.symbol);
		let store = emptyStore();
		try {
			const text = storage.getItem(key);
			if (text !== null) store = parseStore(text);
		} catch (error) {
			const text = storage.getItem(key);
			if (text !== null) storage.setItem(`${key}:damaged`, text);
			this.#message = { kind: 'error', text: `The saved journal could not be read and was set aside: ${messageOf(error)}` };
		}
		this.#plan = store.plan;
		this.#checklist = store.checklist;
		this.#entries = store.entries;
		this.#loaded = true;
	}

	setPlan(plan: TradePlan): void {
		this.#plan = plan;
		this.#save();
	}

	setTick(index: number, ticked: boolean): void {
		this.#checklist = { ...this.#checklist, ticks: this.#checklist.ticks.map((t, i) => (i === index ? ticked : t)) };
		this.#save();
	}

	setNote(index: number, note: string): void {
		this.#checklist = { ...this.#checklist, notes: this.#checklist.notes.map((n, i) => (i === index ? note : n)) };
		this.#save();
	}

	/** Saves the current plan and checklist as an entry (newest first). */
	saveEntry(timeframe: Timeframe, now = Date.now()): JournalEntry | null {
		if (!this.#plan) return null;
		const entry: JournalEntry = {
			id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
			symbol: this.symbol,
			timeframe,
			savedAt: now,
			plan: this.#plan,
			checklist: this.#checklist
		};
		this.#entries = [entry, ...this.#entries];
		this.#message = { kind: 'ok', text: 'Plan saved.' };
		this.#save();
		return entry;
	}

	/** Makes a saved entry the current plan and checklist (the entry itself stays in the list). */
	open(id: string): JournalEntry | null {
		const entry = this.#entries.find((e) => e.id === id);
		if (!entry) return null;
		this.#plan = entry.plan;
		this.#checklist = entry.checklist;
		this.#message = { kind: 'ok', text: 'Saved plan reopened.' };
		this.#save();
		return entry;
	}

	remove(id: string): void {
		this.#entries = this.#entries.filter((e) => e.id !== id);
		this.#message = { kind: 'ok', text: 'Plan deleted.' };
		this.#save();
	}

	/** The saved plans as a JSON file's text. */
	exportJson(now = Date.now()): string {
		return serializeJournalFile(this.#entries, now);
	}

	/** Adds the plans of a JSON file; a bad file is refused with a message and changes nothing. */
	importJson(text: string): boolean {
		try {
			const imported = parseJournalFile(text);
			this.#entries = mergeEntries(this.#entries, imported);
			this.#message = { kind: 'ok', text: `Imported ${imported.length} plan${imported.length === 1 ? '' : 's'}.` };
			this.#save();
			return true;
		} catch (error) {
			if (!(error instanceof JournalFormatError)) throw error;
			this.#message = { kind: 'error', text: `Import refused, nothing changed: ${error.message}.` };
			return false;
		}
	}

	dismissMessage(): void {
		this.#message = null;
	}

	#save(): void {
		if (!this.#loaded || !this.#storage) return;
		try {
			this.#storage.setItem(
				journalKey(this.symbol),
				serializeStore({ plan: this.#plan, checklist: this.#checklist, entries: this.#entries })
			);
		} catch (error) {
			this.#message = { kind: 'error', text: `Could not save to this browser's storage: ${messageOf(error)}` };
		}
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
