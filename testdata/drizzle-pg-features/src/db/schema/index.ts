export * from "./users";
export * from "./meetings";
