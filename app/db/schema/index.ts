// The whole database schema, one file per area. drizzle-kit reads this file
// (drizzle.config.ts) and the db client passes it to drizzle() for db.query.*.
export * from "./users";
export * from "./organisations";
export * from "./partnerships";
export * from "./pilots";
export * from "./events";
export * from "./audit";
export * from "./imports";
export * from "./relations";
