// Browser-test accounts: made directly in the database before the server starts, with sessions
// whose tokens the tests put in the browser's cookie jar. No test spends a password hash or a
// rate-limit slot to sign in.
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { hashPassword } from "../../app/auth/password.server";
import { openDatabase } from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { municipalities, organisations, userMunicipalities, users } from "../../app/db/schema";
import { seedDemo } from "../../app/db/seed/demo.server";
import type { UserRole } from "../../app/lib/enums";
import { eq } from "drizzle-orm";

export interface TestAccount {
  id: string;
  role: UserRole;
  email: string;
  name: string;
  password: string;
  /** A valid session token: the value of the session cookie. */
  sessionToken: string;
  organisationId: string | null;
}

export type TestAccounts = Record<UserRole, TestAccount>;

export const TEST_PASSWORD = "e2e correct horse battery";

/**
 * Migrate and fill an embedded database directory for the browser tests: the demo data and one
 * user of each role (the municipal official's scope: Amsterdam), each with a session.
 */
export async function prepareDatabase(pgliteDir: string): Promise<TestAccounts> {
  const database = await openDatabase({ pgliteDir });
  try {
    await migrateDatabase(database);
    const db = database.db;
    await seedDemo(db);
    const [amsterdam] = await db.select().from(municipalities).where(eq(municipalities.name, "Amsterdam"));
    const [fedasil] = await db.select().from(organisations).where(eq(organisations.acronym, "Fedasil"));
    // Cheap hashes: the parameters travel with the hash, so the server verifies them as usual.
    const passwordHash = await hashPassword(TEST_PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
    const roles: UserRole[] = ["coordinator", "organiser", "municipal_official", "viewer"];
    const accounts: Partial<TestAccounts> = {};
    for (const role of roles) {
      const email = `${role.replace("_", "-")}@e2e.example.org`;
      const name = `E2E ${role.replace("_", " ")}`;
      const organisationId =
        role === "municipal_official" ? (amsterdam?.organisationId ?? null) : (fedasil?.id ?? null);
      const [user] = await db
        .insert(users)
        .values({ email, name, passwordHash, role, organisationId })
        .returning();
      if (!user) throw new Error("could not create a test user");
      if (role === "municipal_official" && amsterdam) {
        await db.insert(userMunicipalities).values({ userId: user.id, municipalityId: amsterdam.id });
      }
      const session = await createSession(db, user.id);
      accounts[role] = {
        id: user.id,
        role,
        email,
        name,
        password: TEST_PASSWORD,
        sessionToken: session.token,
        organisationId,
      };
    }
    return accounts as TestAccounts;
  } finally {
    await database.close();
  }
}

export { SESSION_COOKIE };
