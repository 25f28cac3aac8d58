// A TCP proxy between the app and PostgreSQL, to take "the database" away and bring it back
// without touching the machine's PostgreSQL server (others use it).
import net from "node:net";

export interface TcpProxy {
  port: number;
  /**
   * Take the database away: every open connection is cut, and new ones are refused ("refuse": the
   * port is closed, ECONNREFUSED) or accepted and cut at once ("reset").
   */
  down(mode?: "refuse" | "reset"): Promise<void>;
  /** Forward again, on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let forwarding = true;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // A cut connection errors on the other side: nothing to report here.
    socket.on("error", () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (!forwarding) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const closeListener = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
  };

  await listen(0);
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the proxy has no port");
  const port = address.port;

  return {
    port,
    async down(mode = "refuse") {
      forwarding = false;
      if (mode === "refuse") {
        const closed = closeListener();
        cutAll();
        await closed;
      } else {
        cutAll();
      }
    },
    async up() {
      forwarding = true;
      if (!server.listening) await listen(port);
    },
    async close() {
      forwarding = false;
      const closed = closeListener();
      cutAll();
      await closed;
    },
  };
}
