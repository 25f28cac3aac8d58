import { recordOptionsLoader } from "~/lib/record-options-route.server";

// GET /pilots/options?q=...: the pilot picker's matches, for anyone who may read pilots
// (lib/record-options-route.server.ts).
export const loader = recordOptionsLoader("pilot");
