import { createContext } from "react-router";
import type { AuthUser } from "./session.server";

/** The signed-in user of this request (null: anonymous), set by the auth middleware. */
export const userContext = createContext<AuthUser | null>(null);

/** Facts about the request that only the HTTP server knows. */
export interface RequestInfo {
  /** The client's address (behind a proxy: with TRUST_PROXY set, from X-Forwarded-For). */
  clientIp: string;
  /** The per-request nonce of the Content-Security-Policy. */
  nonce: string;
}

export const requestInfoContext = createContext<RequestInfo>({ clientIp: "unknown", nonce: "" });
