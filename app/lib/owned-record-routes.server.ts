// The loaders' and actions' logic of the funding and documents tabs, shared by a partnership's tabs
// and a pilot's: the same form, the same rules, the same answers. The routes keep what differs:
// who may read and write (checked before calling these), the owner, and the page's words.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "react-router";
import type { Actor } from "~/models/audit.server";
import { listDocuments, saveDocument, setDocumentArchived, type Document } from "~/models/documents.server";
import {
  fundingFormOptions,
  fundingOverview,
  saveFundingLine,
  setFundingLineArchived,
  type FundingLine,
} from "~/models/funding.server";
import type { Db } from "~/db/client.server";
import type { RecordOwner } from "~/models/owned-records.server";
import {
  documentInput,
  fundingLineInput,
  fundingRefusalFieldErrors,
  recordCommandInput,
} from "~/lib/validation/partnership-records";

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
};

function answerer<K extends string, T>(key: K) {
  return (id: string | null, body: { result?: SubmissionResult<string[]>; current?: T }, status: number) =>
    data({ [key]: id, result: body.result ?? null, current: body.current ?? null } as RecordAnswer<K, T>, {
      status,
    });
}

const fundingAnswer = answerer<"lineId", FundingLine>("lineId");
const documentAnswer = answerer<"documentId", Document>("documentId");

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

// --- funding lines ------------------------------------------------------------------------------

/** The funding tab: lines, totals, warnings, the form's choices when editing, and the line edited. */
export async function fundingTabData(db: Db, owner: RecordOwner, canEdit: boolean, url: URL) {
  const [overview, options] = await Promise.all([
    fundingOverview(db, owner),
    canEdit ? fundingFormOptions(db, owner) : Promise.resolve({ funders: [], recipients: [] }),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (overview.lines.find((line) => line.id === editId) ?? null) : null;
  return { ...overview, ...options, canEdit, editing, basePath: url.pathname };
}

/** Intents: save (add or edit, with the version read), archive and restore (id and version). */
export async function fundingTabAction(db: Db, actor: Actor, owner: RecordOwner, request: Request, url: URL) {
  const formData = await request.formData();
  if (formData.get("intent") === "save") {
    const submission = parseWithZod(formData, { schema: fundingLineInput });
    const recordId = idOf(formData);
    if (submission.status !== "success") return fundingAnswer(recordId, { result: submission.reply() }, 400);
    const outcome = await saveFundingLine(db, actor, owner, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    switch (outcome.reason) {
      case "notFound":
        throw notFound();
      case "stale":
        return fundingAnswer(recordId, { result: submission.reply(), current: outcome.current }, 409);
      default:
        return fundingAnswer(
          recordId,
          { result: submission.reply({ fieldErrors: fundingRefusalFieldErrors(outcome.reason) }) },
          400,
        );
    }
  }
  const command = commandOf(formData);
  const outcome = await setFundingLineArchived(db, actor, owner, command);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") {
    return fundingAnswer(command.id, { current: outcome.current }, 409);
  }
  throw notFound();
}

// --- documents ----------------------------------------------------------------------------------

/** The documents tab: the links, the archived ones when editing, and the link edited. */
export async function documentsTabData(db: Db, owner: RecordOwner, canEdit: boolean, url: URL) {
  const [documents, archived] = await Promise.all([
    listDocuments(db, owner),
    canEdit ? listDocuments(db, owner, { archived: true }) : Promise.resolve([]),
  ]);
  const editId = url.searchParams.get("edit");
  const editing = canEdit && editId ? (documents.find((d) => d.id === editId) ?? null) : null;
  return { documents, archived, canEdit, editing, basePath: url.pathname };
}

/** Intents: save (add or edit, with the version read), archive and restore (id and version). */
export async function documentsTabAction(
  db: Db,
  actor: Actor,
  owner: RecordOwner,
  request: Request,
  url: URL,
) {
  const formData = await request.formData();
  if (formData.get("intent") === "save") {
    const submission = parseWithZod(formData, { schema: documentInput });
    const recordId = idOf(formData);
    if (submission.status !== "success") return documentAnswer(recordId, { result: submission.reply() }, 400);
    const outcome = await saveDocument(db, actor, owner, submission.value);
    if (outcome.ok) return redirect(url.pathname);
    if (outcome.reason === "stale") {
      return documentAnswer(recordId, { result: submission.reply(), current: outcome.current }, 409);
    }
    throw notFound();
  }
  const command = commandOf(formData);
  const outcome = await setDocumentArchived(db, actor, owner, command);
  if (outcome.ok) return redirect(url.pathname);
  if (outcome.reason === "stale") return documentAnswer(command.id, { current: outcome.current }, 409);
  throw notFound();
}
