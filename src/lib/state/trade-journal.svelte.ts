/**
 * The trader's journal for one symbol: the plan and checklist being written (saved to localStorage on every change, so
 * nothing typed is lost on reload) and the saved plans, which can be reopened, deleted, exported and imported as JSON.
 * Loading happens in the browser after mount (`load()`); nothing is written before it, so a server render or an early
 * change can never overwrite what the browser holds.
 *
 * Never loses, never bricks:
 * - every change is a patch of one field applied to what storage holds NOW (read, patch, write), and a `storage` event
 *   from another tab replaces this tab's copy, so two tabs never overwrite each other's fields;
 * - limits (`journal-codec.ts`: note length, number of plans, size of the stored journal, size of an import) are
 *   checked before writing; a refused or failed write (storage full) says what was not saved and keeps the rest;
 * - a damaged stored value never stops the page: its readable parts are kept; if nothing is readable it is set aside
 *   under `…:damaged` when small enough to copy (`MAX_DAMAGED_COPY`), else dropped, and the message says which.
 */
import { messageOf } from '$lib/error-message.ts';
import type { TradePlan } from '$lib/core/workflow/trade-plan.ts';
import type { Timeframe } from '$lib/core/types.ts';
import {
	emptyStore,
	JournalFormatError,
	MAX_ENTRIES,
	MAX_NOTE_LENGTH,
	MAX_STORE_CHARS,
	mergeEntries,
	parseJournalFile,
	readStoreLeniently,
	serializeJournalFile,
	serializeStore,
	type ChecklistNotes,
	type JournalEntry,
	type JournalStore
} from './journal-codec.ts';

/** The part of `Storage` the journal uses (a fake in tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where `storage` events come from (the window; a plain `EventTarget` in tests). */
export type StorageEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface JournalMessage {
	kind: 'ok' | 'error';
	text: string;
}

export const journalKey = (symbol: string) => `liqmap:journal:${symbol}`;

/** A damaged stored journal up to this many characters is copied aside; a longer one is dropped (copying it could itself fill the quota). */
export const MAX_DAMAGED_COPY = 200_000;

const count = (n: number) => n.toLocaleString('en-US');

export class TradeJournal {
	readonly symbol: string;
	#storage: JournalStorage | null = null;
	#plan = $state.raw<TradePlan | null>(null);
	#checklist = $state.raw<ChecklistNotes>(emptyStore().checklist);
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

