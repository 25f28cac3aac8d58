// The load order of a backup (app/models/backup-catalog.server.ts): parents first, cycles of
// foreign keys broken at a nullable column, a cycle through NOT NULL columns refused.
import { describe, expect, it } from "vitest";
import { loadOrder, type BackupTable } from "../../app/models/backup-catalog.server";

function table(name: string, columns: [string, boolean][]): BackupTable {
  return {
    name,
    columns: [["id", true] as [string, boolean], ...columns].map(([column, notNull]) => ({
      name: column,
      type: "uuid",
      notNull,
      identityAlways: false,
    })),
    primaryKey: ["id"],
    deferredColumns: [],
    sequences: [],
  };
}

function order(tables: BackupTable[], edges: { child: string; parent: string; columns: string[] }[]) {
  return loadOrder(new Map(tables.map((t) => [t.name, t])), edges);
}

describe("loadOrder", () => {
  it("puts parents before children, ties by name", () => {
    const result = order(
      [
        table("members", [
          ["team_id", true],
          ["person_id", true],
        ]),
        table("teams", []),
        table("people", []),
      ],
      [
        { child: "members", parent: "teams", columns: ["team_id"] },
        { child: "members", parent: "people", columns: ["person_id"] },
      ],
    );
    expect(result.map((t) => t.name)).toEqual(["people", "teams", "members"]);
    expect(result.every((t) => t.deferredColumns.length === 0)).toBe(true);
  });

  it("defers a self-reference and one column of a two-table cycle", () => {
    const result = order(
      [
        table("users", [["organisation_id", false]]),
        table("organisations", [
          ["municipality_id", false],
          ["parent_id", false],
        ]),
        table("municipalities", [["organisation_id", false]]),
      ],
      [
        { child: "users", parent: "organisations", columns: ["organisation_id"] },
        { child: "organisations", parent: "municipalities", columns: ["municipality_id"] },
        { child: "organisations", parent: "organisations", columns: ["parent_id"] },
        { child: "municipalities", parent: "organisations", columns: ["organisation_id"] },
      ],
    );
    expect(result.map((t) => t.name)).toEqual(["municipalities", "organisations", "users"]);
    expect(Object.fromEntries(result.map((t) => [t.name, t.deferredColumns]))).toEqual({
      municipalities: ["organisation_id"],
      organisations: ["parent_id"],
      users: [],
    });
  });

  it("refuses a cycle that only NOT NULL columns close", () => {
    expect(() =>
      order(
        [table("a", [["b_id", true]]), table("b", [["a_id", true]])],
        [
          { child: "a", parent: "b", columns: ["b_id"] },
          { child: "b", parent: "a", columns: ["a_id"] },
        ],
      ),
    ).toThrow(/cannot order a for a backup: b_id closes a cycle of foreign keys and is not nullable/);
  });

  it("breaks a cycle at the table whose column may be null, whatever the names", () => {
    const result = order(
      [table("a", [["b_id", true]]), table("b", [["a_id", false]])],
      [
        { child: "a", parent: "b", columns: ["b_id"] },
        { child: "b", parent: "a", columns: ["a_id"] },
      ],
    );
    expect(result.map((t) => [t.name, t.deferredColumns])).toEqual([
      ["b", ["a_id"]],
      ["a", []],
    ]);
  });
});
