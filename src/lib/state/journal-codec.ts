/**
 * The trade journal's text forms: what is kept in localStorage (the draft being typed and the saved plans, per symbol)
 * and the JSON file a trader exports and imports. Pure: every reader validates field by field and names the first bad
 * value, so an import either yields complete entries or is refused with a message, and never half-applies.
 *
 * Limits, checked before anything is written: a note holds at most `MAX_NOTE_LENGTH` characters, a symbol keeps at
 * most `MAX_ENTRIES` saved plans in at most `MAX_STORE_CHARS` characters of storage (browsers give a site about
 * 5 million), and an imported file is at most `MAX_IMPORT_BYTES`. What localStorage holds is read leniently
 * (`readStoreLeniently`): the readable parts are kept and each unreadable one is named, so one bad value never costs the
 * rest.
 */
import { TIMEFRAMES } from '$lib/core/analysis/params.ts';
import type { MarginMode, TradePlan } from '$lib/core/workflow/trade-plan.ts';
import type { Timeframe } from '$lib/core/types.ts';

export const JOURNAL_FORMAT = 'liqmap-journal';
export const JOURNAL_VERSION = 1;
/** The checklist has seven steps; ticks and notes are stored per step, index 0 = step 1. */
export const STEP_COUNT = 7;
export const MAX_TARGETS = 6;
export const MAX_NOTE_LENGTH = 4000;
/** Saved plans kept per symbol. */
export const MAX_ENTRIES = 200;
/** Characters one symbol's journal may take in localStorage. */
export const MAX_STORE_CHARS = 2_000_000;
/** Largest journal file accepted for import, in bytes. */
export const MAX_IMPORT_BYTES = 2_000_000;
/** Bounds of the plan's numbers (the same as the form's). */
export const PLAN_BOUNDS = { riskPct: [0.01, 100], leverage: [1, 125] } as const;

/** The trader's own part of the checklist: a tick and a note per step. */
export interface ChecklistNotes {
	ticks: boolean[];
	notes: string[];
}

/** A saved plan: the plan with its checklist, as it was when saved. */
export interface JournalEntry {
	id: string;
	symbol: string;
	/** Execution timeframe of the chart when saved. */
	timeframe: Timeframe;
	/** Save time, ms UTC. */
	savedAt: number;
	plan: TradePlan;
	checklist: ChecklistNotes;
}

/** What localStorage holds per symbol: the plan and checklist being written, and the saved plans (newest first). */
export interface JournalStore {
	plan: TradePlan | null;
	checklist: ChecklistNotes;
	entries: JournalEntry[];
}

/** A refused journal value: the message names the field and quotes the value. */
export class JournalFormatError extends Error {
	name = 'JournalFormatError';
}

export function emptyChecklist(): ChecklistNotes {
	return { ticks: Array(STEP_COUNT).fill(false), notes: Array(STEP_COUNT).fill('') };
}

export function emptyStore(): JournalStore {
	return { plan: null, checklist: emptyChecklist(), entries: [] };
}

const quote = (value: unknown) => {
	const text = JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, where: string): Record<string, unknown> {
	if (!isRecord(value)) throw new JournalFormatError(`${where}: expected an object, got ${quote(value)}`);
	return value;
}

function positive(value: unknown, where: string, max = Number.MAX_VALUE, min = 0): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value < min || value > max)
		throw new JournalFormatError(`${where}: expected a positive number${max < Number.MAX_VALUE ? ` from ${min} to ${max}` : ''}, got ${quote(value)}`);
	return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
		throw new JournalFormatError(`${where}: expected one of ${allowed.join(', ')}, got ${quote(value)}`);
	return value as T;
}