	get #key(): string {
		return journalKey(this.symbol);
	}

	/**
	 * Reads the symbol's journal and follows other tabs' changes to it; returns the function that stops following
	 * (a component's `onMount` can return it). Never throws: a damaged value is handled as the file header says.
	 */
	load(storage: JournalStorage, events: StorageEvents | null = typeof window === 'undefined' ? null : window): () => void {
		this.#storage = storage;
		this.#show(this.#readStored(true) ?? emptyStore());
		this.#loaded = true;
		if (!events) return () => {};
		const onStorage = (event: Event) => {
			const { key, newValue } = event as StorageEvent;
			if (key !== this.#key && key !== null) return;
			const store = key === null ? emptyStore() : this.#readText(newValue, false);
			// Another tab's unreadable write is not shown; this tab's next change writes over it.
			if (store) this.#show(store);
		};
		events.addEventListener('storage', onStorage);
		return () => events.removeEventListener('storage', onStorage);
	}

	setPlan(plan: TradePlan): void {
		this.#update((store) => ({ ...store, plan }), 'the plan');
	}

	setTick(index: number, ticked: boolean): void {
		this.#update(
			(store) => ({ ...store, checklist: { ...store.checklist, ticks: store.checklist.ticks.map((t, i) => (i === index ? ticked : t)) } }),
			`the tick of step ${index + 1}`
		);
	}

	/** Sets a step's note; a note over `MAX_NOTE_LENGTH` is cut there, and the message says so. */
	setNote(index: number, note: string): void {
		const kept = note.slice(0, MAX_NOTE_LENGTH);
		const saved = this.#update(
			(store) => ({ ...store, checklist: { ...store.checklist, notes: store.checklist.notes.map((n, i) => (i === index ? kept : n)) } }),
			`the note of step ${index + 1}`
		);
		if (saved && kept.length < note.length)
			this.#message = {
				kind: 'error',
				text: `The note of step ${index + 1} is limited to ${count(MAX_NOTE_LENGTH)} characters: the last ${count(note.length - kept.length)} were not saved.`
			};
	}

	/** Saves the current plan and checklist as an entry (newest first), unless the symbol already keeps `MAX_ENTRIES`. */
	saveEntry(timeframe: Timeframe, now = Date.now()): JournalEntry | null {
		const plan = this.#plan;
		if (!plan) return null;
		if (this.#entries.length >= MAX_ENTRIES) {
			this.#message = { kind: 'error', text: `Plan not saved: ${MAX_ENTRIES} plans is the limit per symbol. Export them, then delete old ones.` };
			return null;
		}
		const entry: JournalEntry = {
			id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
			symbol: this.symbol,
			timeframe,
			savedAt: now,
			plan,
			checklist: this.#checklist
		};
		if (!this.#update((store) => ({ ...store, entries: [entry, ...store.entries] }), 'the saved plan')) return null;
		this.#message = { kind: 'ok', text: 'Plan saved.' };
		return entry;
	}

	/** Makes a saved entry the current plan and checklist (the entry itself stays in the list). */
	open(id: string): JournalEntry | null {
		const entry = this.#entries.find((e) => e.id === id);
		if (!entry) return null;
		if (this.#update((store) => ({ ...store, plan: entry.plan, checklist: entry.checklist }), 'the reopened plan'))
			this.#message = { kind: 'ok', text: 'Saved plan reopened.' };
		return entry;
	}

	remove(id: string): void {
		if (this.#update((store) => ({ ...store, entries: store.entries.filter((e) => e.id !== id) }), 'the deletion'))
			this.#message = { kind: 'ok', text: 'Plan deleted.' };
	}

	/** The saved plans as a JSON file's text. */
	exportJson(now = Date.now()): string {
		return serializeJournalFile(this.#entries, now);
	}

	/** Adds the plans of a JSON file; a bad or too large file is refused with a message and changes nothing. */
	importJson(text: string): boolean {
		let imported: JournalEntry[];
		try {
			imported = parseJournalFile(text);
		} catch (error) {
			if (!(error instanceof JournalFormatError)) throw error;
			this.#message = { kind: 'error', text: `Import refused, nothing changed: ${error.message}.` };
			return false;
		}
		const plans = `${imported.length} plan${imported.length === 1 ? '' : 's'}`;
		const merged = mergeEntries((this.#readStored(false) ?? this.#current()).entries, imported);
		if (merged.length > MAX_ENTRIES) {
			this.#message = { kind: 'error', text: `Import refused, nothing changed: with these ${plans} the symbol would keep ${merged.length} plans, more than the limit of ${MAX_ENTRIES}.` };
			return false;
		}
		if (!this.#update((store) => ({ ...store, entries: mergeEntries(store.entries, imported) }), `the ${plans} imported (nothing changed)`)) return false;
		this.#message = { kind: 'ok', text: `Imported ${plans}.` };
		return true;
	}

	/** Refuses a file by its size alone, before reading it. */
	refuseImport(reason: string): void {
		this.#message = { kind: 'error', text: `Import refused, nothing changed: ${reason}.` };
	}

	dismissMessage(): void {
		this.#message = null;
	}

	#show(store: JournalStore): void {
		this.#plan = store.plan;
		this.#checklist = store.checklist;
		this.#entries = store.entries;
	}

	/**
	 * What storage holds now, read leniently: null when nothing is there or it is unreadable. `report` puts a message
	 * about damage and sets an unreadable value aside (at load).
	 */
	#readStored(report: boolean): JournalStore | null {
		try {
			return this.#readText(this.#storage?.getItem(this.#key) ?? null, report);
		} catch (error) {
			if (report) this.#message = { kind: 'error', text: `This browser's storage could not be read: ${messageOf(error)}` };
			return null;
		}
	}

	#readText(text: string | null, report: boolean): JournalStore | null {
		if (text === null) return null;
		try {
			const { store, problems } = readStoreLeniently(text);
			if (report && problems.length > 0)
				this.#message = {
					kind: 'error',
					text: `Part of the saved journal could not be read and was left out (${problems.length} value${problems.length === 1 ? '' : 's'}): ${problems[0]}.`
				};
			return store;
		} catch (error) {
			if (!(error instanceof JournalFormatError)) throw error;
			if (report) this.#message = { kind: 'error', text: `${error.message}: ${this.#setAside(text)}` };
			return null;
		}
	}

	/** Moves an unreadable stored journal out of the way: copied under `…:damaged` when small enough, else dropped. */
	#setAside(text: string): string {
		const storage = this.#storage!;
		let kept = false;
		try {
			if (text.length <= MAX_DAMAGED_COPY) {
				storage.setItem(`${this.#key}:damaged`, text);
				kept = true;
			}
		} catch {
			// No room for a copy: dropped, as a too large one is.
		}
		try {
			storage.removeItem(this.#key);
		} catch {
			// Left in place; it is read leniently again next time.
		}
		return kept
			? `it was set aside (localStorage "${this.#key}:damaged") and the journal starts empty.`
			: `it (${count(text.length)} characters) was too large to keep a copy and was dropped; the journal starts empty.`;
	}

	#current(): JournalStore {
		return { plan: this.#plan, checklist: this.#checklist, entries: this.#entries };
	}

	/**
	 * Applies `patch` to what storage holds now (this tab's copy when storage holds nothing readable) and writes it,
	 * after checking the size limit; on success this tab shows the result. On failure nothing changes, and the message
	 * names `what` was not saved (a field keeps showing what was typed in it). Returns whether it was saved.
	 */
	#update(patch: (store: JournalStore) => JournalStore, what: string): boolean {
		if (!this.#loaded || !this.#storage) {
			this.#show(patch(this.#current()));
			return false;
		}
		const next = patch(this.#readStored(false) ?? this.#current());
		const text = serializeStore(next);
		if (text.length > MAX_STORE_CHARS) {
			this.#message = {
				kind: 'error',
				text: `Not saved: ${what}. The journal would take ${count(text.length)} characters, over the limit of ${count(MAX_STORE_CHARS)}: export the plans, then delete old ones.`
			};
			return false;
		}
		try {
			this.#storage.setItem(this.#key, text);
		} catch (error) {
			this.#message = { kind: 'error', text: `Not saved: ${what}. This browser's storage refused it (${messageOf(error)}): export the plans, then delete old ones.` };
			return false;
		}
		this.#show(next);
		return true;
	}
}

