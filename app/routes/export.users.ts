// /export/users.csv: the accounts of /admin/users (coordinators: user:admin and export:run), by
// name: name, email, role, organisation, a municipal official's municipalities, status, created on.
// Users are staff of the partner organisations, never migrants.
import type { TFunction } from "i18next";
import { requirePermission } from "~/auth/permissions.server";
import { dbContext } from "~/db/context";
import { csvDocument, csvResponse } from "~/lib/csv";
import { todayIso } from "~/lib/objectives";
import { getInstance } from "~/middleware/i18next";
import { listUsers, type UserSummary } from "~/models/accounts.server";
import type { Route } from "./+types/export.users";

export const USER_CSV_COLUMNS = [
  "name",
  "email",
  "role",
  "organisation",
  "municipalities",
  "status",
  "createdOn",
] as const;

export function usersCsv(rows: readonly UserSummary[], t: TFunction): string {
  return csvDocument([
    USER_CSV_COLUMNS.map((column) => t(`exports.users.${column}`)),
    ...rows.map((user) => [
      user.name,
      user.email,
      t(`enums.userRole.${user.role}`),
      user.organisationName,
      user.municipalities.map((m) => m.name).join("; "),
      t(user.disabledAt ? "exports.users.disabled" : "exports.users.active"),
      user.createdAt.toISOString().slice(0, 10),
    ]),
  ]);
}

export async function loader({ context, url }: Route.LoaderArgs) {
  requirePermission(context, url, "user:admin");
  requirePermission(context, url, "export:run");
  const rows = await listUsers(context.get(dbContext));
  return csvResponse(usersCsv(rows, getInstance(context).t), `trellis-users-${todayIso()}.csv`);
}
