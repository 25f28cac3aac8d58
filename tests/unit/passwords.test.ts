// Password rules (app/lib/passwords.ts) and scrypt hashing (app/auth/password.server.ts).
// The cost is lowered for the whole file; one test hashes once at the production cost.
process.env.SCRYPT_LOG_N = "4";

import { describe, expect, it } from "vitest";
import {
  configuredScryptParams,
  hashPassword,
  needsRehash,
  verifyAgainstDummy,
  verifyPassword,
  type ScryptParams,
} from "~/auth/password.server";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "~/lib/passwords";

const LOW: ScryptParams = { N: 16, r: 8, p: 1 };
const B64 = "[A-Za-z0-9+/]+={0,2}";
const HASH_FORMAT = new RegExp(`^scrypt\\$(\\d+)\\$(\\d+)\\$(\\d+)\\$(${B64})\\$(${B64})$`);

function partsOf(stored: string) {
  const match = HASH_FORMAT.exec(stored);
  if (!match) throw new Error(`not a scrypt hash: ${stored}`);
  const [, N, r, p, salt, key] = match;
  return {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt ?? "", "base64"),
    key: Buffer.from(key ?? "", "base64"),
  };
}

describe("passwordProblem", () => {
  it("requires at least 12 characters (boundary)", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblem("")).toBe("tooShort");
    expect(passwordProblem("quiet-river")).toBe("tooShort"); // 11
    expect(passwordProblem("quiet-river7")).toBeNull(); // 12
  });

  it("refuses more than the maximum length (boundary)", () => {
    const atMax = "river-stone-".repeat(30).slice(0, PASSWORD_MAX_LENGTH);
    expect(atMax).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(passwordProblem(atMax)).toBeNull();
    expect(passwordProblem(`${atMax}x`)).toBe("tooLong");
  });

  it("refuses listed common passwords, case-insensitively", () => {
    for (const common of ["password1234", "Password1234", "QWERTYUIOP123", "administrator", "trellis12345"]) {
      expect(passwordProblem(common), common).toBe("common");
    }
  });

  it("refuses one character repeated", () => {
    expect(passwordProblem("zzzzzzzzzzzzzzzz")).toBe("common");
    expect(passwordProblem("111111111111")).toBe("common");
    expect(passwordProblem("............")).toBe("common");
  });

  it("refuses straight runs of digits, up and down", () => {
    for (const run of ["234567890123", "0123456789012345", "987654321098", "5432109876543"]) {
      expect(passwordProblem(run), run).toBe("common");
    }
    // Digits, but not a run.
    expect(passwordProblem("135792468013")).toBeNull();
  });

  it("accepts an ordinary long passphrase", () => {
    expect(passwordProblem("correct horse battery staple")).toBeNull();
  });
});

describe("hashPassword / verifyPassword", () => {
  it("stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key", async () => {
    const stored = await hashPassword("correct horse battery staple", LOW);
    const parts = partsOf(stored);
    expect(parts).toMatchObject({ N: 16, r: 8, p: 1 });
    expect(parts.salt).toHaveLength(16);
    expect(parts.key).toHaveLength(32);
    expect(stored).not.toContain("correct horse");
  });

  it("uses the configured (SCRYPT_LOG_N) cost by default", async () => {
    expect(partsOf(await hashPassword("correct horse battery staple")).N).toBe(2 ** 4);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple", LOW);
    await expect(verifyPassword("correct horse battery staple", stored)).resolves.toBe(true);
    await expect(verifyPassword("correct horse battery stapler", stored)).resolves.toBe(false);
    await expect(verifyPassword("Correct horse battery staple", stored)).resolves.toBe(false);
    await expect(verifyPassword("", stored)).resolves.toBe(false);
  });

  it("normalises Unicode (NFKC) so that composed and decomposed forms match", async () => {
    const stored = await hashPassword("caf\u00e9 au lait tous les jours", LOW);
    await expect(verifyPassword("cafe\u0301 au lait tous les jours", stored)).resolves.toBe(true);
  });

  it("salts every hash: the same password twice gives different salts and keys", async () => {
    const a = await hashPassword("correct horse battery staple", LOW);
    const b = await hashPassword("correct horse battery staple", LOW);
    expect(a).not.toBe(b);
    expect(partsOf(a).salt.equals(partsOf(b).salt)).toBe(false);
    expect(partsOf(a).key.equals(partsOf(b).key)).toBe(false);
    await expect(verifyPassword("correct horse battery staple", a)).resolves.toBe(true);
    await expect(verifyPassword("correct horse battery staple", b)).resolves.toBe(true);
  });

  it("verifies a hash made at another cost (the parameters travel with the hash)", async () => {
    const stored = await hashPassword("correct horse battery staple", { N: 32, r: 4, p: 2 });
    expect(partsOf(stored)).toMatchObject({ N: 32, r: 4, p: 2 });
    await expect(verifyPassword("correct horse battery staple", stored)).resolves.toBe(true);
  });

  it("answers false, without throwing, for a malformed stored hash", async () => {
    const good = await hashPassword("correct horse battery staple", LOW);
    const [, N, r, p, salt, key] = good.split("$");
    const shortKey = Buffer.alloc(16).toString("base64");
    const malformed = [
      "",
      "scrypt$test", // the factories' placeholder
      "not a hash at all",
      `bcrypt$${N}$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}`,
      `scrypt$${N}$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$x$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$0$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}$${shortKey}`,
      `scrypt$${N}$${r}$${p}$${salt}$`,
    ];
    for (const stored of malformed) {
      await expect(verifyPassword("correct horse battery staple", stored), stored).resolves.toBe(false);
    }
  });

  // BUG (app/auth/password.server.ts, verifyPassword): numeric but invalid scrypt parameters (N not
  // a power of two, N = 1, a negative N) make node:crypto throw "Invalid scrypt params", so
  // verifyPassword rejects instead of answering false. Flip to `it` once fixed.
  it("answers false for numeric but invalid parameters (N not a power of two)", async () => {
    const good = await hashPassword("correct horse battery staple", LOW);
    const [, , r, p, salt, key] = good.split("$");
    await expect(
      verifyPassword("correct horse battery staple", `scrypt$3$${r}$${p}$${salt}$${key}`),
    ).resolves.toBe(false);
  });

  it("verifyAgainstDummy always answers false", async () => {
    await expect(verifyAgainstDummy("anything at all")).resolves.toBe(false);
    await expect(verifyAgainstDummy("not a real password, only for timing")).resolves.toBe(false);
  });
});

