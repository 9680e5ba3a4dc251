import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError, IDLE_SOCKET_MS, postSigned } from './webhook-sender.js';

/**
 * A real loopback server that resets a connection at a chosen request, as an agency's server
 * does when it closes an idle kept-alive socket just as the hub writes to it.
 */
async function agency(resetWhen: (nthOnSocket: number) => boolean) {
  const seen: number[] = [];
  const perSocket = new WeakMap<object, number>();
  const server = http.createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    seen.push(n);
    if (resetWhen(n)) {
      req.socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  // Longer than the hub keeps an idle socket, as nginx (75 s) does: so the hub's own limit is what closes it.
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const post = (url: string, id: string) => postSigned(url, ['whsec_' + 'a'.repeat(32)], id, '{"x":1}', 5_000, 't');

describe('postSigned on kept-alive sockets', () => {
  it('sends a POST again once, on a new socket, when a reused socket is reset', async () => {
    const a = await agency((n) => n === 2);
    try {
      await post(a.url, 'msg_1');
      await post(a.url, 'msg_2');
      // First POST on socket 1; the second reuses it and is reset; sent again as socket 2's first.
      expect(a.seen).toEqual([1, 2, 1]);
    } finally {
      await a.close();
    }
  });

  it('does not send again when a new socket is reset: that is the agency failing, retried later', async () => {
    const a = await agency(() => true);
    try {
      await expect(post(a.url, 'msg_3')).rejects.toBeInstanceOf(DeliveryError);
      expect(a.seen).toEqual([1]);
    } finally {
      await a.close();
    }
  });

  it(`closes a socket idle for ${IDLE_SOCKET_MS} ms itself, before the agency's server would`, async () => {
    const a = await agency(() => false);
    try {
      await post(a.url, 'msg_4');
      await new Promise((r) => setTimeout(r, IDLE_SOCKET_MS + 500));
      await post(a.url, 'msg_5');
      // Both POSTs are the first on their socket: the idle one was closed by the hub.
      expect(a.seen).toEqual([1, 1]);
    } finally {
      await a.close();
    }
  }, 15_000);
});
