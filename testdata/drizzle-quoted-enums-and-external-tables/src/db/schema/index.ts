export * from "./workspaces";
export type * from "./types";
