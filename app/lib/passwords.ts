// Password rules, shared by the server and the forms (pure: no I/O).

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// The most common passwords of 12+ characters in public breach lists, and obvious local ones.
// Short by design: length does most of the work; this stops the worst choices.
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "12345678910",
  "123456789123",
  "qwertyuiopas",
  "qwertyuiop12",
  "qwertyuiop123",
  "1q2w3e4r5t6y",
  "1qaz2wsx3edc",
  "zaq12wsxcde3",
  "passwordpassword",
  "password1234",
  "password12345",
  "password123456",
  "passw0rd1234",
  "iloveyou1234",
  "administrator",
  "administrator1",
  "welcome12345",
  "welcome123456",
  "letmein12345",
  "changeme1234",
  "changeme12345",
  "trustno11234",
  "aaaaaaaaaaaa",
  "abcdefghijkl",
  "abcd1234abcd",
  "abc123abc123",
  "football1234",
  "baseball1234",
  "sunshine1234",
  "princess1234",
  "starwars1234",
  "monkey123456",
  "dragon123456",
  "trellis12345",
  "trellis123456",
  "trellistrellis",
  "partnership1",
  "partnerships",
  "motdepasse12",
  "motdepasse123",
  "azertyuiop12",
  "azertyuiop123",
  "wachtwoord12",
  "wachtwoord123",
]);

export type PasswordProblem = "tooShort" | "tooLong" | "common";

/** What is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (password.length > PASSWORD_MAX_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "common";
  // One character repeated, or a straight run of digits, is as weak as a listed password.
  if (/^(.)\1+$/.test(password)) return "common";
  if ("01234567890123456789".includes(password) || "98765432109876543210".includes(password)) return "common";
  return null;
}
