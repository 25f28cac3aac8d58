// The pilot form fed good and bad input: each error lands on its field, values are normalised.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, test } from "vitest";
import {
  createPilotInput,
  MAX_CAPACITY,
  pilotCommandInput,
  pilotRefusalErrors,
  updatePilotInput,
} from "~/lib/validation/pilots";

const PARTNERSHIP = "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

function parse(
  schema: typeof createPilotInput | typeof updatePilotInput,
  fields: Record<string, string | string[]>,
) {
  return parseWithZod(form(fields), { schema });
}

/** The field errors of a form submission, as the page would show them. */
function errorsOf(
  schema: typeof createPilotInput | typeof updatePilotInput,
  fields: Record<string, string | string[]>,
) {
  const submission = parse(schema, fields);
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

const valid = { name: "LVV Groningen", targetGroup: "return_decision", status: "running" };

describe("pilot form", () => {
  test("a valid form passes; empty optional fields are left out, pathways default to none", () => {
    const submission = parse(createPilotInput, {
      ...valid,
      description: "",
      partnershipId: "",
      capacity: "",
    });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ ...valid, pathways: [] });
  });

  test("every field, filled in: pathways once each in the enumeration's order, capacity a number", () => {
    const submission = parse(createPilotInput, {
      ...valid,
      description: "Guidance towards a durable solution",
      partnershipId: PARTNERSHIP,
      pathways: ["no_solution_other", "residence_permit", "residence_permit"],
      startsOn: "2019-04-01",
      endsOn: "2019-04-01",
      capacity: "0",
    });
    expect(submission.status === "success" && submission.value).toEqual({
      ...valid,
      description: "Guidance towards a durable solution",
      partnershipId: PARTNERSHIP,
      pathways: ["residence_permit", "no_solution_other"],
      startsOn: "2019-04-01",
      endsOn: "2019-04-01",
      capacity: 0,
    });
  });

  test("empty: name, target group and status are required", () => {
    expect(errorsOf(createPilotInput, {})).toEqual({
      name: ["validation.required"],
      targetGroup: ["validation.invalidChoice"],
      status: ["validation.invalidChoice"],
    });
    expect(errorsOf(createPilotInput, { ...valid, name: "   " })).toEqual({ name: ["validation.required"] });
  });

  test("unknown choices, markup, bad dates and bad capacities land on their fields", () => {
    expect(
      errorsOf(createPilotInput, {
        name: "<script>x</script>",
        targetGroup: "everyone",
        status: "dreaming",
        partnershipId: "not-a-uuid",
        pathways: ["residence_permit", "teleportation"],
        startsOn: "2024-02-30",
        capacity: "-1",
      }),
    ).toEqual({
      name: ["pilot.form.errors.markup"],
      targetGroup: ["validation.invalidChoice"],
      status: ["validation.invalidChoice"],
      partnershipId: ["validation.invalidChoice"],
      "pathways[1]": ["validation.invalidChoice"],
      startsOn: ["pilot.form.errors.date"],
      capacity: ["pilot.form.errors.capacity"],
    });
    for (const capacity of ["2.5", "many"]) {
      expect(errorsOf(createPilotInput, { ...valid, capacity })).toEqual({
        capacity: ["pilot.form.errors.capacity"],
      });
    }
    expect(errorsOf(createPilotInput, { ...valid, capacity: String(MAX_CAPACITY + 1) })).toEqual({
      capacity: ["pilot.form.errors.tooLarge"],
    });
  });

  test("the end cannot be before the start, judged alongside other errors but not on invalid dates", () => {
    expect(errorsOf(createPilotInput, { ...valid, startsOn: "2024-05-01", endsOn: "2024-04-30" })).toEqual({
      endsOn: ["pilot.form.errors.endBeforeStart"],
    });
    expect(
      errorsOf(createPilotInput, { ...valid, name: "", startsOn: "2024-05-01", endsOn: "2024-04-30" }),
    ).toEqual({ name: ["validation.required"], endsOn: ["pilot.form.errors.endBeforeStart"] });
    expect(errorsOf(createPilotInput, { ...valid, startsOn: "2024-13-01", endsOn: "2024-04-30" })).toEqual({
      startsOn: ["pilot.form.errors.date"],
    });
  });

  test("an edit carries its intent and the version read", () => {
    const submission = parse(updatePilotInput, { ...valid, intent: "update", version: "3" });
    expect(submission.status === "success" && submission.value).toMatchObject({
      intent: "update",
      version: 3,
    });
    expect(errorsOf(updatePilotInput, { ...valid, intent: "update" })).toEqual({
      version: ["validation.required"],
    });
    expect(
      errorsOf(updatePilotInput, { ...valid, intent: "update", version: "1", endsOn: "1899-12-31" }),
    ).toEqual({
      endsOn: ["pilot.form.errors.date"],
    });
  });

  test("archive and restore commands, and where a refusal is shown", () => {
    expect(pilotCommandInput.safeParse({ intent: "archive", version: 2 }).success).toBe(true);
    expect(pilotCommandInput.safeParse({ intent: "delete", version: 2 }).success).toBe(false);
    expect(pilotCommandInput.safeParse({ intent: "restore", version: 0 }).success).toBe(false);
    expect(pilotRefusalErrors("unknownPartnership")).toEqual({
      fieldErrors: { partnershipId: ["pilot.form.errors.unknownPartnership"] },
    });
    expect(pilotRefusalErrors("archived")).toEqual({ formErrors: ["pilot.form.errors.archived"] });
  });
});
