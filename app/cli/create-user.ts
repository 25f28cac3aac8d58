// npm run user:create -- --email E --name N --role R [--organisation ID] [--municipalities ID,ID]
// Creates an account for operators without a browser. The password comes from TRELLIS_PASSWORD or
// a prompt (never a flag: it would stay in the shell history and the process list).
import readline from "node:readline";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import en from "../i18n/locales/en.json";
import { userRoles } from "../lib/enums";
import { createUserInput, type CreateUserInput } from "../lib/validation/users";
import { createAccount } from "../models/accounts.server";
import { CliError, cliFlag, withCliDatabase } from "./database";

const USAGE = `usage: npm run user:create -- --email E --name N --role ${userRoles.join("|")} [--organisation ID] [--municipalities ID,ID]`;

/** The English text of an i18n key (the validation messages), or the key itself. */
function english(key: string): string {
  let node: unknown = en;
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  return typeof node === "string" ? node : key;
}

/** Validate the flags and the password with the rules of the forms; one line per problem. */
export function parseCreateUserArgs(args: readonly string[], password: string): CreateUserInput {
  const municipalities = cliFlag(args, "municipalities");
  const parsed = createUserInput.safeParse({
    email: cliFlag(args, "email") ?? "",
    name: cliFlag(args, "name") ?? "",
    role: cliFlag(args, "role") ?? "",
    organisationId: cliFlag(args, "organisation") || undefined,
    municipalityIds: municipalities
      ? municipalities
          .split(",")
          .map((id) => id.trim())
          .filter(Boolean)
      : [],
    password,
  });
  if (parsed.success) return parsed.data;
  const flagOf: Record<string, string> = {
    organisationId: "organisation",
    municipalityIds: "municipalities",
  };
  const lines = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    const name = field === "password" ? "password" : `--${flagOf[field] ?? field}`;
    return `${name}: ${english(issue.message)}`;
  });
  throw new CliError(`${lines.join("\n[trellis] ")}\n[trellis] ${USAGE}`);
}

/** Ask for a line on the terminal; with `hidden`, what is typed is not echoed. */
function ask(question: string, hidden: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer | string, encoding: BufferEncoding, callback: () => void) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = readline.createInterface({
    input: process.stdin,
    output,
    terminal: process.stdin.isTTY === true,
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      if (hidden) process.stdout.write("\n");
      resolve(answer);
    });
    muted = hidden;
    // Ctrl+C or Ctrl+D before an answer.
    rl.on("SIGINT", () => rl.close());
    rl.on("close", () => {
      if (!answered) reject(new CliError("no password given"));
    });
  });
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TRELLIS_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(
      "set TRELLIS_PASSWORD, or run this command in a terminal to be asked for the password",
    );
  }
  const password = await ask("Password for the new account: ", true);
  const again = await ask("The same password again: ", true);
  if (password !== again) throw new CliError("the two passwords are not the same");
  return password;
}

async function main(args: readonly string[]): Promise<void> {
  let input: CreateUserInput;
  try {
    // Check the flags first: no point asking for a password for a command that will fail.
    parseCreateUserArgs(args, "a placeholder long enough to pass");
    // Asked before the database is opened, so the embedded database is not held while typing.
    input = parseCreateUserArgs(args, await readPassword());
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`[trellis] ${error.message}`);
    process.exitCode = 1;
    return;
  }
  await withCliDatabase(async ({ db, description }) => {
    // No actor: an operator at the server, recorded in the audit log as the system.
    const outcome = await createAccount(db, null, input);
    if (!outcome.ok) {
      const reasons = {
        emailTaken: `--email: ${english("validation.emailTaken")}`,
        unknownOrganisation: `--organisation: no organisation with the id ${input.organisationId ?? ""}`,
        unknownMunicipality: "--municipalities: one of the ids is not a municipality",
        scopeRequired: `--municipalities: ${english("validation.scopeRequired")}`,
      } as const;
      throw new CliError(reasons[outcome.reason]);
    }
    console.log(`[trellis] ${outcome.user.role} ${outcome.user.email} created in ${description}.`);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
