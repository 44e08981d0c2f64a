import { customAlphabet } from "nanoid";

/** Public ids are short, URL-safe and fixed-length. */
export const ID_LENGTH = 15;
export const SLUG_MAX = 64;

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

export const newId = customAlphabet(alphabet, ID_LENGTH);

export function isPublicId(value: string): boolean {
  return value.length === ID_LENGTH && [...value].every((c) => alphabet.includes(c));
}
