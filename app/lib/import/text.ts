// Comparing what people type in spreadsheets: case, accents, punctuation and spacing do not matter.

/** Lower case, accents stripped, anything but letters and digits to one space, trimmed. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .trim();
}
