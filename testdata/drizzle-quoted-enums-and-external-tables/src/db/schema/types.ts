export type WorkspaceKind = "Root" | "Child";
