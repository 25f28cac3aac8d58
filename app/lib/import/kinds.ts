// What an import can bring in, and the layouts of the files it reads. Pure data: the schema's CHECK
// constraints and the import pages read the same lists: organisations, partnerships with their
// members (one row per membership), and direct relationships between organisations.
export const importKinds = ["organisations", "partnerships", "relationships"] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * table: one header row, one record per row; kumu: Kumu's export (its "Elements" sheet for
 * organisations, its "Connections" sheet for relationships).
 */
export const importLayouts = ["table", "kumu"] as const;
export type ImportLayout = (typeof importLayouts)[number];

/** The largest file accepted (bytes). Larger ones are refused before anything is read or stored. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The most data rows one file may hold. */
export const IMPORT_MAX_ROWS = 20_000;

/** The most columns one file may have (a data row's cells past it are left out). */
export const IMPORT_MAX_COLUMNS = 200;

/** The most an XLSX file may unpack to (bytes): a small file can unpack to hundreds of MB. */
export const IMPORT_MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** How long an upload waits for its commit before it is cleaned up (hours). */
export const IMPORT_TTL_HOURS = 24;

/** One data row of an uploaded file: its row number in the file and its cells, as text. */
export interface ImportRow {
  line: number;
  cells: string[];
  /**
   * The columns (0-based) whose cell held NUL, which PostgreSQL cannot store (nor the batch's jsonb):
   * the cell keeps U+FFFD in its place, and the row is an error wherever such a cell is mapped.
   */
  nul?: number[];
}

export function importKindOf(value: unknown): ImportKind | null {
  return importKinds.find((kind) => kind === value) ?? null;
}
