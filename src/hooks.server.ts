/**
 * Security headers on every response. The pages' Content-Security-Policy comes from `kit.csp` in `svelte.config.js`
 * (SvelteKit adds hashes/nonces for its own inline scripts), other responses get `default-src 'none'`; here also: no
 * MIME sniffing, no framing by other sites,
 * no referrer sent to other origins, no powerful browser features. At start-up the `LIQMAP_*` environment is checked.
 */
import type { Handle, ServerInit } from '@sveltejs/kit';
import { readServerConfig } from '$lib/server/config.ts';
import { readStreamConfig } from '$lib/server/streams/stream-config.ts';
import { readRecorderConfig } from '$lib/server/recorder/recorder-config.ts';
import { startServerRecorder } from '$lib/server/recorder/recorded-data.ts';

/** Refuses to start with a bad `LIQMAP_*` variable (the message names it) instead of failing on the first request. */
export const init: ServerInit = () => {
	readServerConfig();
	readStreamConfig();
	readRecorderConfig();
	// Recording runs beside the server (LIQMAP_RECORD); a database that fails is reported by /api/recording.
	void startServerRecorder().catch((error: unknown) => console.error('liqmap: the recorder could not start:', error instanceof Error ? error.message : error));
};

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'cross-origin-opener-policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// Pages carry kit.csp's policy; anything else (the JSON API) gets the strictest one: it is never a document.
	if (!response.headers.has('content-security-policy'))
		response.headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	return response;
};
