// The production (and dev) server: opens the database, migrates, seeds the embedded database on
// first start, then serves the app with Express. Run with `npm start` (tsx server/main.ts).
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import http, { type Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { readConfig } from "../app/config.server";
import { openDatabase, type Database, type Db } from "../app/db/client.server";
import { migrateDatabase } from "../app/db/migrate.server";
import { deleteExpiredSessions } from "../app/auth/session.server";
import { deleteExpiredImportBatches } from "../app/models/imports.server";
import { describeStartupError } from "../app/db/startup-errors.server";
import { admissionControl } from "./admission";
import {
  BALANCER_URL,
  listenAndBalance,
  serveBalancedConnections,
  type Balancer,
  type BalancedServer,
} from "./balancer";
import { clientBuildFiles } from "./assets";
import { newestSource } from "./build-freshness";
import { bodyLimit, importUploadLimit, sameOriginWrites, securityHeaders } from "./security";
import type { createRequestListener } from "./app";

type ServerModule = { createRequestListener: typeof createRequestListener };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const serverBuild = path.join(root, "build/server/index.js");

function log(message: string) {
  console.log(cluster.isWorker ? `[trellis ${process.pid}] ${message}` : `[trellis] ${message}`);
}

/** Build when there is no build, or when the sources changed since (e.g. after a git pull). */
function buildIfNeeded(autoBuild: boolean) {
  if (dev) return;
  const built = fs.statSync(serverBuild, { throwIfNoEntry: false });
  if (!autoBuild) {
    if (built) return;
    console.error("[trellis] no build found and AUTO_BUILD=0: run npm run build first");
    process.exit(1);
  }
  if (built && built.mtimeMs >= newestSource(root)) return;
  log(
    built
      ? "the sources changed since the last build: building the app..."
      : "no build found: building the app (once)...",
  );
  const result = spawnSync("npx", ["react-router", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("[trellis] the build failed");
    process.exit(1);
  }
}

async function loadRequestListener(): Promise<{
  handler: (db: Db) => RequestHandler;
  middleware: RequestHandler[];
  closeDev?: () => Promise<void>;
}> {
  if (dev) {
    const vite = await import("vite");
    const server = await vite.createServer({ server: { middlewareMode: true }, appType: "custom" });
    return {
      handler: (db) => async (req, res, next) => {
        try {
          const mod = (await server.ssrLoadModule("./server/app.ts")) as ServerModule;
          await mod.createRequestListener(db)(req, res, next);
        } catch (error) {
          if (error instanceof Error) server.ssrFixStacktrace(error);
          next(error);
        }
      },
      middleware: [server.middlewares as unknown as RequestHandler],
      closeDev: () => server.close(),
    };
  }
  const mod = (await import(pathToFileURL(serverBuild).href)) as ServerModule;
  return {
    handler: mod.createRequestListener,
    middleware: [clientBuildFiles(path.join(root, "build/client"))],
  };
}

async function prepareDatabase(config: ReturnType<typeof readConfig>): Promise<Database> {
  const database = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    preparedStatements: config.preparedStatements,
  });
  try {
    const count = await migrateDatabase(database);
    log(`database: ${database.description} (${count} migrations applied)`);
    if (database.kind === "pglite" && config.seedDemo) {
      const { databaseIsEmpty } = await import("../app/db/seed/state.server");
      if (await databaseIsEmpty(database.db)) {
        log("empty embedded database: loading the demo data (SEED_DEMO=0 turns this off)...");
        const { seedDemo } = await import("../app/db/seed/demo.server");
        const summary = await seedDemo(database.db);
        log(`demo data loaded: ${summary.organisations} organisations, ${summary.partnerships} partnerships`);
      }
    }
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

/**
 * WEB_CONCURRENCY > 1 (PostgreSQL only): this process migrates and builds once, listens on the port
 * and starts that many server processes, handing each connection to the one holding the fewest
 * (balancer.ts), restarts one that dies, and stops them all on SIGTERM or SIGINT. Each is an instance as the README's "Scaling out" describes.
 */
async function runPrimary(config: ReturnType<typeof readConfig>): Promise<void> {
  const database = await prepareDatabase(config);
  await database.close();
  buildIfNeeded(config.autoBuild);
  let balancer: Balancer;
  try {
    balancer = await listenAndBalance(config.host, config.port);
  } catch (error) {
    console.error(
      `[trellis] cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  log(`starting ${config.webConcurrency} server processes (WEB_CONCURRENCY) on ${balancer.url}`);
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork({ [BALANCER_URL]: balancer.url });
    balancer.add(worker, worker.process.pid ?? 0);
  };
  for (let i = 0; i < config.webConcurrency; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log("stopped");
        process.exit(0);
      }
      return;
    }
    console.error(
      `[trellis] server process ${worker.process.pid} exited (${signal ?? code}): starting another`,
    );
    // Not at once: a process that cannot start (the database away) would otherwise spin.
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the server processes`);
    void balancer.close();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

async function main() {
  const config = readConfig();
  if (!dev && config.webConcurrency > 1 && cluster.isPrimary) return runPrimary(config);
  // The database first: a wrong DATABASE_URL or a busy embedded database fails in a second.
  const database = await prepareDatabase(config);
  // A cluster's primary built already.
  if (!cluster.isWorker) buildIfNeeded(config.autoBuild);
  const { handler, middleware, closeDev } = await loadRequestListener();

  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy) app.set("trust proxy", true);
  app.use(securityHeaders({ dev }));
  // gzip level 1 for what the app renders (static files are compressed at build time): level 6,
  // the default, took about a tenth of the server's CPU under the load test for pages a fifth smaller.
  app.use(compression({ level: 1 }));
  for (const m of middleware) app.use(m);
  app.use(sameOriginWrites());
  // Uploads to /import have a larger limit (twice the file limit): the route itself answers a file
  // over IMPORT_MAX_BYTES with a message next to the file field (decision 0025).
  app.use(bodyLimit(config.maxBodyBytes, importUploadLimit));
  // The app's requests take turns (REQUEST_CONCURRENCY at once, the rest in arrival order).
  app.use(admissionControl(config.requestConcurrency).middleware);
  app.use(handler(database.db));
  // Last resort: never a stack trace in the browser.
  app.use(((error, _req, res, _next) => {
    console.error(error);
    if (res.headersSent) return;
    res.status(500).type("text/plain").send("Internal Server Error");
  }) as ErrorRequestHandler);

  // Expired sessions are refused on sight, expired import uploads are not found: sweep them now and
  // then so the tables stay small (and an upload's rows are not kept past their expiry).
  const sweepExpired = () =>
    Promise.all([deleteExpiredSessions(database.db), deleteExpiredImportBatches(database.db)]);
  const sweep = setInterval(
    () => void sweepExpired().catch((error: unknown) => console.error(error)),
    60 * 60 * 1000,
  );
  sweep.unref();
  void sweepExpired().catch(() => {});

  // Under a primary (WEB_CONCURRENCY > 1) the connections come from it (balancer.ts). The server
  // still listens, on a private port of its own, so that Node.js runs its request and header
  // timeouts and tracks its connections as for any server.
  const balancerUrl = cluster.isWorker ? process.env[BALANCER_URL] : undefined;
  let balanced: BalancedServer | null = null;
  const server: Server = balancerUrl
    ? http.createServer(app).listen({ host: "127.0.0.1", port: 0, exclusive: true }, () => {
        balanced = serveBalancedConnections(server);
        log(`listening on ${balancerUrl}`);
      })
    : app.listen(config.port, config.host, () => {
        const address = server.address();
        const port = typeof address === "object" && address ? address.port : config.port;
        log(`listening on http://${config.host}:${port}`);
      });
  server.on("error", (error) => {
    console.error(`[trellis] cannot listen on ${config.host}:${config.port}: ${error.message}`);
    void database.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    log(`${signal}: finishing open requests, then closing the database`);
    // Stop accepting connections; close() waits for in-flight requests to finish (and, under a
    // primary, for the connections it handed over: they are not the listener's own).
    server.close(() => {
      void (async () => {
        await balanced?.drained();
        await closeDev?.();
        await database.close();
        log("stopped");
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
    // A stuck request must not hold the process forever.
    setTimeout(() => {
      server.closeAllConnections();
    }, 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`[trellis] ${describeStartupError(error)}`);
  process.exit(1);
});
