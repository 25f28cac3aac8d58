// Admission control: at most `limit` app requests run at once, the others start in arrival order as
// replies finish, and a client that leaves (waiting or running) never holds or frees a slot twice.
import { EventEmitter } from "node:events";
import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { admissionControl } from "../../server/admission";

function request(admission: ReturnType<typeof admissionControl>, started: string[], name: string) {
  const res = new EventEmitter();
  const next: NextFunction = () => {
    started.push(name);
  };
  admission.middleware({} as Request, res as unknown as Response, next);
  return { close: () => res.emit("close") };
}

describe("admissionControl", () => {
  it("runs at most `limit` requests at once and starts the others in arrival order", () => {
    const admission = admissionControl(2);
    const started: string[] = [];
    const [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map((n) => request(admission, started, n));
    expect(started).toEqual(["a", "b"]);
    expect(admission.stats()).toEqual({ running: 2, waiting: 3 });
    b!.close();
    expect(started).toEqual(["a", "b", "c"]);
    a!.close();
    expect(started).toEqual(["a", "b", "c", "d"]);
    expect(admission.stats()).toEqual({ running: 2, waiting: 1 });
    c!.close();
    d!.close();
    e!.close();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    expect(admission.stats()).toEqual({ running: 0, waiting: 0 });
    // Idle again: the next request starts at once.
    request(admission, started, "f");
    expect(started.at(-1)).toBe("f");
  });

  it("drops a waiting request whose client left, without freeing a slot it never held", () => {
    const admission = admissionControl(1);
    const started: string[] = [];
    const a = request(admission, started, "a");
    const b = request(admission, started, "b");
    const c = request(admission, started, "c");
    b.close();
    expect(admission.stats()).toEqual({ running: 1, waiting: 1 });
    // b's leaving did not let anyone in beside a.
    expect(started).toEqual(["a"]);
    a.close();
    expect(started).toEqual(["a", "c"]);
    // A second close of a finished request gives nothing back twice.
    a.close();
    expect(admission.stats()).toEqual({ running: 1, waiting: 0 });
    request(admission, started, "d");
    expect(started).toEqual(["a", "c"]);
    c.close();
    expect(started).toEqual(["a", "c", "d"]);
  });

  it("keeps order over a long queue", () => {
    const admission = admissionControl(3);
    const started: string[] = [];
    const open = Array.from({ length: 5000 }, (_, i) => request(admission, started, String(i)));
    for (const r of open) r.close();
    expect(started).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
    expect(admission.stats()).toEqual({ running: 0, waiting: 0 });
  });

  it("refuses a limit below 1", () => {
    expect(() => admissionControl(0)).toThrow(/at least 1/);
    expect(() => admissionControl(1.5)).toThrow(/at least 1/);
  });
});

describe("admissionControl over HTTP", () => {
  it("frees the slot when a real reply is sent, so queued requests are answered in turn", async () => {
    const { default: express } = await import("express");
    const app = express();
    const admission = admissionControl(1);
    const order: string[] = [];
    let inHandler = 0;
    let mostAtOnce = 0;
    app.use(admission.middleware);
    app.get("/:name", (req, res) => {
      order.push(req.params.name);
      mostAtOnce = Math.max(mostAtOnce, ++inHandler);
      // The reply takes a while: nothing else may start meanwhile.
      setTimeout(() => {
        inHandler--;
        res.send(req.params.name);
      }, 20);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const names = ["one", "two", "three", "four"];
      const replies = await Promise.all(
        names.map(async (name, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 2));
          const response = await fetch(`http://127.0.0.1:${port}/${name}`);
          return response.text();
        }),
      );
      expect(replies).toEqual(names);
      expect(order).toEqual(names);
      expect(mostAtOnce).toBe(1);
      expect(admission.stats()).toEqual({ running: 0, waiting: 0 });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
