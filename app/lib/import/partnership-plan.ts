// What an import of partnerships would do: one row per membership, the rows of one partnership name
// (case and accents do not count) forming one partnership. The partnership's values come from its
// first row (later rows leave them empty or repeat them), validated with the partnership form's
// schema; each member with the member form's. Members must be existing organisations; one lead at
// most per partnership. A partnership already recorded under that name is skipped, or its members
// are added to it ("update") when chosen. Pure: the model hands in the existing records.
import type { Level, MemberRole } from "../enums";
import { activationProblem } from "../partnership-status";
import { addMemberInput, createPartnershipInput, type PartnershipFields } from "../validation/partnerships";
import type { ImportLayout, ImportRow } from "./kinds";
import type { ColumnMapping, ImportField, PartnershipImportField } from "./mapping";
import {
  cellReader,
  organisationFinder,
  problemCollector,
  type ExistingOrganisation,
  type ImportPlan,
  type ImportSummary,
  type PreviewRow,
} from "./plan-types";
import { dayFrom, formalisationFrom, memberRoleFrom, partnershipStatusFrom } from "./relation-values";
import { foldText } from "./text";
import { countryCodeFrom, levelFrom } from "./values";

const memberInput = addMemberInput.omit({ intent: true, organisationId: true });

export interface PlannedMember {
  organisationId: string;
  role: MemberRole;
  mandate: string | null;
  contribution: string | null;
  joinedOn: string | null;
}

export interface PlannedMembership extends PreviewRow {
  /** The first row of its partnership: the key of the skip/merge choice. */
  groupLine: number;
  /** The new partnership's values (on the first row of a new partnership only). */
  partnership: PartnershipFields | null;
  member: PlannedMember | null;
}

export type PartnershipPlan = ImportPlan<PlannedMembership>;

export interface ExistingPartnership {
  id: string;
  name: string;
}

/** Every member row of the existing partnerships (one per organisation, the database insists). */
export interface ExistingMember {
  partnershipId: string;
  organisationId: string;
  role: string;
  /** Not left: the one-lead rule counts these. */
  current: boolean;
}

interface PlanInput {
  headers: readonly string[];
  rows: readonly ImportRow[];
  mapping: ColumnMapping;
  layout: ImportLayout;
  organisations: readonly ExistingOrganisation[];
  partnerships: readonly ExistingPartnership[];
  members: readonly ExistingMember[];
  /** First rows of the partnerships whose members are added to the existing one (others skipped). */
  updates: ReadonlySet<number>;
}

const PARTNERSHIP_FIELDS: readonly PartnershipImportField[] = [
  "status",
  "startDate",
  "endDate",
  "countryCode",
  "level",
  "formalisation",
];

interface Group {
  line: number;
  name: string;
  /** The folded partnership values of the first row, to compare later rows with. */
  values: Record<string, string>;
  rows: PlannedMembership[];
  partnershipOk: boolean;
  existing: ExistingPartnership | null;
  merge: boolean;
  organisations: Map<string, number>;
  leadLine: number | null;
}

