/**
 * REFI-QDA GUIDs. Export uses name-based UUIDs (RFC 4122 version 5, SHA-1) over a per-project namespace and the
 * snapshot's stable ids, as Taguette does, so that exporting the same snapshot twice gives byte-identical files.
 * Import accepts GUIDs with or without braces and in either case (NVivo writes lowercase, MAXQDA uppercase).
 */
import { createHash } from 'node:crypto';

/** Namespace of all Staffwell REFI-QDA GUIDs (a fixed random UUID; never change it). */
export const STAFFWELL_REFI_NAMESPACE = '3f0c6a52-8d1e-4b7a-9c55-2e6b1d4f7a10';

const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

function uuidBytes(uuid: string): Buffer {
  const m = GUID_RE.exec(uuid.trim());
  if (!m) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(m[1].replace(/-/g, ''), 'hex');
}

function format(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 4122 version-5 UUID of `name` (UTF-8) in `namespace`, lowercase. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(Buffer.from(name, 'utf8')).digest();
  const b = new Uint8Array(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  return format(b);
}

/** The GUID namespace of one project: v5 of `project:<key>` in the Staffwell namespace. */
export function projectNamespace(key: string): string {
  return uuidV5(STAFFWELL_REFI_NAMESPACE, `project:${key}`);
}

/** Canonical form of a REFI GUID (braces removed, lowercase), or undefined when it is not a GUID. */
export function normalizeGuid(guid: string | undefined): string | undefined {
  if (guid === undefined) return undefined;
  const m = GUID_RE.exec(guid.trim());
  return m ? m[1].toLowerCase() : undefined;
}
