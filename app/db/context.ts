import { createContext } from "react-router";
import type { Db } from "./client.server";

/** The request's database handle, set by the server's getLoadContext (or by a test). */
export const dbContext = createContext<Db>();
