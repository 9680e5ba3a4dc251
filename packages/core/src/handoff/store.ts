import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** The folders of one agency. */
export interface AgencyFolder {
  tenantId: string;
  agencyId: string;
}

export interface InboxEntry {
  name: string;
  bytes: number;
}

export interface HandoffFileContent {
  name: string;
  content: Buffer;
}

/**
 * Where file handoffs live. The local folder implementation is the default; an SFTP or S3
 * adapter implements the same operations (an export is published all at once, e.g. by
 * writing the data objects first and the signature last).
 */
export interface HandoffStore {
  /** Publish an export's files together: none is visible until all are complete. A name that exists is left as it is. */
  publish(agency: AgencyFolder, exportName: string, files: HandoffFileContent[]): Promise<void>;
  isPublished(agency: AgencyFolder, exportName: string): Promise<boolean>;
  /** Status files waiting in the inbox, by name (files being uploaded, named .* or *.part, are ignored). */
  listInbox(agency: AgencyFolder): Promise<InboxEntry[]>;
  readInbox(agency: AgencyFolder, name: string): Readable;
  /** Move a processed status file to done/; returns where it went (relative to the agency's folder). */
  moveToDone(agency: AgencyFolder, name: string): Promise<string>;
  /** Write an error report to reports/ (complete or not at all); returns its path relative to the agency's folder. */
  writeReport(agency: AgencyFolder, name: string, content: Buffer): Promise<string>;
  /** Where the agency's folder is, for messages to people. */
  locate(agency: AgencyFolder): string;
}

export const HandoffFolder = { OUTBOX: 'outbox', INBOX: 'inbox', DONE: 'done', REPORTS: 'reports' } as const;

const INBOX_FILE = /^[^.].*\.(jsonl|ndjson)$/i;
/** Names an agency could send are used as path segments only after this check. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function safe(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe file name ${JSON.stringify(name)}`);
  return name;
}

/** Folders on a local (or mounted) file system: <root>/<tenantId>/<agencyId>/{outbox,inbox,done,reports}. */
export class LocalHandoffStore implements HandoffStore {
  constructor(private readonly root: string) {}

  locate(agency: AgencyFolder): string {
    return path.resolve(this.root, safe(agency.tenantId), safe(agency.agencyId));
  }

  private dir(agency: AgencyFolder, folder: string): string {
    return path.join(this.locate(agency), folder);
  }

  /** Create the agency's four folders (the agency's uploads need an inbox to go to). */
  async ensureFolders(agency: AgencyFolder): Promise<void> {
    for (const f of Object.values(HandoffFolder)) await mkdir(this.dir(agency, f), { recursive: true });
  }

  async publish(agency: AgencyFolder, exportName: string, files: HandoffFileContent[]): Promise<void> {
    const outbox = this.dir(agency, HandoffFolder.OUTBOX);
    const target = path.join(outbox, safe(exportName));
    if (await exists(target)) return;
    await mkdir(outbox, { recursive: true });
    // Written under a dot name and renamed in one step: the agency never sees half an export.
    const temp = path.join(outbox, `.tmp-${exportName}-${randomBytes(4).toString('hex')}`);
    await mkdir(temp);
    try {
      for (const f of files) await writeFile(path.join(temp, safe(f.name)), f.content, { flush: true });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { recursive: true, force: true });
      // Another process published the same export meanwhile: same content, nothing to do.
      if (await exists(target)) return;
      throw e;
    }
  }

  async isPublished(agency: AgencyFolder, exportName: string): Promise<boolean> {
    return exists(path.join(this.dir(agency, HandoffFolder.OUTBOX), safe(exportName)));
  }

  async listInbox(agency: AgencyFolder): Promise<InboxEntry[]> {
    const inbox = this.dir(agency, HandoffFolder.INBOX);
    let names: string[];
    try {
      names = await readdir(inbox);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: InboxEntry[] = [];
    for (const name of names.filter((n) => INBOX_FILE.test(n) && SAFE_NAME.test(n)).sort()) {
      const s = await stat(path.join(inbox, name));
      if (s.isFile()) out.push({ name, bytes: s.size });
    }
    return out;
  }

  readInbox(agency: AgencyFolder, name: string): Readable {
    return createReadStream(path.join(this.dir(agency, HandoffFolder.INBOX), safe(name)));
  }

  async moveToDone(agency: AgencyFolder, name: string): Promise<string> {
    const done = this.dir(agency, HandoffFolder.DONE);
    await mkdir(done, { recursive: true });
    let target = safe(name);
    // A file of the same name sent again later keeps both.
    if (await exists(path.join(done, target))) target = `${stamp(new Date())}-${target}`;
    await rename(path.join(this.dir(agency, HandoffFolder.INBOX), safe(name)), path.join(done, target));
    return `${HandoffFolder.DONE}/${target}`;
  }

  async writeReport(agency: AgencyFolder, name: string, content: Buffer): Promise<string> {
    const reports = this.dir(agency, HandoffFolder.REPORTS);
    await mkdir(reports, { recursive: true });
    const temp = path.join(reports, `.tmp-${randomBytes(4).toString('hex')}`);
    await writeFile(temp, content, { flush: true });
    await rename(temp, path.join(reports, safe(name)));
    return `${HandoffFolder.REPORTS}/${name}`;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** 20260105T013000Z: sorts by time, safe in file names. */
export function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}
