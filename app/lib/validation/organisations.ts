// Forms of organisations and their direct relationships. Messages are i18n keys (see common.ts);
// the ones specific to these forms live under "organisation.validation" and "relationships.validation".
import { z } from "zod";
import { levels, organisationTypes, relationshipTypes } from "../enums";
import { storableText, requiredText } from "./common";

/** The :id of an organisation's page: anything but a uuid is a page that does not exist. */
export const organisationIdParam = z.uuid();

/** A name is plain text: markup in it is a paste gone wrong or an attack, never a name. */
const NO_MARKUP = /^[^<>]*$/;

const optionalText = (max: number) =>
  storableText().trim().max(max, { error: "validation.tooLong" }).optional();

const name = requiredText(200).regex(NO_MARKUP, { error: "organisation.validation.noMarkup" });

const acronym = storableText()
  .trim()
  .max(40, { error: "validation.tooLong" })
  .regex(NO_MARKUP, { error: "organisation.validation.noMarkup" })
  .optional();

/** ISO 3166-1 alpha-2, as the database's CHECK wants it; empty for organisations without one country. */
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, { error: "organisation.validation.countryCode" })
  .optional();

/** Only http(s): a `javascript:` link on the page would run in the reader's browser. */
const website = storableText()
  .trim()
  .max(500, { error: "validation.tooLong" })
  .refine(
    (value) => {
      if (!/^https?:\/\//i.test(value)) return false;
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
      } catch {
        return false;
      }
    },
    { error: "organisation.validation.website" },
  )
  .optional();

const optionalId = z.uuid({ error: "validation.invalidChoice" }).optional();

const organisationFields = {
  name,
  acronym,
  type: z.enum(organisationTypes, { error: "validation.invalidChoice" }),
  level: z.enum(levels, { error: "validation.invalidChoice" }),
  countryCode,
  municipalityId: optionalId,
  parentOrganisationId: optionalId,
  mandate: optionalText(4000),
  description: optionalText(8000),
  website,
  /** Set by "Save anyway" after the near-duplicate warning. */
  confirmDuplicate: z.boolean().optional(),
};

/** A new organisation (`/organisations/new`). */
export const createOrganisationInput = z.object({ intent: z.literal("save"), ...organisationFields });
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;

/** An edit of organisation `selfId`, with the version read: it cannot be its own parent. */
export function updateOrganisationInput(selfId: string) {
  return z
    .object({
      intent: z.literal("save"),
      version: z.number({ error: "validation.required" }).int().positive(),
      ...organisationFields,
    })
    .refine((value) => value.parentOrganisationId !== selfId, {
      path: ["parentOrganisationId"],
      error: "organisation.validation.parentSelf",
    });
}
export type UpdateOrganisationInput = z.infer<ReturnType<typeof updateOrganisationInput>>;

/** The fields an organisation is saved with (what create and update share). */
export type OrganisationFields = Omit<CreateOrganisationInput, "intent" | "confirmDuplicate">;

/** The buttons of the page that carry only the version: archive and restore. */
export const organisationCommandInput = z.object({
  intent: z.enum(["archive", "restore"], { error: "validation.invalidChoice" }),
  version: z.number({ error: "validation.required" }).int().positive(),
});

// --- direct relationships -------------------------------------------------------------------

const isoDay = z.iso.date({ error: "relationships.validation.date" }).optional();

const relationshipFields = {
  otherOrganisationId: z.uuid({ error: "validation.invalidChoice" }),
  type: z.enum(relationshipTypes, { error: "validation.invalidChoice" }),
  /** outgoing: this organisation funds/advises... the other; incoming: the other does it to this one. */
  direction: z.enum(["outgoing", "incoming"], { error: "validation.invalidChoice" }),
  startsOn: isoDay,
  endsOn: isoDay,
  notes: optionalText(2000),
};

function datesInOrder(value: { startsOn?: string | undefined; endsOn?: string | undefined }) {
  return !value.startsOn || !value.endsOn || value.endsOn >= value.startsOn;
}

