/** Any other `/api/*` path, any method: a JSON 404 (`notFoundApi`), never the HTML error page. */
import { notFoundApi } from '$lib/server/api.ts';
import { toResponse } from '$lib/server/api-response.ts';
import type { RequestHandler } from './$types';

export const fallback: RequestHandler = ({ url }) => toResponse(notFoundApi(url));
