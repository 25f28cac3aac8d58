// The document's body stream: React's small writes of one turn leave as one chunk, in order, and
// nothing is held back past its turn or lost at the end.
import { describe, expect, it } from "vitest";
import { coalescingBody } from "~/lib/coalescing-body.server";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function collect(stream: NodeJS.ReadableStream): string[] {
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return chunks;
}

describe("coalescingBody", () => {
  it("sends the writes of one turn as one chunk, and each turn's separately", async () => {
    let finals = 0;
    const body = coalescingBody(() => finals++);
    const chunks = collect(body);
    body.write(new TextEncoder().encode("<html>"));
    body.write(Buffer.from("<body>"));
    body.write("é");
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html><body>é"]);
    body.write("<p>later</p>");
    await nextTurn();
    await nextTurn();
    expect(chunks).toEqual(["<html><body>é", "<p>later</p>"]);
    expect(finals).toBe(0);
    const ended = new Promise((resolve) => body.on("end", resolve));
    body.end("</body></html>");
    await ended;
    expect(chunks.join("")).toBe("<html><body>é<p>later</p></body></html>");
    expect(finals).toBe(1);
  });

  it("flushes what is pending when the writer ends in the same turn", async () => {
    let finals = 0;
    const body = coalescingBody(() => finals++);
    const chunks = collect(body);
    const ended = new Promise((resolve) => body.on("end", resolve));
    for (let i = 0; i < 100; i++) body.write(`${i},`);
    body.end();
    await ended;
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(""));
    expect(finals).toBe(1);
  });
});
