// The preview and the commit of a batch, by its kind (decision 0025).
import type { Db } from "~/db/client.server";
import type { ImportBatch } from "~/db/schema";
import type { ImportPlan } from "~/lib/import/plan-types";
import type { CommitResult } from "./import-batch-lock.server";
import { commitPartnershipImport, previewPartnershipImport } from "./import-partnerships.server";
import { commitRelationshipImport, previewRelationshipImport } from "./import-relationships.server";
import { commitOrganisationImport, previewOrganisationImport } from "./imports.server";

export async function previewImport(db: Db, batch: ImportBatch): Promise<ImportPlan> {
  switch (batch.kind) {
    case "partnerships":
      return previewPartnershipImport(db, batch);
    case "relationships":
      return previewRelationshipImport(db, batch);
    default:
      return previewOrganisationImport(db, batch);
  }
}

export async function commitImport(
  db: Db,
  actor: { id: string },
  batch: ImportBatch,
  options: { skipErrors: boolean },
): Promise<CommitResult> {
  switch (batch.kind) {
    case "partnerships":
      return commitPartnershipImport(db, actor, batch.id, options);
    case "relationships":
      return commitRelationshipImport(db, actor, batch.id, options);
    default:
      return commitOrganisationImport(db, actor, batch.id, options);
  }
}
