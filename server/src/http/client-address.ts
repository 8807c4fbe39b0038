import type { IncomingMessage } from 'node:http';
import express from 'express';

type Trust = (address: string, hop: number) => boolean;

/** Express's own compiled `trust proxy` setting (TRUST_PROXY), so that a socket reads its client as `req.ip` does. */
export function proxyTrust(setting: string | false): Trust {
  return express().set('trust proxy', setting).get('trust proxy fn') as Trust;
}

/**
 * The client's address as Express's `req.ip` gives it (proxy-addr's walk): the socket's peer, then
 * each `X-Forwarded-For` entry from the right for as long as the hop before it is a trusted proxy.
 */
export function clientAddressOf(req: IncomingMessage, trust: Trust): string | undefined {
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  const chain = [req.socket.remoteAddress ?? '', ...forwarded];
  let hop = 0;
  while (hop < chain.length - 1 && trust(chain[hop]!, hop)) hop++;
  return chain[hop] || undefined;
}
