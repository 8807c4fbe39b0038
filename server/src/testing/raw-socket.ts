import WebSocket from 'ws';

export interface SocketAnswer {
  /** The operation's answer: its payload (next or error), or null when the socket closed first. */
  payload: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
  /** The close code if the server closed the socket. */
  closeCode: number | null;
}

/**
 * Opens a graphql-transport-ws socket by hand (so that it can send what no client library would),
 * sends connection_init with or without a token and then `message` (an object or a raw string),
 * after the ack when signed in, at once when not; returns the first answer to it or the close.
 */
export function socketSend(
  url: string,
  token: string | null,
  message: unknown,
  headers: Record<string, string> = {},
): Promise<SocketAnswer> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
    let payload: SocketAnswer['payload'] = null;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the socket gave no answer within 30 s'));
    }, 30_000);
    const finish = (closeCode: number | null) => {
      clearTimeout(timer);
      resolve({ payload, closeCode });
    };
    const send = () => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    socket.on('open', () => {
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} }),
      );
      // Without a token there is no ack to wait for: the operation goes straight after the init.
      if (!token) send();
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { type: string; payload?: unknown };
      if (frame.type === 'connection_ack') return send();
      if (frame.type === 'next' || frame.type === 'error') {
        payload = frame.type === 'error' ? { errors: frame.payload as never } : (frame.payload as never);
        socket.close(1000);
      }
    });
    socket.on('close', (code) => finish(payload ? null : code));
    socket.on('error', () => undefined);
  });
}

export interface RawSubscription {
  socket: WebSocket;
  /** Resolves when the server acknowledged connection_init and the subscribe frame went out. */
  subscribed: Promise<void>;
}

/**
 * A bare graphql-transport-ws subscriber: connection_init with the token, then one subscribe
 * (id "1") once acked. Every later frame's text goes to `onFrame` unparsed, so that a benchmark's
 * client costs its process as little as a browser on its own machine would cost the server's.
 */
export function rawSubscribe(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  onFrame: (text: string) => void,
): RawSubscription {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const subscribed = new Promise<void>((resolve, reject) => {
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (raw: Buffer) => {
      const text = raw.toString();
      if (!text.startsWith('{"type":"connection_ack"')) return onFrame(text);
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
      resolve();
    });
    socket.on('error', reject);
    socket.on('close', (code) => reject(new Error(`the socket closed (${code}) before it subscribed`)));
  });
  return { socket, subscribed };
}
