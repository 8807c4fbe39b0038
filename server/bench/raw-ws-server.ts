/**
 * The fan-out baseline: a bare `ws` server in its own process that, on POST /broadcast, sends the
 * request's body as it is to every open socket (serialised once, no GraphQL, no authentication).
 * It prints its port on stdout and runs until killed.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const http = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    for (const socket of wss.clients) socket.send(body);
    response.end('{"ok":true}');
  });
});
const wss = new WebSocketServer({ server: http, path: '/graphql' });
http.listen(0, '127.0.0.1', () => console.log((http.address() as { port: number }).port));
