// Admission control for the app's own requests (pages, data requests, form posts; static files
// are served before this): at most `limit` of them run at once in a server process, the others
// wait in arrival order. Decision 0036 says why: with every open request interleaved on one event
// loop, a request took as long as all the work that happened to arrive with it, so a heavy one
// (the network's data after a new organisation, a save) finished last and the slowest replies were
// two to three times the mean; taken in order, each waits for the work ahead of it only.
import type { RequestHandler } from "express";

export interface AdmissionStats {
  running: number;
  waiting: number;
}

export interface Admission {
  middleware: RequestHandler;
  stats(): AdmissionStats;
}

interface Waiting {
  start: () => void;
  next: Waiting | undefined;
  cancelled: boolean;
}

export function admissionControl(limit: number): Admission {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(`admission limit must be a whole number of at least 1, not ${limit}`);
  }
  let running = 0;
  let waiting = 0;
  // FIFO as a linked list: O(1) at both ends, and a client that leaves is only marked.
  let first: Waiting | undefined;
  let last: Waiting | undefined;

  const startNext = () => {
    while (running < limit && first) {
      const entry = first;
      first = entry.next;
      if (!first) last = undefined;
      if (entry.cancelled) continue;
      waiting--;
      entry.start();
    }
  };

  const middleware: RequestHandler = (_req, res, next) => {
    let state: "waiting" | "running" | "done" = "waiting";
    const start = () => {
      state = "running";
      running++;
      next();
    };
    // Its place in the queue, if it has to wait (a request still waiting when it closes had one).
    const entry: Waiting = { start, next: undefined, cancelled: false };
    // When the reply is sent or the client goes away (the response's close event covers both): a
    // running request gives its slot back, once; a waiting one leaves its place.
    res.once("close", () => {
      if (state === "running") {
        running--;
        startNext();
      } else if (state === "waiting") {
        entry.cancelled = true;
        waiting--;
      }
      state = "done";
    });
    if (running < limit && !first) {
      start();
      return;
    }
    if (last) last.next = entry;
    else first = entry;
    last = entry;
    waiting++;
  };

  return { middleware, stats: () => ({ running, waiting }) };
}
