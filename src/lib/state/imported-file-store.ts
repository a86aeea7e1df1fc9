/**
 * The imported CSV kept across reloads: its name and text in IndexedDB (one record; files of 90 days of 5-minute
 * candles run to megabytes, beyond what localStorage promises), written on a good import and removed when the trader
 * returns to the sample or picks another source. Browser only; every call resolves (to null / nothing) where
 * IndexedDB is missing or refuses, since keeping the file is a convenience, never a condition for showing data.
 */

const DATABASE = 'liqmap';
const STORE = 'imported-file';
const KEY = 'current';

export interface StoredFile {
	name: string;
	text: string;
}

function open(): Promise<IDBDatabase | null> {
	if (typeof indexedDB === 'undefined') return Promise.resolve(null);
	return new Promise((resolve) => {
		const request = indexedDB.open(DATABASE, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => resolve(null);
		request.onblocked = () => resolve(null);
	});
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
	const db = await open();
	if (!db) return null;
	return new Promise((resolve) => {
		const transaction = db.transaction(STORE, mode);
		const request = action(transaction.objectStore(STORE));
		transaction.oncomplete = () => {
			db.close();
			resolve(request.result ?? null);
		};
		transaction.onerror = transaction.onabort = () => {
			db.close();
			resolve(null);
		};
	});
}

export async function loadImportedFile(): Promise<StoredFile | null> {
	const stored = await run('readonly', (store) => store.get(KEY) as IDBRequest<StoredFile | undefined>);
	return stored && typeof stored.name === 'string' && typeof stored.text === 'string' ? stored : null;
}

export async function saveImportedFile(file: StoredFile): Promise<void> {
	await run('readwrite', (store) => store.put(file, KEY));
}

export async function forgetImportedFile(): Promise<void> {
	await run('readwrite', (store) => store.delete(KEY));
}