export function readPlan(value: unknown, where = 'plan'): TradePlan {
	const plan = record(value, where);
	if (!Array.isArray(plan.targets) || plan.targets.length === 0 || plan.targets.length > MAX_TARGETS)
		throw new JournalFormatError(`${where}.targets: expected 1 to ${MAX_TARGETS} prices, got ${quote(plan.targets)}`);
	return {
		side: oneOf(plan.side, ['long', 'short'] as const, `${where}.side`),
		entry: positive(plan.entry, `${where}.entry`),
		stop: positive(plan.stop, `${where}.stop`),
		targets: plan.targets.map((target, i) => positive(target, `${where}.targets[${i}]`)),
		accountSize: positive(plan.accountSize, `${where}.accountSize`),
		riskPct: positive(plan.riskPct, `${where}.riskPct`, PLAN_BOUNDS.riskPct[1], PLAN_BOUNDS.riskPct[0]),
		leverage: positive(plan.leverage, `${where}.leverage`, PLAN_BOUNDS.leverage[1], PLAN_BOUNDS.leverage[0]),
		marginMode: oneOf<MarginMode>(plan.marginMode, ['isolated', 'cross'], `${where}.marginMode`)
	};
}

/** `clip`: cut notes over `MAX_NOTE_LENGTH` (what storage holds) instead of refusing them (a file being imported). */
export function readChecklist(value: unknown, where = 'checklist', clip = false): ChecklistNotes {
	const checklist = record(value, where);
	const { ticks, notes } = checklist;
	if (!Array.isArray(ticks) || ticks.length !== STEP_COUNT || !ticks.every((t) => typeof t === 'boolean'))
		throw new JournalFormatError(`${where}.ticks: expected ${STEP_COUNT} true/false values, got ${quote(ticks)}`);
	if (!Array.isArray(notes) || notes.length !== STEP_COUNT || !notes.every((n) => typeof n === 'string'))
		throw new JournalFormatError(`${where}.notes: expected ${STEP_COUNT} texts, got ${quote(notes)}`);
	const long = notes.findIndex((n: string) => n.length > MAX_NOTE_LENGTH);
	if (long >= 0 && !clip) throw new JournalFormatError(`${where}.notes[${long}]: longer than ${MAX_NOTE_LENGTH} characters`);
	return { ticks: [...ticks], notes: notes.map((n: string) => n.slice(0, MAX_NOTE_LENGTH)) };
}

export function readEntry(value: unknown, where = 'entry', clipNotes = false): JournalEntry {
	const entry = record(value, where);
	if (typeof entry.id !== 'string' || !/^[\w-]{1,64}$/.test(entry.id))
		throw new JournalFormatError(`${where}.id: expected an identifier, got ${quote(entry.id)}`);
	if (typeof entry.symbol !== 'string' || !/^[A-Z0-9]{2,20}$/.test(entry.symbol))
		throw new JournalFormatError(`${where}.symbol: expected a symbol such as "BTCUSDT", got ${quote(entry.symbol)}`);
	const savedAt = typeof entry.savedAt === 'string' ? Date.parse(entry.savedAt) : NaN;
	if (!Number.isFinite(savedAt))
		throw new JournalFormatError(`${where}.savedAt: expected an ISO date-time, got ${quote(entry.savedAt)}`);
	return {
		id: entry.id,
		symbol: entry.symbol,
		timeframe: oneOf(entry.timeframe, TIMEFRAMES, `${where}.timeframe`),
		savedAt,
		plan: readPlan(entry.plan, `${where}.plan`),
		checklist: readChecklist(entry.checklist, `${where}.checklist`, clipNotes)
	};
}

/** The JSON form of an entry: times as ISO text, so that a file reads well. */
function entryJson(entry: JournalEntry) {
	return { ...entry, savedAt: new Date(entry.savedAt).toISOString() };
}

