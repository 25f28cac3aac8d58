import { index, route, type RouteConfig } from "@react-router/dev/routes";

// Listed explicitly (not flatRoutes) so plain Vitest tests can import the route table.
export default [
  index("routes/home.tsx"),
  route("organisations", "routes/organisations._index.tsx"),
  route("organisations/new", "routes/organisations.new.tsx"),
  // The organisation picker's search (JSON).
  route("organisations/options", "routes/organisations.options.ts"),
  route("organisations/:id", "routes/organisations.$id.tsx"),
  route("organisations/:id/edit", "routes/organisations.$id.edit.tsx"),
  route("partnerships", "routes/partnerships._index.tsx"),
  route("partnerships/new", "routes/partnerships.new.tsx"),
  // The partnership and pilot pickers' searches (JSON; the follow-up action form).
  route("partnerships/options", "routes/partnerships.options.ts"),
  route("partnerships/:id", "routes/partnerships.$id.tsx", [
    index("routes/partnerships.$id._index.tsx"),
    route("members", "routes/partnerships.$id.members.tsx"),
    route("edit", "routes/partnerships.$id.edit.tsx"),
    route("objectives", "routes/partnerships.$id.objectives.tsx"),
    route("funding", "routes/partnerships.$id.funding.tsx"),
    route("documents", "routes/partnerships.$id.documents.tsx"),
    route("risks", "routes/partnerships.$id.risks.tsx"),
    route("health", "routes/partnerships.$id.health.tsx"),
    route("history", "routes/partnerships.$id.history.tsx"),
    // The other tabs: members, objectives, funding, risks, health, documents, history.
  ]),
  route("municipalities", "routes/municipalities._index.tsx"),
  route("municipalities/:id", "routes/municipalities.$id.tsx"),
  route("municipalities/:id/pilots/new", "routes/municipalities.$id.pilots.new.tsx"),
  route("pilots/options", "routes/pilots.options.ts"),
  route("pilots/:id", "routes/pilots.$id.tsx", [
    index("routes/pilots.$id._index.tsx"),
    route("edit", "routes/pilots.$id.edit.tsx"),
    route("funding", "routes/pilots.$id.funding.tsx"),
    route("documents", "routes/pilots.$id.documents.tsx"),
    route("milestones", "routes/pilots.$id.milestones.tsx"),
    route("outcomes", "routes/pilots.$id.outcomes.tsx"),
  ]),
  route("events", "routes/events._index.tsx"),
  route("events/new", "routes/events.new.tsx"),
  route("events/:id", "routes/events.$id.tsx", [
    index("routes/events.$id._index.tsx"),
    route("edit", "routes/events.$id.edit.tsx"),
    route("participants", "routes/events.$id.participants.tsx"),
    route("takeaways", "routes/events.$id.takeaways.tsx"),
    route("actions", "routes/events.$id.actions.tsx"),
    route("brief", "routes/events.$id.brief.tsx"),
  ]),
  // The follow-up brief as files (one module; the format is the path's).
  route("events/:id/brief.md", "routes/export.brief.ts", { id: "event-brief-md" }),
  route("events/:id/brief.pdf", "routes/export.brief.ts", { id: "event-brief-pdf" }),
  route("actions", "routes/actions.tsx"),
  // Import (decision 0025): upload, then the upload's own steps; templates (one module, the format is the path's).
  route("import", "routes/import._index.tsx"),
  route("import/template.csv", "routes/import.template.ts", { id: "import-template-csv" }),
  route("import/template.xlsx", "routes/import.template.ts", { id: "import-template-xlsx" }),
  route("import/:id", "routes/import.$id.tsx"),
  route("network", "routes/network.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.ts"),
  route("setup", "routes/setup.tsx"),
  route("language", "routes/language.ts"),
  route("healthz", "routes/healthz.ts"),
  route("admin/audit", "routes/admin.audit.tsx"),
  route("admin/users", "routes/admin.users.tsx"),
  route("admin/users/:id", "routes/admin.users.$id.tsx"),
  route("invite/:token", "routes/invite.$token.tsx"),
  route("reset/:token", "routes/reset.$token.tsx"),
  route("account", "routes/account.tsx"),
  // Network exports (one module; the format is the path's).
  route("export/network.gexf", "routes/export.network.ts", { id: "export-network-gexf" }),
  route("export/network.json", "routes/export.network.ts", { id: "export-network-json" }),
  route("export/network.nodes.csv", "routes/export.network.ts", { id: "export-network-nodes-csv" }),
  route("export/network.edges.csv", "routes/export.network.ts", { id: "export-network-edges-csv" }),
  route("export/actions.csv", "routes/export.actions.ts"),
  // CSV of the list pages, with the list's filters (one module; the kind is the path's).
  route("export/organisations.csv", "routes/export.lists.ts", { id: "export-organisations-csv" }),
  route("export/partnerships.csv", "routes/export.lists.ts", { id: "export-partnerships-csv" }),
  route("export/municipalities.csv", "routes/export.lists.ts", { id: "export-municipalities-csv" }),
  route("export/events.csv", "routes/export.lists.ts", { id: "export-events-csv" }),
  route("export/comparison.csv", "routes/export.comparison.ts"),
  route("export/audit.csv", "routes/export.audit.ts"),
  route("export/users.csv", "routes/export.users.ts"),
  // All current data, a sheet per kind.
  route("export/trellis.xlsx", "routes/export.workbook.ts"),
  // Calendar (ICS) feeds of milestones; the secret token in the URL stands for the session.
  route("export/pilots/:id/milestones.ics", "routes/export.calendar.ts", { id: "export-calendar-pilot" }),
  route("export/municipalities/:id/milestones.ics", "routes/export.calendar.ts", {
    id: "export-calendar-municipality",
  }),
  // Calendar (ICS) feeds of follow-up actions, with the same token.
  route("export/events/:id/actions.ics", "routes/export.action-calendar.ts", {
    id: "export-action-calendar-event",
  }),
  route("export/organisations/:id/actions.ics", "routes/export.action-calendar.ts", {
    id: "export-action-calendar-organisation",
  }),
  // Last: every other address.
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
