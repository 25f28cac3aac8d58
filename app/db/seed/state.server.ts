import { count } from "drizzle-orm";
import type { Db } from "../client.server";
import { organisations, users } from "../schema";

/** True when nobody has put anything in yet: no organisation and no user. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [[o], [u]] = await Promise.all([
    db.select({ n: count() }).from(organisations),
    db.select({ n: count() }).from(users),
  ]);
  return (o?.n ?? 0) === 0 && (u?.n ?? 0) === 0;
}
