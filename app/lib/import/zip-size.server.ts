// How much an XLSX (a ZIP archive) unpacks to, checked before exceljs loads it: a file of a few
// hundred KB can unpack to hundreds of MB (a "zip bomb"). Each entry is inflated once with Node's zlib
// under the remaining budget (maxOutputLength), so the sizes the archive declares cannot lie and no
// more than the budget is ever unpacked. ZIP64 archives and odd compression methods are refused.
import { inflateRawSync } from "node:zlib";

export type ZipCheck = "ok" | "tooLarge" | "unreadable";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More entries than any spreadsheet has: many tiny entries are refused too. */
const MAX_ENTRIES = 2_000;

function endOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 65_535); at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

/** Whether the archive's entries unpack to at most `maxBytes` in all. */
export function checkUnzippedSize(bytes: Uint8Array, maxBytes: number): ZipCheck {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = endOfCentralDirectory(view);
    if (end < 0) return "unreadable";
    const entries = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    if (entries > MAX_ENTRIES || entries === 0xffff || at === 0xffffffff) return "tooLarge";
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (view.getUint32(at, true) !== CENTRAL) return "unreadable";
      const method = view.getUint16(at + 10, true);
      const compressed = view.getUint32(at + 20, true);
      const declared = view.getUint32(at + 24, true);
      const local = view.getUint32(at + 42, true);
      if ([compressed, declared, local].includes(0xffffffff)) return "tooLarge";
      if (total + declared > maxBytes) return "tooLarge";
      if (view.getUint32(local, true) !== LOCAL) return "unreadable";
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + compressed);
      let size: number;
      if (method === 0) size = data.byteLength;
      else if (method === 8) {
        // Throws (RangeError) past the remaining budget (at least 1 byte): nothing more is unpacked.
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes - total) }).byteLength;
      } else return "unreadable";
      total += size;
      if (total > maxBytes) return "tooLarge";
      at +=
        46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return "ok";
  } catch (error) {
    if (error instanceof RangeError && (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      return "tooLarge";
    }
    return "unreadable";
  }
}
