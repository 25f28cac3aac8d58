// Connections spread over the server processes by how many each holds (WEB_CONCURRENCY > 1).
//
// node:cluster's own distribution hands a new connection to whichever process acknowledged its last
// one first. Browsers open and close connections all the time, so that evens out; a client that
// keeps a few connections open and sends request after request on them (a reverse proxy's pool of
// upstream connections, the load test's 50) stays where the first burst put it: 31 on one process
// and 19 on the other in the load test, so the first answered half again as slowly as it would
// with 25 each (decision 0036).
//
// Here the primary accepts the connections itself, paused (nothing is read), and sends each to the
// process holding the fewest open ones (ties in turn); the process serves it as its own. A process
// says when one of its connections closes, and when it is ready: connections that arrive before any
// process is ready wait for the first.
import type http from "node:http";
import net from "node:net";

/** The environment variable that tells a server process the primary's address (and to serve its connections). */
export const BALANCER_URL = "TRELLIS_BALANCER_URL";

/** Messages between the primary and its server processes. */
type BalancerMessage = { trellis: "ready" } | { trellis: "closed" } | { trellis: "connection" };

function isBalancerMessage(message: unknown): message is BalancerMessage {
  return (
    typeof message === "object" &&
    message !== null &&
    "trellis" in message &&
    ["ready", "closed", "connection"].includes(String((message as { trellis: unknown }).trellis))
  );
}

/** A server process as the primary talks to it: a node:cluster Worker, or a forked ChildProcess. */
export interface ServerProcess {
  send(message: unknown, handle: net.Socket, callback: (error: Error | null) => void): boolean;
  on(event: "message", listener: (message: unknown) => void): unknown;
  once(event: "exit", listener: () => void): unknown;
}

interface Member {
  worker: ServerProcess;
  pid: number;
  ready: boolean;
  open: number;
  /** When it was last given a connection (ties go to the one given one longest ago). */
  lastGiven: number;
}

/** The ready process with the fewest open connections; among equals, the one served longest ago. */
export function pickLeastBusy<T extends { ready: boolean; open: number; lastGiven: number }>(
  members: Iterable<T>,
): T | undefined {
  let best: T | undefined;
  for (const member of members) {
    if (!member.ready) continue;
    if (
      !best ||
      member.open < best.open ||
      (member.open === best.open && member.lastGiven < best.lastGiven)
    ) {
      best = member;
    }
  }
  return best;
}

export interface Balancer {
  /** The address it listens on, e.g. http://127.0.0.1:3000 (the real port when asked for port 0). */
  url: string;
  /** Take a new server process in (call it right after cluster.fork()). */
  add(worker: ServerProcess, pid: number): void;
  /** Open connections per process id, for tests and logs. */
  openConnections(): Map<number, number>;
  /** Stop accepting connections (those handed out stay with their process). */
  close(): Promise<void>;
}

/** Primary side: listen on host:port and hand each connection to the least busy process. */
export async function listenAndBalance(host: string, port: number): Promise<Balancer> {
  const members = new Set<Member>();
  const waiting: net.Socket[] = [];
  let given = 0;

  const handOut = (socket: net.Socket) => {
    const member = pickLeastBusy(members.values());
    if (!member) {
      waiting.push(socket);
      return;
    }
    member.open++;
    member.lastGiven = ++given;
    member.worker.send({ trellis: "connection" } satisfies BalancerMessage, socket, (error) => {
      if (!error) return;
      // The process went away in between: it never got the connection.
      member.open = Math.max(0, member.open - 1);
      socket.destroy();
    });
  };

  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    // A connection reset while it waited must not be handed out.
    socket.on("error", () => socket.destroy());
    handOut(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`,
    add(worker, pid) {
      const member: Member = { worker, pid, ready: false, open: 0, lastGiven: 0 };
      members.add(member);
      worker.on("message", (message: unknown) => {
        if (!isBalancerMessage(message)) return;
        if (message.trellis === "ready") {
          member.ready = true;
          while (waiting.length > 0 && pickLeastBusy(members.values())) {
            const socket = waiting.shift()!;
            if (!socket.destroyed) handOut(socket);
          }
        } else if (message.trellis === "closed") {
          member.open = Math.max(0, member.open - 1);
        }
      });
      worker.once("exit", () => members.delete(member));
    },
    openConnections() {
      return new Map([...members].map((m) => [m.pid, m.open]));
    },
    close() {
      for (const socket of waiting.splice(0)) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface BalancedServer {
  /** Resolves once every connection handed to this process has closed. */
  drained(): Promise<void>;
  /** Connections handed to this process and still open. */
  open(): number;
}

/**
 * Server process side: serve the connections the primary hands over with `server` (an http.Server
 * that listens already: its request and header timeouts run from then on), and say when ready.
 */
export function serveBalancedConnections(server: http.Server): BalancedServer {
  let open = 0;
  const whenDrained: Array<() => void> = [];
  process.on("message", (message: unknown, handle: unknown) => {
    if (!isBalancerMessage(message) || message.trellis !== "connection") return;
    if (!(handle instanceof net.Socket)) return;
    open++;
    handle.once("close", () => {
      open--;
      if (process.connected) process.send?.({ trellis: "closed" } satisfies BalancerMessage);
      if (open === 0) {
        for (const resolve of whenDrained.splice(0)) resolve();
      }
    });
    server.emit("connection", handle);
    handle.resume();
  });
  process.send?.({ trellis: "ready" } satisfies BalancerMessage);
  return {
    drained: () =>
      open === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenDrained.push(resolve)),
    open: () => open,
  };
}
