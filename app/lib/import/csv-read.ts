// Reading CSV as spreadsheets write it (RFC 4180): quoted cells with doubled quotes, separators and
// line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark. Excel in French (and other
// locales whose list separator is ";") writes ";" between cells: the header line decides. Pure.

export interface CsvRecord {
  /** The line of the file the record starts on (1 = the first line). */
  line: number;
  cells: string[];
}

/** ";" when the header line (outside quotes) has more of them than ","; else ",". */
export function guessSeparator(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Every record of the text, with the line it starts on. Lines with nothing on them are skipped
 * (a trailing newline, blank lines between blocks); a record of empty cells (",,,") is kept: the
 * caller decides what an empty row means.
 */
export function readCsv(input: string, separator?: "," | ";"): CsvRecord[] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const sep = separator ?? guessSeparator(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  /** Whether the current record has anything yet (a separator, a quote or a character). */
  let started = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    if (started) records.push({ line: recordLine, cells: [...cells, cell] });
    cells = [];
    cell = "";
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (!started) recordLine = line;
      quoted = true;
      started = true;
    } else if (char === sep) {
      if (!started) recordLine = line;
      cells.push(cell);
      cell = "";
      started = true;
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
    } else {
      if (!started) recordLine = line;
      cell += char;
      started = true;
    }
  }
  endRecord();
  return records;
}
