// The forms of user administration and the own account (app/lib/validation/users.ts), and the
// flags of `npm run user:create` (app/cli/create-user.ts): pure, no database.
import { describe, expect, it } from "vitest";
import { parseCreateUserArgs } from "~/cli/create-user";
import { CliError } from "~/cli/database";
import {
  acceptInvitationInput,
  accessFieldErrors,
  accountPasswordInput,
  inviteInput,
  scopeFor,
  updateUserInput,
} from "~/lib/validation/users";

const ID = "3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f";
const PASSWORD = "correct horse battery staple";

function issuesOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]);
}

describe("invitation and access forms", () => {
  it("a municipal official needs at least one municipality; other roles need none", () => {
    expect(
      issuesOf(
        inviteInput.safeParse({
          intent: "invite",
          email: "a@example.org",
          role: "municipal_official",
          municipalityIds: [],
        }),
      ),
    ).toEqual([["municipalityIds", "validation.scopeRequired"]]);
    expect(
      inviteInput.safeParse({
        intent: "invite",
        email: "a@example.org",
        role: "municipal_official",
        municipalityIds: [ID],
      }).success,
    ).toBe(true);
    expect(
      inviteInput.safeParse({ intent: "invite", email: "a@example.org", role: "viewer", municipalityIds: [] })
        .success,
    ).toBe(true);
  });

  it("refuses an unknown role, a malformed id or email", () => {
    expect(
      issuesOf(
        inviteInput.safeParse({ intent: "invite", email: "nope", role: "boss", municipalityIds: ["x"] }),
      ),
    ).toEqual([
      ["email", "validation.email"],
      ["role", "validation.invalidChoice"],
      ["municipalityIds.0", "validation.invalidChoice"],
    ]);
  });

  it("an update carries the version read", () => {
    expect(
      updateUserInput.safeParse({ intent: "update", version: 3, role: "viewer", municipalityIds: [] })
        .success,
    ).toBe(true);
    expect(updateUserInput.safeParse({ intent: "update", role: "viewer", municipalityIds: [] }).success).toBe(
      false,
    );
  });

  it("only a municipal official keeps a scope, without duplicates", () => {
    expect(scopeFor("municipal_official", [ID, ID])).toEqual([ID]);
    expect(scopeFor("organiser", [ID])).toEqual([]);
  });

  it("a refusal of the model lands on its field", () => {
    expect(accessFieldErrors("emailTaken")).toEqual({ email: ["validation.emailTaken"] });
    expect(accessFieldErrors("scopeRequired")).toEqual({ municipalityIds: ["validation.scopeRequired"] });
    expect(accessFieldErrors("unknownOrganisation")).toEqual({
      organisationId: ["validation.invalidChoice"],
    });
  });
});

describe("password forms", () => {
  it("apply the new-password rules and want the same password twice", () => {
    expect(
      issuesOf(acceptInvitationInput.safeParse({ name: "A", password: PASSWORD, confirmPassword: PASSWORD })),
    ).toEqual([]);
    expect(
      issuesOf(
        acceptInvitationInput.safeParse({ name: "A", password: PASSWORD, confirmPassword: "something else" }),
      ),
    ).toEqual([["confirmPassword", "validation.password.mismatch"]]);
    expect(
      issuesOf(acceptInvitationInput.safeParse({ name: "A", password: "short", confirmPassword: "short" })),
    ).toEqual([["password", "validation.password.tooShort"]]);
    expect(
      issuesOf(
        accountPasswordInput.safeParse({
          intent: "password",
          currentPassword: "anything",
          password: "password1234",
          confirmPassword: "password1234",
        }),
      ),
    ).toEqual([["password", "validation.password.common"]]);
  });
});

describe("npm run user:create flags", () => {
  it("are validated like the forms", () => {
    const input = parseCreateUserArgs(
      [
        "--email",
        "ops@example.org",
        "--name",
        "Ops",
        "--role",
        "municipal_official",
        `--municipalities=${ID}, ${ID}`,
      ],
      PASSWORD,
    );
    expect(input).toMatchObject({
      email: "ops@example.org",
      name: "Ops",
      role: "municipal_official",
      municipalityIds: [ID, ID],
    });
  });

  it("name every problem, and never echo the password", () => {
    let error: unknown;
    try {
      parseCreateUserArgs(["--email", "nope", "--role", "boss", "--organisation", "x"], "weak");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    const message = (error as Error).message;
    expect(message).toContain("--email: Enter a valid email address.");
    expect(message).toContain("--name: This field is required.");
    expect(message).toContain("--role: Choose one of the options.");
    expect(message).toContain("--organisation: Choose one of the options.");
    expect(message).toContain("password: Use at least 12 characters.");
    expect(message).not.toContain("weak");
  });
});
