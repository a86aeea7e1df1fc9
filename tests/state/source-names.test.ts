/**
 * The browser learns the sources' display names from `GET /api/sources` (the server's exchange registry), so the
 * export's header says "Bybit", not "bybit". The body's shape is the API's contract (`src/lib/server/api.ts`, sourcesApi).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceList } from '../../src/lib/state/source-list.svelte.ts';

afterEach(() => vi.unstubAllGlobals());

describe('SourceList', () => {
	it('reads the display names from GET /api/sources', async () => {
		const body = { defaultSource: 'sample', sources: [{ id: 'sample', name: 'Sample', live: false }, { id: 'bybit', name: 'Bybit', live: true }] };
		const asked: string[] = [];
		vi.stubGlobal('fetch', async (url: string) => {
			asked.push(url);
			return new Response(JSON.stringify(body), { status: 200 });
		});
		const list = new SourceList();
		expect(list.name('bybit')).toBe('bybit');
		await list.load();
		expect(asked).toEqual(['/api/sources']);
		expect(list.name('bybit')).toBe('Bybit');
		expect(list.entries.map((entry) => entry.id)).toEqual(['sample', 'bybit']);
	});

	it('keeps the sample and the aggregate, and shows an id as its own name, when the server refuses', async () => {
		vi.stubGlobal('fetch', async () => new Response('{}', { status: 500 }));
		const list = new SourceList();
		await list.load();
		expect(list.entries.map((entry) => entry.id)).toEqual(['sample', 'all']);
		expect(list.name('okx')).toBe('okx');
	});
});
