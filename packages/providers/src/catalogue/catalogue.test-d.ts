import type { ModelSpec } from "@switchyard/core";
import { expectTypeOf, test } from "vitest";
import { modelSpec, withCatalogueOverrides } from "./model-spec-lookup.js";

test("modelSpec accepts only catalogue ids", () => {
  expectTypeOf(modelSpec("openai/gpt-4o-mini")).toEqualTypeOf<ModelSpec>();
  // @ts-expect-error an unknown id does not compile
  modelSpec("openai/gtp-4o-mini");
});

test("overrides widen the id set, and a new id needs a whole spec", () => {
  const specs = withCatalogueOverrides({ "openai/gpt-4o": { pricing: { input: 2 } } });
  expectTypeOf(specs["openai/gpt-4o"]).toEqualTypeOf<ModelSpec>();
  // @ts-expect-error a patch is not enough for a model the catalogue does not know
  withCatalogueOverrides({ "acme/new-model": { pricing: { input: 1 } } });
});