export function planPartnershipImport(input: PlanInput): PartnershipPlan {
  const findOrganisation = organisationFinder(input.organisations);
  const existingByName = new Map<string, ExistingPartnership>();
  for (const partnership of input.partnerships) {
    const key = foldText(partnership.name);
    if (!existingByName.has(key)) existingByName.set(key, partnership);
  }
  const membersOf = new Map<string, ExistingMember[]>();
  for (const member of input.members) {
    const list = membersOf.get(member.partnershipId);
    if (list) list.push(member);
    else membersOf.set(member.partnershipId, [member]);
  }
  const groups = new Map<string, Group>();
  const rows: PlannedMembership[] = [];

  for (const row of input.rows) {
    const cell = cellReader(input.mapping, row);
    if (Object.keys(input.mapping).every((field) => cell(field as ImportField) === "")) continue;
    const { problems, add, nul } = problemCollector(input.mapping, input.headers, row);
    const name = cell("partnership");
    const key = foldText(name);
    let group = groups.get(key);
    let partnership: PartnershipFields | null = null;
    if (name === "") add("partnership", "validation.required");
    else if (!group) {
      const existing = existingByName.get(key) ?? null;
      const values = Object.fromEntries(PARTNERSHIP_FIELDS.map((field) => [field, foldText(cell(field))]));
      group = {
        line: row.line,
        name,
        values,
        rows: [],
        partnershipOk: true,
        existing,
        merge: existing !== null && input.updates.has(row.line),
        organisations: new Map(),
        leadLine: null,
      };
      groups.set(key, group);
      if (!existing) {
        partnership = partnershipOf(cell, add, name);
        // A partnership's own value that held NUL takes its rows down, as any error of its values.
        const nulInPartnership = nul.has("partnership") || PARTNERSHIP_FIELDS.some((field) => nul.has(field));
        group.partnershipOk = partnership !== null && !nulInPartnership;
      }
    } else {
      for (const field of PARTNERSHIP_FIELDS) {
        const value = foldText(cell(field));
        if (value !== "" && value !== group.values[field]) {
          add(field, "import.problems.partnershipDiffers", { line: group.line });
        }
      }
    }

    const member = group ? memberOf(cell, add, findOrganisation, group, row.line, membersOf) : null;
    const organisationName = cell("organisation");
    const planned: PlannedMembership = {
      line: row.line,
      status: "new",
      name: group?.name ?? name,
      detail: organisationName,
      countryCode: countryCodeFrom(cell("countryCode")),
      problems,
      duplicateOf: group?.existing ? { id: group.existing.id, name: group.existing.name } : null,
      chooser: group !== undefined && group.existing !== null && group.line === row.line,
      merge: group?.merge ?? false,
      groupLine: group?.line ?? row.line,
      partnership,
      member: member === "skip" ? null : member,
    };
    if (problems.length > 0 || member === null) planned.status = "error";
    else if (member === "skip") planned.status = "skip";
    else if (group?.existing) planned.status = group.merge ? "update" : "skip";
    group?.rows.push(planned);
    rows.push(planned);
  }

  for (const group of groups.values()) settleGroup(group);
  const summary: ImportSummary = { new: 0, update: 0, skip: 0, error: 0 };
  for (const row of rows) summary[row.status] += 1;
  return { rows, summary };
}

type Add = (field: ImportField, message: string, values?: Record<string, string | number>) => void;

/** The new partnership's values from its first row, or null when they have errors. */
function partnershipOf(cell: (field: ImportField) => string, add: Add, name: string) {
  let failed = false;
  const enumOf = <T>(field: PartnershipImportField, read: (text: string) => T | null, fallback?: T) => {
    const text = cell(field);
    if (text === "") return fallback;
    const value = read(text);
    if (value === null) {
      failed = true;
      add(field, "import.problems.unknownValue", { value: text });
      return undefined;
    }
    return value;
  };
  const status = enumOf("status", partnershipStatusFrom, "exploring" as const);
  const formalisation = enumOf("formalisation", formalisationFrom, "informal" as const);
  const scopeLevel = enumOf<Level>("level", levelFrom);
  const countryCode = enumOf("countryCode", countryCodeFrom);
  const startDate = enumOf("startDate", dayFrom);
  const endDate = enumOf("endDate", dayFrom);
  const parsed = createPartnershipInput.safeParse({
    name,
    status,
    formalisation,
    scopeLevel,
    countryCode,
    startDate,
    endDate,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field =
        issue.path[0] === "name" ? "partnership" : issue.path[0] === "scopeLevel" ? "level" : issue.path[0];
      if (typeof field === "string" && !failed) add(field as ImportField, issue.message);
    }
    return null;
  }
  return failed ? null : parsed.data;
}

