// The one uuid check (app/lib/uuid.ts) every model, route and parser uses before an id reaches SQL.
import { describe, expect, it } from "vitest";
import { isUuid, UUID_PATTERN } from "~/lib/uuid";

const ID = "6f1c2b9e-3d4a-4c8b-9e2f-1a2b3c4d5e6f";

describe("isUuid", () => {
  it("accepts a uuid of any version, in either case", () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    expect(isUuid("6F1C2B9E-3d4a-4C8B-9e2f-1A2B3C4D5E6F")).toBe(true);
    expect(isUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(isUuid("ffffffff-ffff-1fff-bfff-ffffffffffff")).toBe(true);
  });

  it("refuses a wrong length or grouping", () => {
    expect(isUuid(ID.slice(0, -1))).toBe(false);
    expect(isUuid(`${ID}0`)).toBe(false);
    expect(isUuid(ID.replaceAll("-", ""))).toBe(false);
    expect(isUuid("6f1c2b9e3-d4a-4c8b-9e2f-1a2b3c4d5e6f")).toBe(false);
    expect(isUuid(`{${ID}}`)).toBe(false);
  });

  it("refuses anything around it (no partial match)", () => {
    expect(isUuid(` ${ID}`)).toBe(false);
    expect(isUuid(`${ID}\n`)).toBe(false);
    expect(isUuid(`p:${ID}`)).toBe(false);
    expect(isUuid(`${ID}x`)).toBe(false);
  });

  it("refuses digits that are not hexadecimal", () => {
    expect(isUuid("6f1c2b9g-3d4a-4c8b-9e2f-1a2b3c4d5e6f")).toBe(false);
    expect(isUuid("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).toBe(false);
    expect(isUuid("not-a-uuid")).toBe(false);
  });

  it("refuses the empty string and anything that is not a string", () => {
    expect(isUuid("")).toBe(false);
    for (const value of [undefined, null, 42, {}, [ID], new String(ID)]) expect(isUuid(value)).toBe(false);
  });

  it("narrows to string, so a filter keeps the ids only", () => {
    const kept: string[] = [ID, null, undefined, "nope", ID.toUpperCase()].filter(isUuid);
    expect(kept).toEqual([ID, ID.toUpperCase()]);
  });
});

describe("UUID_PATTERN", () => {
  it("is the same check, to compose into larger patterns (no anchors, no flags)", () => {
    const hub = new RegExp(`^p:${UUID_PATTERN}$`, "i");
    expect(hub.test(`p:${ID}`)).toBe(true);
    expect(hub.test(`p:${ID.slice(1)}`)).toBe(false);
    expect(UUID_PATTERN.startsWith("^")).toBe(false);
    expect(UUID_PATTERN.endsWith("$")).toBe(false);
  });
});
