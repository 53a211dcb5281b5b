import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Methods a web Request cannot carry (the fetch standard forbids them), so no route can see them. */
const FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/**
 * Closes the connection after an answer sent before its request body was read, and answers
 * forbidden methods with a 405 before the site's handler turns the request into a web
 * Request (which throws on them); every other request passes to the handlers already attached.
 */
export function guardNodeRequests(server: Server): void {
  const handlers = server.listeners('request') as ((
    request: IncomingMessage,
    response: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (FORBIDDEN_METHODS.has((request.method ?? '').toUpperCase())) {
      request.resume();
      response.writeHead(405, {
        allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
        'content-type': 'text/plain; charset=utf-8',
        connection: 'close',
      });
      response.end(`${request.method} is not supported here; use GET or POST.\n`);
      return;
    }
    // A body refused before it was read (a 413, a 401 to an upload) is not read to its end: the
    // connection closes once the answer is sent, so nobody can make the server swallow 100 MB.
    const socket = request.socket;
    response.once('finish', () => {
      if (!request.complete) socket.destroy();
    });
    for (const handler of handlers) handler.call(server, request, response);
  });
}
