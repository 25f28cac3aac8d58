// The loaders' and actions' logic of the records tabs: funding and documents, shared by a
// partnership's tabs and a pilot's (the same form, the same rules, the same answers), and what every
// records tab does (the objectives' too): list the records, dispatch the action's intents. The routes
// keep what differs: who may read and write (checked before calling these), the owner, the words.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { z } from "zod";
import type { Actor } from "~/models/audit.server";
import { listDocuments, saveDocument, setDocumentArchived } from "~/models/documents.server";
import {
  fundingFormOptions,
  fundingOverview,
  saveFundingLine,
  setFundingLineArchived,
} from "~/models/funding.server";
import type { Db } from "~/db/client.server";
import {
  organisationLabels,
  type OrganisationChoices,
  type OrganisationOption,
} from "~/models/organisation-options.server";
import type { Outcome, RecordOwner } from "~/models/owned-records.server";
import {
  documentInput,
  fundingLineInput,
  fundingRefusalFieldErrors,
  recordCommandInput,
  type RecordCommandInput,
} from "~/lib/validation/partnership-records";
import { REPEATED_FIELD, repeatedFields } from "~/lib/validation/form-data";

export function notFound() {
  return data(null, { status: 404, statusText: "Not Found" });
}

/**
 * What an action answers when it does not redirect: the record the form was about under `K`
 * (`lineId`, `documentId`; null: a new one), the form's result, and, when the save was refused
 * because someone else changed it, the record as it is now.
 */
export type RecordAnswer<K extends string, T> = Record<K, string | null> & {
  result: SubmissionResult<string[]> | null;
  current: T | null;
  /** Why an archive or restore was refused, when it can be said (an i18n key). */
  error: string | null;
  /** The organisations a refused save had picked (the organisation picker names them). */
  chosen?: OrganisationOption[];
};

function answerer<K extends string, T>(key: K) {
  return (
    id: string | null,
    body: { result?: SubmissionResult<string[]>; current?: T; error?: string; chosen?: OrganisationOption[] },
    status: number,
  ) =>
    data(
      {
        [key]: id,
        result: body.result ?? null,
        current: body.current ?? null,
        error: body.error ?? null,
        ...(body.chosen ? { chosen: body.chosen } : {}),
      } as RecordAnswer<K, T>,
      { status },
    );
}

function idOf(formData: FormData): string | null {
  const id = formData.get("id");
  return typeof id === "string" ? id || null : null;
}

/** Archive and restore carry the id and the version read; anything else is a malformed request. */
function commandOf(formData: FormData) {
  const command = recordCommandInput.safeParse({
    intent: formData.get("intent"),
    id: formData.get("id"),
    version: Number(formData.get("version")),
  });
  if (!command.success) throw data(null, { status: 400, statusText: "Bad Request" });
  return command.data;
}