/** The member of a row: null when it has errors, "skip" when already a member of the partnership merged into. */
function memberOf(
  cell: (field: ImportField) => string,
  add: Add,
  find: ReturnType<typeof organisationFinder>,
  group: Group,
  line: number,
  membersOf: Map<string, ExistingMember[]>,
): PlannedMember | "skip" | null {
  let failed = false;
  const organisationName = cell("organisation");
  let organisationId: string | null = null;
  if (organisationName === "") {
    failed = true;
    add("organisation", "validation.required");
  } else {
    const countryText = cell("organisationCountry");
    const country = countryText === "" ? null : countryCodeFrom(countryText);
    if (countryText !== "" && !country) {
      failed = true;
      add("organisationCountry", "import.problems.unknownCountry", { value: countryText });
    } else {
      const match = find(organisationName, country);
      if (match.ok) organisationId = match.organisation.id;
      else {
        failed = true;
        add("organisation", match.message, match.values);
      }
    }
  }
  const roleText = cell("role");
  const role = roleText === "" ? "partner" : memberRoleFrom(roleText);
  if (!role) {
    failed = true;
    add("role", "import.problems.unknownRole", { value: roleText });
  }
  const joinedText = cell("joinedOn");
  const joinedOn = joinedText === "" ? undefined : dayFrom(joinedText);
  if (joinedOn === null) {
    failed = true;
    add("joinedOn", "import.problems.unknownValue", { value: joinedText });
  }
  const parsed = memberInput.safeParse({
    role: role ?? undefined,
    mandate: cell("mandate") || undefined,
    contribution: cell("contribution") || undefined,
    joinedOn: joinedOn ?? undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && field !== "role" && field !== "joinedOn") {
        add(field as ImportField, issue.message);
      }
    }
    failed = true;
  }
  if (failed || !parsed.success || !organisationId) return null;
  // A partnership recorded already and skipped: its rows are read, not counted against its rules.
  if (group.existing && !group.merge) return memberValues(organisationId, parsed.data);
  const earlier = group.organisations.get(organisationId);
  if (earlier !== undefined) {
    add("organisation", "import.problems.memberTwice", { line: earlier });
    return null;
  }
  const existingMembers = group.existing ? (membersOf.get(group.existing.id) ?? []) : [];
  if (existingMembers.some((m) => m.organisationId === organisationId)) return "skip";
  if (parsed.data.role === "lead") {
    if (group.leadLine !== null) {
      add("role", "import.problems.secondLead", { line: group.leadLine });
      return null;
    }
    if (existingMembers.some((m) => m.current && m.role === "lead")) {
      add("role", "import.problems.hasLead", { name: group.name });
      return null;
    }
    group.leadLine = line;
  }
  group.organisations.set(organisationId, line);
  return memberValues(organisationId, parsed.data);
}

function memberValues(
  organisationId: string,
  data: {
    role: MemberRole;
    mandate?: string | undefined;
    contribution?: string | undefined;
    joinedOn?: string | undefined;
  },
): PlannedMember {
  return {
    organisationId,
    role: data.role,
    mandate: data.mandate ?? null,
    contribution: data.contribution ?? null,
    joinedOn: data.joinedOn ?? null,
  };
}

/**
 * A new partnership whose own values have errors takes its rows down with it; an active one needs
 * its valid members to make it so (two at least, one lead), as the partnership form requires.
 */
function settleGroup(group: Group): void {
  const [first] = group.rows;
  if (!first || group.existing) return;
  let broken = !group.partnershipOk;
  if (!broken && first.partnership?.status === "active") {
    const problem = activationProblem(group.rows.flatMap((row) => (row.member ? [row.member] : [])));
    if (problem) {
      first.problems.push({
        field: "status",
        column: null,
        message: `partnership.form.errors.${problem}`,
      });
      broken = true;
    }
  }
  if (!broken) return;
  for (const row of group.rows) {
    if (row !== first && row.problems.length === 0) {
      row.problems.push({
        field: "partnership",
        column: null,
        message: "import.problems.partnershipHasErrors",
        values: { line: first.line },
      });
    }
    row.status = "error";
  }
}
