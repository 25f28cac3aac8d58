import { recordOptionsLoader } from "~/lib/record-options-route.server";

// GET /partnerships/options?q=...: the partnership picker's matches, for anyone who may read
// partnerships (lib/record-options-route.server.ts).
export const loader = recordOptionsLoader("partnership");
