// Plain HTTP against a running server, as a browser would send it (same-origin form posts).

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  ms: number;
}

export interface RequestOptions {
  cookie?: string;
  /** The client address the server sees (the server runs with TRUST_PROXY=1). */
  ip?: string;
  language?: string;
  timeoutMs?: number;
}

function headersFor(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.ip) headers["x-forwarded-for"] = options.ip;
  if (options.language) headers["accept-language"] = options.language;
  return headers;
}

async function answer(response: Response, started: number): Promise<Answer> {
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, ms: performance.now() - started };
}

export async function get(baseURL: string, pathname: string, options: RequestOptions = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseURL}${pathname}`, {
    headers: headersFor(options),
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  return answer(response, started);
}

/** A form post from the server's own origin (the same-origin check lets it through). */
export async function postForm(
  baseURL: string,
  pathname: string,
  form: Record<string, string>,
  options: RequestOptions = {},
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${baseURL}${pathname}`, {
    method: "POST",
    headers: {
      ...headersFor(options),
      origin: baseURL,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  return answer(response, started);
}

/** The session cookie (name=value) a response sets, or null. */
export function sessionCookieOf(response: Answer): string | null {
  for (const line of response.headers.getSetCookie()) {
    const match = /^(trellis_session=[a-z2-7]+);/.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Sign in through the real login form; the session cookie to send back. */
export async function signIn(
  baseURL: string,
  email: string,
  password: string,
  options: RequestOptions = {},
): Promise<string> {
  const response = await postForm(baseURL, "/login", { email, password, redirectTo: "/" }, options);
  const cookie = sessionCookieOf(response);
  if (response.status !== 302 || !cookie) {
    throw new Error(`sign-in refused: ${response.status} ${response.body.slice(0, 300)}`);
  }
  return cookie;
}