/** A records tab's records, the archived ones for those who may edit, and the one edited (?edit=). */
export async function recordsTabData<T extends { id: string }>(
  canEdit: boolean,
  url: URL,
  list: (options: { archived?: boolean }) => Promise<T[]>,
) {
  const [records, archived] = await Promise.all([
    list({}),
    canEdit ? list({ archived: true }) : Promise.resolve([]),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (records.find((r) => r.id === editId) ?? null) : null;
  return { records, archived, canEdit, editing, basePath: url.pathname };
}

type RecordCommand = Pick<RecordCommandInput, "id" | "version" | "intent">;

/**
 * A records tab's action. Intents: save (add or edit, with the version read), archive and restore
 * (id and version). Answers under `key` which record the form was about; a save refused for a
 * reason of its own (neither notFound nor stale) answers `refusalFieldErrors`' errors, if given.
 */
export async function recordsTabAction<
  K extends string,
  T,
  S extends z.ZodType,
  Extra extends string = never,
>(
  request: Request,
  url: URL,
  record: {
    key: K;
    schema: S;
    save: (value: z.output<S>) => Promise<Outcome<T, Extra>>;
    setArchived: (command: RecordCommand) => Promise<Outcome<T>>;
    refusalFieldErrors?: (reason: Extra) => Record<string, string[]>;
    /** The organisations a refused save had picked, for the organisation picker to name them. */
    chosen?: (formData: FormData) => Promise<OrganisationOption[]>;
  },
) {
  const answer = answerer<K, T>(record.key);
  const formData = await request.formData();
  if (formData.get("intent") === "save") {
    const submission = parseWithZod(formData, { schema: record.schema });
    const recordId = idOf(formData);
    // A refused form comes back with its values: the picker needs the picked organisations' names.
    const chosen = async () => (record.chosen ? { chosen: await record.chosen(formData) } : {});
    if (submission.status !== "success")
      return answer(recordId, { result: submission.reply(), ...(await chosen()) }, 400);
    const outcome = await record.save(submission.value);
    if (outcome.ok) return redirect(url.pathname);
    // (`in`: the reasons of its own, generic here, keep TypeScript from narrowing on `reason`.)
    if (outcome.reason === "stale" && "current" in outcome) {
      return answer(
        recordId,
        { result: submission.reply(), current: outcome.current, ...(await chosen()) },
        409,
      );
    }
    if (outcome.reason === "notFound" || !record.refusalFieldErrors) throw notFound();
    const fieldErrors = record.refusalFieldErrors(outcome.reason as Extra);
    return answer(recordId, { result: submission.reply({ fieldErrors }), ...(await chosen()) }, 400);
  }
  // The save form is Conform's; archive and restore read their fields one by one.
  if (repeatedFields(formData).length > 0) return answer(null, { error: REPEATED_FIELD }, 400);
  const command = commandOf(formData);
  const outcome = await record.setArchived(command);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") return answer(command.id, { current: outcome.current }, 409);
  throw notFound();
}

// --- funding lines ------------------------------------------------------------------------------

/** The funding tab: lines, totals, warnings, the form's choices when editing, and the line edited. */
export async function fundingTabData(db: Db, owner: RecordOwner, canEdit: boolean, url: URL) {
  const overview = await fundingOverview(db, owner);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (overview.lines.find((line) => line.id === editId) ?? null) : null;
  // Above the organisation picker's threshold no list is sent, only the names the form holds.
  const none: OrganisationChoices = { mode: "select", options: [] };
  const options = canEdit
    ? await fundingFormOptions(db, owner, {
        funder: editing?.funderOrganisationId,
        recipient: editing?.recipientOrganisationId,
      })
    : { funders: none, recipients: none };
  return { ...overview, ...options, canEdit, editing, basePath: url.pathname };
}

/** Intents: save (add or edit, with the version read), archive and restore (id and version). */
export function fundingTabAction(db: Db, actor: Actor, owner: RecordOwner, request: Request, url: URL) {
  return recordsTabAction(request, url, {
    key: "lineId",
    schema: fundingLineInput,
    save: (value) => saveFundingLine(db, actor, owner, value),
    setArchived: (command) => setFundingLineArchived(db, actor, owner, command),
    refusalFieldErrors: fundingRefusalFieldErrors,
    chosen: (formData) =>
      organisationLabels(
        db,
        ["funderOrganisationId", "recipientOrganisationId"].map((name) => {
          const value = formData.get(name);
          return typeof value === "string" ? value : null;
        }),
      ),
  });
}

// --- documents ----------------------------------------------------------------------------------

/** The documents tab: the links, the archived ones when editing, and the link edited. */
export async function documentsTabData(db: Db, owner: RecordOwner, canEdit: boolean, url: URL) {
  const { records, ...tab } = await recordsTabData(canEdit, url, (options) =>
    listDocuments(db, owner, options),
  );
  return { documents: records, ...tab };
}

/** Intents: save (add or edit, with the version read), archive and restore (id and version). */
export function documentsTabAction(db: Db, actor: Actor, owner: RecordOwner, request: Request, url: URL) {
  return recordsTabAction(request, url, {
    key: "documentId",
    schema: documentInput,
    save: (value) => saveDocument(db, actor, owner, value),
    setArchived: (command) => setDocumentArchived(db, actor, owner, command),
  });
}
