// The signed-in user's own preferences. The interface language (decision 0026): null means no
// preference (the browser's Accept-Language decides). Set from /account and from the switcher.
import { and, eq, isNull } from "drizzle-orm";
import type { AuthUser } from "~/auth/session.server";
import type { Db } from "~/db/client.server";
import { users } from "~/db/schema";
import type { Locale } from "~/lib/enums";
import { recordAudit } from "./audit.server";

export interface SetLocaleResult {
  /** False when the preference was already this one (nothing written). */
  changed: boolean;
  locale: Locale | null;
}

/**
 * Store the user's language preference: one transaction, the row locked, the version bumped (an
 * open admin edit of the same user then sees it changed) and an audit entry with before and after.
 */
export async function setLocalePreference(
  db: Db,
  user: AuthUser,
  locale: Locale | null,
): Promise<SetLocaleResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ locale: users.locale, version: users.version })
      .from(users)
      .where(and(eq(users.id, user.id), isNull(users.archivedAt)))
      .for("update");
    if (!before) throw new Error("the signed-in user has no row");
    if (before.locale === locale) return { changed: false, locale };
    await tx
      .update(users)
      .set({ locale, version: before.version + 1 })
      .where(eq(users.id, user.id));
    await recordAudit(tx, user, {
      action: "update",
      entityType: "user",
      entityId: user.id,
      before: { locale: before.locale },
      after: { locale },
    });
    return { changed: true, locale };
  });
}
