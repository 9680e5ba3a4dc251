import type { Readable } from 'node:stream';
import { handoffImportLineSchema, wellFormedJson, type HandoffImportLine } from '@kim/contracts';

/** Longest line accepted; longer ones are refused without being held in memory. */
export const MAX_LINE_BYTES = 64 * 1024;

export interface RawLine {
  /** 1-based line number in the file. */
  no: number;
  /** The line's text, or why it could not be read. */
  text: string | null;
  problem?: string;
  /** Bytes of the file read up to the end of this line. */
  bytesRead: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The lines of a stream, one at a time, with their numbers. Memory stays bounded whatever the
 * file's size: the stream is pulled (backpressure) and a line longer than MAX_LINE_BYTES is
 * skipped to its end and reported, not collected.
 */
export async function* readLines(stream: Readable): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let no = 0;
  let bytesRead = 0;
  const finish = (): RawLine => {
    no++;
    if (tooLong) {
      parts = [];
      partBytes = 0;
      tooLong = false;
      return { no, text: null, problem: `line longer than ${MAX_LINE_BYTES} bytes`, bytesRead };
    }
    let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
    parts = [];
    partBytes = 0;
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    // A byte-order mark at the start of the file is not part of the first line.
    if (no === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    try {
      return { no, text: decoder.decode(buf), bytesRead };
    } catch {
      return { no, text: null, problem: 'not valid UTF-8', bytesRead };
    }
  };
  for await (const chunk of stream) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let start = 0;
    for (;;) {
      const nl = data.indexOf(0x0a, start);
      const end = nl === -1 ? data.length : nl;
      if (!tooLong) {
        if (partBytes + (end - start) > MAX_LINE_BYTES) tooLong = true;
        else if (end > start) {
          parts.push(data.subarray(start, end));
          partBytes += end - start;
        }
      }
      if (nl === -1) {
        bytesRead += data.length - start;
        break;
      }
      bytesRead += nl + 1 - start;
      yield finish();
      start = nl + 1;
    }
  }
  if (partBytes > 0 || tooLong) yield finish();
}

export interface LineProblem {
  field: string;
  reason: string;
}

export type ParsedLine =
  | { ok: true; event: HandoffImportLine }
  | { ok: false; problems: LineProblem[]; eventId: string | null }
  | { ok: 'blank' };

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Validate one status line: the same contract as a status webhook. Never throws. */
export function parseImportLine(text: string | null, problem?: string): ParsedLine {
  if (text === null)
    return { ok: false, problems: [{ field: '(line)', reason: problem ?? 'unreadable' }], eventId: null };
  if (text.trim() === '') return { ok: 'blank' };
  // PostgreSQL stores no NUL character, raw or escaped in JSON: refuse it here, clearly.
  if (text.includes('\u0000') || text.includes('\\u0000')) {
    return { ok: false, problems: [{ field: '(line)', reason: 'contains a NUL character (U+0000)' }], eventId: null };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      problems: [{ field: '(line)', reason: `not valid JSON: ${(e as Error).message}` }],
      eventId: null,
    };
  }
  // JSON allows a lone UTF-16 surrogate as an escape ("\ud800"); PostgreSQL's jsonb refuses it, and
  // one such line failed the whole chunk, so the whole import, instead of being reported.
  if (SURROGATE_ESCAPE.test(text) && !wellFormedJson(json)) {
    return {
      ok: false,
      problems: [{ field: '(line)', reason: 'contains an unpaired surrogate escape (\\uD800–\\uDFFF)' }],
      eventId: null,
    };
  }
  const result = handoffImportLineSchema.safeParse(json);
  if (result.success) return { ok: true, event: result.data };
  const id = (json as { id?: unknown } | null)?.id;
  return {
    ok: false,
    eventId: typeof id === 'string' && id.length <= 200 ? id : null,
    problems: result.error.issues.map((i) => ({
      field: i.path.map(String).join('.') || '(line)',
      reason: i.message,
    })),
  };
}
