// Connections spread over server processes by how many each holds (server/balancer.ts): the choice
// itself, and two real processes behind a real listener, each given half of the kept-alive
// connections, a connection that came before any process was ready served once one is, and the
// counts given back as connections close.
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { listenAndBalance, pickLeastBusy, type Balancer } from "../../server/balancer";

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/balanced-server.ts");

describe("pickLeastBusy", () => {
  it("takes the ready process with the fewest open connections, the one served longest ago on a tie", () => {
    const a = { name: "a", ready: true, open: 3, lastGiven: 5 };
    const b = { name: "b", ready: true, open: 2, lastGiven: 9 };
    const c = { name: "c", ready: false, open: 0, lastGiven: 0 };
    expect(pickLeastBusy([a, b, c])?.name).toBe("b");
    b.open = 3;
    expect(pickLeastBusy([a, b, c])?.name).toBe("a");
    expect(pickLeastBusy([c])).toBeUndefined();
    expect(pickLeastBusy([])).toBeUndefined();
  });
});

/** GET / on `agent`; the answer is the process id that served it. */
function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve(Number(body)));
      })
      .on("error", reject);
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("listenAndBalance", () => {
  let balancer: Balancer | undefined;
  const children: ChildProcess[] = [];
  const agents: http.Agent[] = [];

  afterEach(async () => {
    for (const agent of agents.splice(0)) agent.destroy();
    for (const child of children.splice(0)) child.kill();
    await balancer?.close();
    balancer = undefined;
  });

  function start(): ChildProcess {
    const child = fork(fixture, [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, DELAY_MS: "150" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(child);
    balancer!.add(child, child.pid!);
    return child;
  }

  it(
    "gives each of two processes half of the kept-alive connections, and counts them closed",
    { timeout: 60_000 },
    async () => {
      balancer = await listenAndBalance("127.0.0.1", 0);
      expect(balancer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
      agents.push(agent);
      // Before any process is ready: the connection waits for one.
      const early = get(balancer.url, agent);
      const [one, two] = [start(), start()];
      expect([one.pid, two.pid]).toContain(await early);

      // Ten at once on ten connections (each reply takes 150 ms): five each, whatever the order
      // in which the processes became ready.
      const pids = await Promise.all(Array.from({ length: 10 }, () => get(balancer!.url, agent)));
      const served = new Map<number, number>();
      for (const pid of pids) served.set(pid, (served.get(pid) ?? 0) + 1);
      expect(new Set(served.keys())).toEqual(new Set([one.pid, two.pid]));
      expect(served.get(one.pid!)).toBe(5);
      expect(served.get(two.pid!)).toBe(5);
      expect([...balancer.openConnections().values()].sort()).toEqual([5, 5]);

      // The same connections again: kept alive, nothing moves.
      const again = await Promise.all(Array.from({ length: 10 }, () => get(balancer!.url, agent)));
      expect(again.filter((pid) => pid === one.pid)).toHaveLength(5);

      agent.destroy();
      await until(
        () => [...balancer!.openConnections().values()].every((n) => n === 0),
        "the processes to count their connections closed",
      );
    },
  );

  it("hands nothing to a process that exited", { timeout: 60_000 }, async () => {
    balancer = await listenAndBalance("127.0.0.1", 0);
    const one = start();
    const two = start();
    const agent = new http.Agent({ keepAlive: false });
    agents.push(agent);
    await get(balancer.url, agent);
    const exited = new Promise((resolve) => one.once("exit", resolve));
    one.kill();
    await exited;
    const pids = await Promise.all(Array.from({ length: 6 }, () => get(balancer!.url, agent)));
    expect(new Set(pids)).toEqual(new Set([two.pid]));
    expect([...balancer.openConnections().keys()]).toEqual([two.pid]);
  });
});