describe("needsRehash", () => {
  it("is false for a hash at the configured cost", async () => {
    const stored = await hashPassword("correct horse battery staple", LOW);
    expect(needsRehash(stored, LOW)).toBe(false);
    expect(needsRehash(stored)).toBe(false); // SCRYPT_LOG_N=4 → N=16
  });

  it("is true when the configured cost rises", async () => {
    const stored = await hashPassword("correct horse battery staple", LOW);
    expect(needsRehash(stored, { N: 32, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(stored, configuredScryptParams({ SCRYPT_LOG_N: "5" }))).toBe(true);
    expect(needsRehash(stored, configuredScryptParams({}))).toBe(true);
  });

  it("is false when the configured cost is lower than the hash's", async () => {
    const stored = await hashPassword("correct horse battery staple", { N: 64, r: 8, p: 1 });
    expect(needsRehash(stored, LOW)).toBe(false);
  });

  it("is true when r or p differ, and for a malformed hash", async () => {
    const stored = await hashPassword("correct horse battery staple", LOW);
    expect(needsRehash(stored, { N: 16, r: 16, p: 1 })).toBe(true);
    expect(needsRehash(stored, { N: 16, r: 8, p: 2 })).toBe(true);
    expect(needsRehash("scrypt$test", LOW)).toBe(true);
  });
});

describe("configuredScryptParams", () => {
  it("defaults to OWASP's cost: N=2^17, r=8, p=1", () => {
    expect(configuredScryptParams({})).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(configuredScryptParams({ SCRYPT_LOG_N: "" })).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it("can hash at the production cost (maxmem raised above Node's 32 MiB default): once", async () => {
    const stored = await hashPassword("correct horse battery staple", configuredScryptParams({}));
    expect(partsOf(stored)).toMatchObject({ N: 131072, r: 8, p: 1 });
  });

  it("takes SCRYPT_LOG_N from 1 to 20", () => {
    expect(configuredScryptParams({ SCRYPT_LOG_N: "1" })).toEqual({ N: 2, r: 8, p: 1 });
    expect(configuredScryptParams({ SCRYPT_LOG_N: "4" })).toEqual({ N: 16, r: 8, p: 1 });
    expect(configuredScryptParams({ SCRYPT_LOG_N: "20" })).toEqual({ N: 2 ** 20, r: 8, p: 1 });
  });

  it("refuses a SCRYPT_LOG_N out of range or not a number", () => {
    for (const raw of ["0", "-3", "21", "64", "abc", "x4"]) {
      expect(() => configuredScryptParams({ SCRYPT_LOG_N: raw }), raw).toThrow(/SCRYPT_LOG_N/);
    }
  });

  it("reads process.env by default (per call)", () => {
    expect(configuredScryptParams()).toEqual({ N: 16, r: 8, p: 1 });
  });
});
