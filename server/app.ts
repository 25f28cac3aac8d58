// Bundled into build/server/index.js (see vite.config.ts): the React Router request handler,
// with the database handed in through the router context.
import { createRequestHandler } from "@react-router/express";
import type { RequestHandler } from "express";
import { RouterContextProvider } from "react-router";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";

export function createRequestListener(db: Db): RequestHandler {
  return createRequestHandler({
    build: () => import("virtual:react-router/server-build"),
    getLoadContext() {
      const context = new RouterContextProvider();
      context.set(dbContext, db);
      return context;
    },
  });
}
