import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingAgency {
  url: string;
  /** Parsed CloudEvents received, in order. */
  events: { type: string; data: any; id: string }[];
  /** The same deliveries as received: exact body and headers (to check signatures). */
  raw: { body: string; headers: Record<string, string | string[] | undefined> }[];
  close(): Promise<void>;
}

/** A loopback agency endpoint that records what it receives and answers with a fixed status. */
export async function recordingAgency(answer: () => number = () => 204): Promise<RecordingAgency> {
  const events: RecordingAgency['events'] = [];
  const raw: RecordingAgency['raw'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = answer();
      if (status < 300) {
        const body = Buffer.concat(chunks).toString();
        events.push(JSON.parse(body));
        raw.push({ body, headers: req.headers });
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    raw,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
