/** `GET /api/sources`: the data sources and this server's default (`LIQMAP_DEFAULT_SOURCE`); no parameters. */
import { sourcesApi } from '$lib/server/api.ts';
import { toResponse } from '$lib/server/api-response.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => toResponse(sourcesApi(url));

export { rejectMethod as fallback } from '$lib/server/api-response.ts';
