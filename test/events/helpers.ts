/** Shared by the events tests: a receiver behind a loopback node:http server, and POSTing to it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import events from '@vcenter-sdk/events-data';
import { createReceiver, nodeHandler, type ReceiverOptions } from '@vcenter-sdk/events';

export { events };

export function receiverWith(o: Partial<ReceiverOptions<typeof events>> = {}) {
  return createReceiver({ events, tracing: false, ...o });
}

export async function listen(handler: (req: any, res: any) => void): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function serve(receiver: ReturnType<typeof receiverWith>) {
  return listen(nodeHandler(receiver));
}

export async function post(url: string, m: { headers: Record<string, string>; body: string }) {
  const res = await fetch(url, { method: 'POST', headers: m.headers, body: m.body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}
