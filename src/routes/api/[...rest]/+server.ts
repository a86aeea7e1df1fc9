/** Any other `/api/*` path, any method: a JSON 404 (`notFoundApi`), never the HTML error page. */
import { json } from '@sveltejs/kit';
import { notFoundApi } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

export const fallback: RequestHandler = ({ url }) => {
	const result = notFoundApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
