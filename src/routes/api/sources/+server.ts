/** `GET /api/sources`: the data sources and this server's default (`LIQMAP_DEFAULT_SOURCE`); no parameters. */
import { json } from '@sveltejs/kit';
import { sourcesApi } from '$lib/server/api.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => {
	const result = sourcesApi(url);
	return json(result.body, { status: result.status, headers: result.headers });
};