/** The exported file: `{ format, version, exportedAt, entries }`. */
export function serializeJournalFile(entries: readonly JournalEntry[], exportedAt: number): string {
	const file = {
		format: JOURNAL_FORMAT,
		version: JOURNAL_VERSION,
		exportedAt: new Date(exportedAt).toISOString(),
		entries: entries.map(entryJson)
	};
	return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads an exported file; throws `JournalFormatError` with a message a trader can act on. */
export function parseJournalFile(text: string): JournalEntry[] {
	if (text.length > MAX_IMPORT_BYTES)
		throw new JournalFormatError(`the file is larger than the limit of ${MAX_IMPORT_BYTES.toLocaleString('en-US')} bytes`);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new JournalFormatError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
	}
	const file = record(value, 'file');
	if (file.format !== JOURNAL_FORMAT)
		throw new JournalFormatError(`not a liqmap journal: "format" is ${quote(file.format)}, expected "${JOURNAL_FORMAT}"`);
	if (file.version !== JOURNAL_VERSION)
		throw new JournalFormatError(`journal version ${quote(file.version)} is not supported (expected ${JOURNAL_VERSION})`);
	if (!Array.isArray(file.entries)) throw new JournalFormatError(`"entries": expected a list, got ${quote(file.entries)}`);
	if (file.entries.length > MAX_ENTRIES)
		throw new JournalFormatError(`${file.entries.length} plans, more than the limit of ${MAX_ENTRIES} per symbol`);
	const entries = file.entries.map((entry, i) => readEntry(entry, `entries[${i}]`));
	const ids = new Set<string>();
	for (const entry of entries) {
		if (ids.has(entry.id)) throw new JournalFormatError(`entry id ${quote(entry.id)} is listed twice`);
		ids.add(entry.id);
	}
	return entries;
}

export function serializeStore(store: JournalStore): string {
	return JSON.stringify({ version: JOURNAL_VERSION, plan: store.plan, checklist: store.checklist, entries: store.entries.map(entryJson) });
}

/** Reads what localStorage holds, strictly; throws `JournalFormatError` naming the first damaged value. */
export function parseStore(text: string): JournalStore {
	const { store, problems } = readStoreLeniently(text);
	if (problems.length > 0) throw new JournalFormatError(problems[0]);
	return store;
}

/** What could be read of a stored journal, and one line per part that could not (and was left out). */
export interface StoreReading {
	store: JournalStore;
	problems: string[];
}

/**
 * Reads what localStorage holds, keeping every readable part: the draft plan, the checklist (notes over the limit are
 * cut) and each saved plan on its own. Only text that is not a journal at all (not JSON, another version) throws.
 */
export function readStoreLeniently(text: string): StoreReading {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new JournalFormatError('the saved journal is not valid JSON');
	}
	const store = record(value, 'store');
	if (store.version !== JOURNAL_VERSION) throw new JournalFormatError(`saved journal version ${quote(store.version)} is not supported`);
	const problems: string[] = [];
	const attempt = <T>(read: () => T, fallback: T): T => {
		try {
			return read();
		} catch (error) {
			if (!(error instanceof JournalFormatError)) throw error;
			problems.push(error.message);
			return fallback;
		}
	};
	const plan = store.plan === null || store.plan === undefined ? null : attempt(() => readPlan(store.plan, 'store.plan'), null);
	const checklist = attempt(() => readChecklist(store.checklist, 'store.checklist', true), emptyChecklist());
	const entries: JournalEntry[] = [];
	if (!Array.isArray(store.entries)) problems.push('store.entries: expected a list');
	else
		store.entries.slice(0, MAX_ENTRIES).forEach((entry, i) => {
			const read = attempt(() => readEntry(entry, `store.entries[${i}]`, true), null);
			if (read) entries.push(read);
		});
	return { store: { plan, checklist, entries }, problems };
}

/** Adds imported entries to saved ones: an entry with a known id replaces it; newest first. */
export function mergeEntries(saved: readonly JournalEntry[], imported: readonly JournalEntry[]): JournalEntry[] {
	const byId = new Map(saved.map((entry) => [entry.id, entry]));
	for (const entry of imported) byId.set(entry.id, entry);
	return [...byId.values()].sort((a, b) => b.savedAt - a.savedAt);
}
