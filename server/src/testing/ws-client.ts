import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export interface SocketClient {
  client: Client;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<number>;
  /** Resolves once the server acknowledged connection_init. */
  connected: Promise<void>;
  dispose(): Promise<void>;
}

/** A graphql-ws client over `ws`, as a wallboard would open it, with the token in connectionParams. */
export function openSocket(httpUrl: string, token: string | null): SocketClient {
  let onClosed!: (code: number) => void;
  let onConnected!: () => void;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token === null ? {} : { authorization: `Bearer ${token}` },
    on: {
      connected: () => onConnected(),
      closed: (event) => onClosed((event as { code: number }).code),
    },
    onNonLazyError: () => undefined,
  });
  return { client, closed, connected, dispose: () => client.dispose() as Promise<void> };
}

/** One running operation and everything it received so far. */
export class LiveOperation<T = Record<string, any>> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}) {
    this.unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result: ExecutionResult<T>) => {
          if (result.errors?.length) this.errors.push(...result.errors);
          else if (result.data) this.received.push(result.data);
          this.notify();
        },
        error: (error) => {
          // graphql-ws hands a refused operation's GraphQL errors over as an array, a dropped socket as its close event.
          if (Array.isArray(error)) this.errors.push(...error);
          else this.errors.push(error);
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  /** Waits until `done(received)` holds, failing with `what` after `timeoutMs`. */
  waitFor(done: (received: T[]) => boolean, what: string, timeoutMs = 15_000): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done(this.received)) {
          cleanup();
          resolve(this.received);
        } else if (this.errors.length > 0) {
          cleanup();
          reject(new Error(`${what}: the operation failed: ${JSON.stringify(this.errors)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`${what}: not within ${timeoutMs} ms; received ${JSON.stringify(this.received).slice(0, 2000)}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  waitForError(what: string, timeoutMs = 15_000): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.errors.length > 0) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(this.errors);
        }
      };
      const timer = setTimeout(() => reject(new Error(`${what}: no error within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  stop(): void {
    this.unsubscribe();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export const EVENTS = `subscription($since: Int) { events(since: $since) { seq kind at data enterprise { id code } hazard { id title overdue } alert { kind since enterprise { code } } } }`;

export interface EventData {
  events: {
    seq: number;
    kind: string;
    at: string;
    data: string | null;
    enterprise: { id: string; code: string } | null;
    hazard: { id: string; title: string; overdue: boolean } | null;
    alert: { kind: string; since: string; enterprise: { code: string } } | null;
  };
}