/** A relationship added or edited on the page of organisation `selfId`: never with itself. */
export function relationshipInput(selfId: string) {
  return z
    .discriminatedUnion("intent", [
      z.object({ intent: z.literal("addRelationship"), ...relationshipFields }),
      z.object({
        intent: z.literal("updateRelationship"),
        relationshipId: z.uuid({ error: "validation.invalidChoice" }),
        version: z.number({ error: "validation.required" }).int().positive(),
        ...relationshipFields,
      }),
    ])
    .refine((value) => value.otherOrganisationId !== selfId, {
      path: ["otherOrganisationId"],
      error: "relationships.validation.sameOrganisation",
    })
    .refine(datesInOrder, { path: ["endsOn"], error: "relationships.validation.endsBeforeStarts" });
}
export type RelationshipInput = z.infer<ReturnType<typeof relationshipInput>>;

export const archiveRelationshipInput = z.object({
  intent: z.literal("archiveRelationship"),
  relationshipId: z.uuid({ error: "validation.invalidChoice" }),
  version: z.number({ error: "validation.required" }).int().positive(),
});

// --- the list's query string ------------------------------------------------------------------

export const organisationSorts = ["name", "type", "country", "partnerships"] as const;
export type OrganisationSort = (typeof organisationSorts)[number];

export interface OrganisationFilters {
  /** Part of the name or the acronym, any case. */
  q?: string | undefined;
  type?: (typeof organisationTypes)[number] | undefined;
  level?: (typeof levels)[number] | undefined;
  country?: string | undefined;
  /** Show the archived organisations (only them) instead of the current ones. */
  archived?: boolean | undefined;
  sort: OrganisationSort;
  dir: "asc" | "desc";
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** Read the list's filters leniently from a URL: an unknown value is no filter, not an error. */
export function parseOrganisationFilters(params: URLSearchParams): OrganisationFilters {
  // NUL would fail the query (PostgreSQL text cannot hold it): dropped like any unusable filter.
  const q = (params.get("q") ?? "").replaceAll("\u0000", "").trim().slice(0, 200);
  const country = (params.get("country") ?? "").trim().toUpperCase();
  return {
    q: q === "" ? undefined : q,
    type: oneOf(organisationTypes, params.get("type")),
    level: oneOf(levels, params.get("level")),
    country: /^[A-Z]{2}$/.test(country) ? country : undefined,
    archived: params.get("archived") === "1" ? true : undefined,
    sort: oneOf(organisationSorts, params.get("sort")) ?? "name",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

// --- shared by the organisation routes --------------------------------------------------------

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** The organisation's id from the URL: anything but a uuid is a page that does not exist (404). */
export function organisationIdFrom(params: { id?: string | undefined }): string {
  const parsed = organisationIdParam.safeParse(params.id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** The field that shows a reference the model refused, and its message key. */
export function referenceFieldErrors(
  reason: "unknownParent" | "unknownMunicipality" | "parentSelf",
): Record<string, string[]> {
  switch (reason) {
    case "parentSelf":
      return { parentOrganisationId: ["organisation.validation.parentSelf"] };
    case "unknownParent":
      return { parentOrganisationId: ["validation.invalidChoice"] };
    case "unknownMunicipality":
      return { municipalityId: ["validation.invalidChoice"] };
  }
}

/** The field that shows a relationship the model refused, and its message key. */
export function relationshipFieldErrors(
  reason: "sameOrganisation" | "unknownOrganisation" | "endsBeforeStarts",
): Record<string, string[]> {
  switch (reason) {
    case "sameOrganisation":
      return { otherOrganisationId: ["relationships.validation.sameOrganisation"] };
    case "unknownOrganisation":
      return { otherOrganisationId: ["validation.invalidChoice"] };
    case "endsBeforeStarts":
      return { endsOn: ["relationships.validation.endsBeforeStarts"] };
  }
}
