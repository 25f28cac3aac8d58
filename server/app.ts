// Bundled into build/server/index.js (see vite.config.ts): the React Router request handler,
// with the database handed in through the router context.
import { createRequestHandler } from "@react-router/express";
import type { RequestHandler, Response } from "express";
import { RouterContextProvider } from "react-router";
// A namespace import, not `build: () => import(...)`: given a function, React Router derives its
// routes and static handler again on every request (about 4% of the server's CPU under load).
import * as serverBuild from "virtual:react-router/server-build";
import type { Db } from "~/db/client.server";
import { requestInfoContext } from "~/auth/context";
import { warmUpPasswordHashing } from "~/auth/password.server";
import { dbContext } from "~/db/context";

export function createRequestListener(db: Db): RequestHandler {
  warmUpPasswordHashing();
  return createRequestHandler({
    build: serverBuild,
    getLoadContext(req, res: Response) {
      const context = new RouterContextProvider();
      context.set(dbContext, db);
      context.set(requestInfoContext, {
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        nonce: typeof res.locals.nonce === "string" ? res.locals.nonce : "",
      });
      return context;
    },
  });
}
