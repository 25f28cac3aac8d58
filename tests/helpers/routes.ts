// Calling a route module's loader or action directly, as the server does (with our own
// RouterContextProvider and the i18next middleware), and rendering its page to HTML with the data.
import { createInstance } from "i18next";
import { createElement, type FunctionComponent } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import {
  createMemoryRouter,
  RouterContextProvider,
  RouterProvider,
  type MiddlewareFunction,
} from "react-router";
import { requestInfoContext, userContext } from "~/auth/context";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { dbContext } from "~/db/context";
import type { User } from "~/db/schema";
import { i18nextOptions } from "~/i18n/config";
import { i18nextMiddleware } from "~/middleware/i18next";

/** What a loader or action gave: its status, headers and data, and whether it was thrown. */
export interface RouteOutcome {
  status: number;
  headers: Headers;
  body: unknown;
  thrown: boolean;
  /** The Response itself when one was answered (a redirect, a file), to read its body. */
  response: Response | null;
}

/** What a call may set besides the user: the client's address (for rate limits). */
export interface CallOptions {
  clientIp?: string;
}

/** The signed-in user of a request, with the municipalities in their scope. */
export function authUserOf(user: User, municipalityIds: string[] = [], sessionId = "test"): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    locale: user.locale,
    municipalityIds,
    sessionId,
  };
}

function outcomeOf(value: unknown, thrown: boolean): RouteOutcome {
  if (value instanceof Response) {
    return { status: value.status, headers: value.headers, body: null, thrown, response: value };
  }
  if (
    typeof value === "object" &&
    value !== null &&
    "type" in value &&
    value.type === "DataWithResponseInit"
  ) {
    const d = value as unknown as { data: unknown; init: ResponseInit | null };
    const headers = new Headers(d.init?.headers);
    return { status: d.init?.status ?? 200, headers, body: d.data, thrown, response: null };
  }
  if (thrown) throw value;
  return { status: 200, headers: new Headers(), body: value, thrown, response: null };
}

/** Run a loader or an action for this user (null: anonymous) and capture what it returns or throws. */
export async function callRoute(
  db: Db,
  fn: (args: never) => unknown,
  request: Request,
  user: AuthUser | null,
  params: Record<string, string>,
  options: CallOptions = {},
): Promise<RouteOutcome> {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { clientIp: options.clientIp ?? "203.0.113.9", nonce: "test-nonce" });
  context.set(userContext, user);
  const url = new URL(request.url);
  const args = { request, context, params, url, pattern: url.pathname };
  try {
    let result: unknown;
    await i18nextMiddleware(args as unknown as Parameters<MiddlewareFunction<Response>>[0], async () => {
      result = await (fn as unknown as (a: unknown) => Promise<unknown>)(args);
      return new Response(null);
    });
    return outcomeOf(result, false);
  } catch (error) {
    return outcomeOf(error, true);
  }
}

export function get(path: string): Request {
  return new Request(`http://localhost${path}`);
}

/** A form POST (repeated names for lists of values). */
export function post(path: string, fields: Record<string, string | readonly string[]>): Request {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of typeof value === "string" ? [value] : value) body.append(name, v);
  }
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

/** The Conform result an action answered with: its field errors and the values it keeps. */
export function submissionOf(outcome: RouteOutcome) {
  return (
    outcome.body as {
      result?: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
    } | null
  )?.result;
}

/** A route's page rendered to HTML (server-side, in English) with the given loader and action data. */
export async function renderPage(
  Page: unknown,
  path: string,
  loaderData: unknown,
  actionData?: unknown,
): Promise<string> {
  const Component = Page as FunctionComponent<Record<string, unknown>>;
  const router = createMemoryRouter(
    [
      {
        path,
        Component: () => createElement(Component, { loaderData, actionData, params: {}, matches: [] }),
      },
    ],
    { initialEntries: [path] },
  );
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nextOptions, lng: "en" });
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(RouterProvider, { router })));
}
