// Funding lines of a partnership or of a pilot (same rules for both: the owner is a parameter).
// Every mutation runs in one transaction with its audit entry; an edit carries the version it was
// read at, and a stale one is refused. Totals and warnings are computed by lib/funding.ts.
import { and, asc, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "~/db/client.server";
import { fundingLines, objectives, organisations, type FundingLine } from "~/db/schema";
import {
  cofinancingAboveUsual,
  fundingTotals,
  fundingWarnings,
  isVoluntaryReturnOnly,
  type CurrencyTotals,
  type FundingWarning,
} from "~/lib/funding";
import type {
  FundingLineInput,
  FundingRefusal,
  RecordCommandInput,
} from "~/lib/validation/partnership-records";
import { recordAudit, type Actor, changedFields } from "./audit.server";
import { organisationChoices, type OrganisationChoices } from "./organisation-options.server";
import {
  currentMemberOptions,
  findOwner,
  isCurrentMember,
  orNull,
  organisationExists,
  ownedBy,
  ownerColumns,
  type Outcome,
  type RecordOwner,
} from "./owned-records.server";
import { one } from "~/db/rows.server";

export type { RecordOwner as FundingOwner } from "./owned-records.server";
export type { FundingLine } from "~/db/schema";
export type { FundingRefusal } from "~/lib/validation/partnership-records";

export type FundingOutcome = Outcome<FundingLine, FundingRefusal>;

function ownerCondition(owner: RecordOwner): SQL {
  return "partnershipId" in owner
    ? eq(fundingLines.partnershipId, owner.partnershipId)
    : eq(fundingLines.pilotId, owner.pilotId);
}

export interface FundingLineView extends FundingLine {
  funderName: string | null;
  recipientName: string | null;
  /** Restricted to voluntary return (flagged, or paying for nothing else). */
  restrictedToVoluntaryReturn: boolean;
  /** AMIF above the usual 75% co-financing. */
  cofinancingAboveUsual: boolean;
}

const funder = alias(organisations, "funder");
const recipient = alias(organisations, "recipient");

/** The owner's funding lines, newest period first, with funder and recipient names (one query). */
export async function listFundingLines(
  db: Db,
  owner: RecordOwner,
  { archived = false }: { archived?: boolean } = {},
): Promise<FundingLineView[]> {
  const rows = await db
    .select({ line: fundingLines, funderName: funder.name, recipientName: recipient.name })
    .from(fundingLines)
    .leftJoin(funder, eq(funder.id, fundingLines.funderOrganisationId))
    .leftJoin(recipient, eq(recipient.id, fundingLines.recipientOrganisationId))
    .where(
      and(
        ownerCondition(owner),
        archived ? isNotNull(fundingLines.archivedAt) : isNull(fundingLines.archivedAt),
      ),
    )
    .orderBy(desc(fundingLines.startsOn), asc(fundingLines.source), asc(fundingLines.id));
  return rows.map(({ line, funderName, recipientName }) => ({
    ...line,
    funderName,
    recipientName,
    restrictedToVoluntaryReturn: isVoluntaryReturnOnly(line),
    cofinancingAboveUsual: cofinancingAboveUsual(line),
  }));
}

export interface FundingOverview {
  lines: FundingLineView[];
  archived: FundingLineView[];
  totals: CurrencyTotals[];
  warnings: FundingWarning[];
}

/**
 * Lines, totals per currency and warnings. For a partnership, the warning "funding ends before the
 * objectives are due" compares with its objectives; a pilot's own comparison is with its milestones.
 */
export async function fundingOverview(db: Db, owner: RecordOwner): Promise<FundingOverview> {
  const [lines, archived, dues] = await Promise.all([
    listFundingLines(db, owner),
    listFundingLines(db, owner, { archived: true }),
    "partnershipId" in owner
      ? db
          .select({ dueDate: objectives.dueDate, status: objectives.status })
          .from(objectives)
          .where(and(eq(objectives.partnershipId, owner.partnershipId), isNull(objectives.archivedAt)))
      : Promise.resolve([]),
  ]);
  return { lines, archived, totals: fundingTotals(lines), warnings: fundingWarnings(lines, dues) };
}

/**
 * Who may be chosen in the form: any organisation as funder, a current member as recipient (any
 * organisation for a pilot outside a partnership). Any organisation means the organisation
 * picker's choices: all of them up to its threshold, else none but the names of the ones the form
 * holds (`held`: the edited line's funder and recipient); a partnership's members stay a list.
 */
export async function fundingFormOptions(
  db: Db,
  owner: RecordOwner,
  held: { funder?: string | null; recipient?: string | null } = {},
): Promise<{ funders: OrganisationChoices; recipients: OrganisationChoices }> {
  const facts = await findOwner(db, owner);
  if (!facts?.partnershipId) {
    const any = await organisationChoices(db, { known: [held.funder, held.recipient] });
    return { funders: any, recipients: any };
  }
  const [funders, members] = await Promise.all([
    organisationChoices(db, { known: [held.funder] }),
    currentMemberOptions(db, facts.partnershipId),
  ]);
  return { funders, recipients: { mode: "select", options: members } };
}

function valuesOf(input: FundingLineInput) {
  return {
    source: input.source,
    reference: input.reference ? input.reference : null,
    funderOrganisationId: orNull(input.funderOrganisationId),
    recipientOrganisationId: orNull(input.recipientOrganisationId),
    amount: orNull(input.amount),
    currency: input.currency,
    cofinancingRate: orNull(input.cofinancingRate),
    startsOn: orNull(input.startsOn),
    endsOn: orNull(input.endsOn),
    stage: input.stage,
    pathwaysCovered: input.pathwaysCovered,
    voluntaryReturnOnly: input.voluntaryReturnOnly,
  };
}

async function lockLine(tx: Db, owner: RecordOwner, id: string) {
  const [row] = await tx
    .select()
    .from(fundingLines)
    .where(and(eq(fundingLines.id, id), ownerCondition(owner)))
    .for("update");
  return row && ownedBy(row, owner) ? row : undefined;
}

/**
 * Add a funding line (no id) or edit one (id and the version read). The recipient must be a current
 * member of the partnership (the owner, or the pilot's partnership; a pilot outside any partnership
 * can fund any organisation); the funder must be an organisation that is not archived.
 */
export async function saveFundingLine(
  db: Db,
  actor: Actor,
  owner: RecordOwner,
  input: FundingLineInput,
): Promise<FundingOutcome> {
  return db.transaction(async (tx) => {
    const facts = await findOwner(tx, owner);
    if (!facts) return { ok: false, reason: "notFound" } as const;
    const before = input.id ? await lockLine(tx, owner, input.id) : undefined;
    if (input.id) {
      if (!before || before.archivedAt) return { ok: false, reason: "notFound" } as const;
      if (before.version !== input.version) return { ok: false, reason: "stale", current: before } as const;
    }
    if (input.funderOrganisationId && !(await organisationExists(tx, input.funderOrganisationId))) {
      return { ok: false, reason: "unknownFunder" } as const;
    }
    if (input.recipientOrganisationId) {
      const allowed = facts.partnershipId
        ? await isCurrentMember(tx, facts.partnershipId, input.recipientOrganisationId)
        : await organisationExists(tx, input.recipientOrganisationId);
      if (!allowed) return { ok: false, reason: "recipientNotMember" } as const;
    }
    if (!before) {
      const created = one(
        await tx
          .insert(fundingLines)
          .values({ ...valuesOf(input), ...ownerColumns(owner) })
          .returning(),
      );
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "funding_line",
        entityId: created.id,
        after: created,
      });
      return { ok: true, record: created } as const;
    }
    const updated = one(
      await tx
        .update(fundingLines)
        .set({ ...valuesOf(input), version: before.version + 1, updatedAt: new Date() })
        .where(eq(fundingLines.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "funding_line",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}

/** Archive (or restore) a funding line, at the version read. */
export async function setFundingLineArchived(
  db: Db,
  actor: Actor,
  owner: RecordOwner,
  command: Pick<RecordCommandInput, "id" | "version" | "intent">,
): Promise<Outcome<FundingLine>> {
  return db.transaction(async (tx) => {
    const before = await lockLine(tx, owner, command.id);
    if (!before) return { ok: false, reason: "notFound" } as const;
    if (before.version !== command.version) return { ok: false, reason: "stale", current: before } as const;
    const archive = command.intent === "archive";
    if (archive === (before.archivedAt !== null)) return { ok: true, record: before } as const;
    const updated = one(
      await tx
        .update(fundingLines)
        .set({ archivedAt: archive ? new Date() : null, version: before.version + 1, updatedAt: new Date() })
        .where(eq(fundingLines.id, before.id))
        .returning(),
    );
    await recordAudit(tx, actor, {
      action: archive ? "archive" : "restore",
      entityType: "funding_line",
      entityId: updated.id,
      ...changedFields(before, updated),
    });
    return { ok: true, record: updated } as const;
  });
}
