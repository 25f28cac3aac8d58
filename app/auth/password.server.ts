import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * scrypt at OWASP's recommended cost (N=2^17, r=8, p=1). The parameters are stored with each hash
 * (`scrypt$N$r$p$salt$hash`), so the cost can rise later and old hashes still verify.
 * SCRYPT_LOG_N lowers the cost for tests and load tests only; production keeps the default.
 */
const KEY_LENGTH = 32;
const DEFAULT_LOG_N = 17;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export function configuredScryptParams(env: NodeJS.ProcessEnv = process.env): ScryptParams {
  const raw = env.SCRYPT_LOG_N?.trim();
  const logN = raw ? (/^\d+$/.test(raw) ? Number(raw) : Number.NaN) : DEFAULT_LOG_N;
  if (!Number.isInteger(logN) || logN < 1 || logN > 20) {
    throw new Error(`SCRYPT_LOG_N must be an integer from 1 to 20, not "${raw}"`);
  }
  return { N: 2 ** logN, r: 8, p: 1 };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is below OWASP's cost.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params = configuredScryptParams()): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** Constant-time check of a password against a stored hash; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d+$/.test(v ?? "") ? Number(v) : 0));
  // N a power of two above 1; all bounded, since the memory scrypt takes grows with them.
  if (!N || !r || !p || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? "", "base64");
  const expected = Buffer.from(parts[5] ?? "", "base64");
  if (expected.length !== KEY_LENGTH || salt.length === 0) return false;
  try {
    const actual = await derive(password, salt, { N, r, p });
    return timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same work as a real verification when the email is unknown, so that an unknown email
 * and a wrong password cannot be told apart by timing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(password, await dummy());
  return false;
}

function dummy(): Promise<string> {
  dummyHash ??= hashPassword("not a real password, only for timing").catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  return dummyHash;
}

/** Make the timing dummy at start-up, so the first unknown email costs no more than later ones. */
export function warmUpPasswordHashing(): void {
  void dummy().catch(() => {});
}

/** Whether a stored hash was made with weaker parameters than configured now (rehash on login). */
export function needsRehash(stored: string, params = configuredScryptParams()): boolean {
  const [, N, r, p] = stored.split("$");
  return Number(N) < params.N || Number(r) !== params.r || Number(p) !== params.p;
}
