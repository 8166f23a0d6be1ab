import type { Attributes } from "../otlp/ingest-span.js";

/** The attribute as a string, if it is one. @example str(span.attributes, "switchyard.route"); */
export const str = (attrs: Attributes, key: string): string | undefined => {
  const v = attrs[key];
  return typeof v === "string" ? v : undefined;
};

/** The attribute as a finite number, if it is one. @example num(span.attributes, "switchyard.cost_usd"); */
export const num = (attrs: Attributes, key: string): number | undefined => {
  const v = attrs[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
};

/** The attribute as a string array, if it is one. @example strs(root.attributes, "switchyard.path"); */
export const strs = (attrs: Attributes, key: string): string[] | undefined => {
  const v = attrs[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
};
