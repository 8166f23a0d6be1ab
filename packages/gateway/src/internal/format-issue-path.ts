import type { z } from "zod";

/**
 * Renders a zod issue path the way people write it: `routes.main.models[1]`.
 * @example
 * formatIssuePath(["routes", "main", "models", 1]); // "routes.main.models[1]"
 */
export const formatIssuePath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((acc, p) => {
    if (typeof p === "number") return `${acc}[${p}]`;
    const s = String(p);
    return acc === "" ? s : `${acc}.${s}`;
  }, "");

/**
 * The first issue of a zod error as `path: message` plus the path alone.
 * @example
 * const { message, path } = firstIssue(result.error);
 */
export const firstIssue = (error: z.ZodError): { message: string; path: string } => {
  const issue = error.issues[0];
  if (issue === undefined) return { message: "invalid input", path: "" };
  const path = formatIssuePath(issue.path);
  return { message: path === "" ? issue.message : `${path}: ${issue.message}`, path };
};
