import type { APIRoute } from 'astro';
import { aboutResponse } from '../../lib/server/xapi/about.ts';

/** The xAPI About resource. */
export const ALL: APIRoute = ({ request }) => aboutResponse(request.method.toUpperCase());
