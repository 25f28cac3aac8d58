import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { municipalities, organisations, partnerships, pilots } from "~/db/schema";

export interface OverviewCounts {
  organisations: number;
  activePartnerships: number;
  municipalities: number;
  pilots: number;
}

export async function overviewCounts(db: Db): Promise<OverviewCounts> {
  const [[o], [p], [m], [pi]] = await Promise.all([
    db.select({ n: count() }).from(organisations).where(isNull(organisations.archivedAt)),
    db
      .select({ n: count() })
      .from(partnerships)
      .where(and(isNull(partnerships.archivedAt), eq(partnerships.status, "active"))),
    db.select({ n: count() }).from(municipalities).where(isNull(municipalities.archivedAt)),
    db.select({ n: count() }).from(pilots).where(isNull(pilots.archivedAt)),
  ]);
  return {
    organisations: o?.n ?? 0,
    activePartnerships: p?.n ?? 0,
    municipalities: m?.n ?? 0,
    pilots: pi?.n ?? 0,
  };
}
