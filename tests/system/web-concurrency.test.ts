// WEB_CONCURRENCY=2 on PostgreSQL: one `npm start` runs two server processes on one port
// (node:cluster). Both answer, a process that dies is replaced while the other keeps serving, and
// SIGTERM stops them all.
import http from "node:http";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTrellis, type TrellisServer } from "../../bench/lib/server";
import { appDir, createEmptyDatabase } from "./app";

let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
let server: TrellisServer | undefined;

beforeAll(async () => {
  database = await createEmptyDatabase();
  server = await startTrellis(appDir, { DATABASE_URL: database.url, WEB_CONCURRENCY: "2" });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** The PIDs of the server processes that said they listen, in order. */
function listeningPids(): number[] {
  return [...server!.output().matchAll(/\[trellis (\d+)\] listening on (\S+)/g)].map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server!.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET /healthz on a new connection each time (a kept-alive one may be to a process since killed). */
function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: 30_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () =>
      request.destroy(new Error(`${url} timed out (${new Date().toISOString()})\n${server!.output()}`)),
    );
    request.on("error", reject);
  });
}

async function healthy(): Promise<number[]> {
  return Promise.all(Array.from({ length: 12 }, () => status(`${server!.baseURL}/healthz`)));
}

/** Twelve 200s in a row, tried until `ms` has passed (a process just started answers slowly at first). */
async function eventuallyHealthy(ms = 120_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await healthy();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

test(
  "two processes on one port, a dead one replaced, all stopped on SIGTERM",
  { timeout: 400_000 },
  async () => {
    await waitFor("two processes listening", () => listeningPids().length >= 2);
    const [first, second] = listeningPids();
    expect(first).not.toBe(second);
    expect(server!.output()).toContain("starting 2 server processes");
    expect(await eventuallyHealthy()).toEqual(Array(12).fill(200));

    // One dies: the other keeps answering, and a new one takes its place.
    // (Once the primary has seen it go: node:cluster may hand a connection accepted in that instant
    // to the dead process, where it hangs.)
    process.kill(first!, "SIGKILL");
    await waitFor("the primary to see it exit", () => server!.output().includes(`process ${first} exited`));
    expect(await healthy()).toEqual(Array(12).fill(200));
    await waitFor("a replacement process", () => listeningPids().length >= 3);
    const replacement = listeningPids()[2]!;
    expect([first, second]).not.toContain(replacement);
    expect(server!.output()).toMatch(
      new RegExp(`server process ${first} exited \\(SIGKILL\\): starting another`),
    );
    expect(await eventuallyHealthy()).toEqual(Array(12).fill(200));

    await server!.stop();
    expect(server!.output()).toMatch(/\[trellis\] stopped/);
    expect(alive(second!)).toBe(false);
    expect(alive(replacement)).toBe(false);
    server = undefined;
  },
);
