/**
 * The bytes of an index snapshot: a small JSON header, then typed arrays and
 * string lists as raw bytes, so loading copies memory instead of parsing text
 * (a JSON snapshot of 100k passages took seconds to parse).
 *
 *   "SUMMITIX" | header length (u32) | CRC-32 of the rest (u32) | header JSON | sections
 *
 * Sections start at multiples of 8. A string list is two sections: the strings
 * as one UTF-8 text and where each ends (in UTF-16 units). Arrays are in the
 * machine's byte order, which the header records. Anything that does not read
 * back exactly (wrong magic, checksum, byte order, section bounds) throws.
 */
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('SUMMITIX', 'latin1');
const PREFIX = MAGIC.length + 8;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type SnapshotSection = Int32Array | Uint8Array | readonly string[];

interface SectionEntry {
  name: string;
  type: 'i32' | 'u8';
  offset: number;
  length: number;
}

interface Header {
  byteOrder: string;
  meta: unknown;
  sections: SectionEntry[];
}

export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
}

const align8 = (n: number) => (n + 7) & ~7;

/** Encodes `meta` (anything JSON) and the sections as one buffer. */
export function encodeSnapshot(meta: unknown, sections: Record<string, SnapshotSection>): Buffer {
  const raw: Array<{ name: string; type: SectionEntry['type']; bytes: Uint8Array; length: number }> = [];
  for (const [name, value] of Object.entries(sections)) {
    if (value instanceof Int32Array) raw.push({ name, type: 'i32', bytes: new Uint8Array(value.buffer, value.byteOffset, value.byteLength), length: value.length });
    else if (value instanceof Uint8Array) raw.push({ name, type: 'u8', bytes: value, length: value.length });
    else {
      const strings = value as readonly string[];
      const ends = new Int32Array(strings.length);
      let end = 0;
      strings.forEach((s, i) => { end += s.length; ends[i] = end; });
      const text = Buffer.from(strings.join(''), 'utf8');
      raw.push({ name: `${name}.text`, type: 'u8', bytes: text, length: text.length });
      raw.push({ name: `${name}.ends`, type: 'i32', bytes: new Uint8Array(ends.buffer), length: ends.length });
    }
  }
  let offset = 0;
  const entries: SectionEntry[] = raw.map(({ name, type, bytes, length }) => {
    const entry = { name, type, offset, length };
    offset = align8(offset + bytes.byteLength);
    return entry;
  });
  const header = Buffer.from(JSON.stringify({ byteOrder: endianness(), meta, sections: entries } satisfies Header), 'utf8');
  const body = align8(PREFIX + header.length);
  const out = Buffer.alloc(body + offset);
  MAGIC.copy(out, 0);
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, PREFIX);
  raw.forEach((section, i) => out.set(section.bytes, body + entries[i]!.offset));
  out.writeUInt32LE(crc32(out.subarray(PREFIX)), MAGIC.length + 4);
  return out;
}

export interface DecodedSnapshot {
  meta: unknown;
  int32(name: string): Int32Array;
  uint8(name: string): Uint8Array;
  strings(name: string): string[];
}

/** Reads back `encodeSnapshot` output; throws SnapshotFormatError when the bytes are not one intact snapshot. */
export function decodeSnapshot(bytes: Uint8Array): DecodedSnapshot {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotFormatError('not an index snapshot');
  if (buf.readUInt32LE(MAGIC.length + 4) !== crc32(buf.subarray(PREFIX))) throw new SnapshotFormatError('snapshot is damaged (checksum mismatch)');
  const headerLength = buf.readUInt32LE(MAGIC.length);
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
  } catch {
    throw new SnapshotFormatError('snapshot header is not JSON');
  }
  if (header.byteOrder !== endianness()) throw new SnapshotFormatError('snapshot was written on a machine of another byte order');
  const body = align8(PREFIX + headerLength);
  const entries = new Map((Array.isArray(header.sections) ? header.sections : []).map((s) => [s.name, s]));
  const section = (name: string, type: SectionEntry['type']) => {
    const entry = entries.get(name);
    const size = type === 'i32' ? 4 : 1;
    if (!entry || entry.type !== type || !Number.isSafeInteger(entry.offset) || !Number.isSafeInteger(entry.length)
      || entry.offset < 0 || entry.length < 0 || body + entry.offset + entry.length * size > buf.length) {
      throw new SnapshotFormatError(`snapshot section ${name} is missing or out of bounds`);
    }
    return buf.subarray(body + entry.offset, body + entry.offset + entry.length * size);
  };
  // Views into the file's bytes, not copies (copying 60 MB took 50 ms of a start); copied only if misaligned.
  const int32 = (name: string) => {
    const bytes = section(name, 'i32');
    if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const out = new Int32Array(bytes.length / 4);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  };
  return {
    meta: header.meta,
    int32,
    uint8: (name) => { const bytes = section(name, 'u8'); return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length); },
    strings: (name) => {
      const ends = int32(`${name}.ends`);
      let text: string;
      try {
        text = utf8.decode(section(`${name}.text`, 'u8'));
      } catch {
        throw new SnapshotFormatError(`snapshot section ${name} is not UTF-8`);
      }
      if ((ends.length ? ends[ends.length - 1]! : 0) !== text.length) throw new SnapshotFormatError(`snapshot section ${name} does not add up`);
      const out = new Array<string>(ends.length);
      let start = 0;
      for (let i = 0; i < ends.length; i++) {
        const end = ends[i]!;
        if (end < start) throw new SnapshotFormatError(`snapshot section ${name} does not add up`);
        out[i] = text.slice(start, end);
        start = end;
      }
      return out;
    },
  };
}
