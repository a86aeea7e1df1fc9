import { describe, expect, it } from 'vitest';
import { fetchSourceNames } from '../../src/lib/state/workstation.svelte.ts';

describe('fetchSourceNames', () => {
	it('reads the display names from GET /api/sources, so the export says "Bybit", not "bybit"', async () => {
		// The body's shape is the API's contract (`src/lib/server/api.ts`, sourcesApi).
		const body = { defaultSource: 'sample', sources: [{ id: 'sample', name: 'Sample', live: false }, { id: 'bybit', name: 'Bybit', live: true }] };
		const asked: string[] = [];
		const names = await fetchSourceNames((async (url: string) => {
			asked.push(url);
			return new Response(JSON.stringify(body), { status: 200 });
		}) as typeof fetch);
		expect(asked).toEqual(['/api/sources']);
		expect(names).toEqual({ sample: 'Sample', bybit: 'Bybit' });
	});

	it('has no names when the server refuses (the page then shows the id)', async () => {
		expect(await fetchSourceNames((async () => new Response('{}', { status: 500 })) as typeof fetch)).toEqual({});
	});
});
