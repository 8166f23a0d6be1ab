import { useEffect, useState } from "react";

/** The pages, from the URL hash (`#/runs/abc`), so the server needs no routing of its own. */
export type Route =
  | { readonly page: "runs" }
  | { readonly page: "run"; readonly id: string }
  | { readonly page: "dashboard" }
  | { readonly page: "compare"; readonly a: string; readonly b: string };

const parse = (hash: string): Route => {
  const parts = hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  if (parts[0] === "runs" && parts[1]) return { page: "run", id: parts[1] };
  if (parts[0] === "dashboard") return { page: "dashboard" };
  if (parts[0] === "compare" && parts[1] && parts[2]) return { page: "compare", a: parts[1], b: parts[2] };
  return { page: "runs" };
};

/** Link target for a route. */
export const href = (r: Route): string => {
  switch (r.page) {
    case "runs":
      return "#/runs";
    case "run":
      return `#/runs/${encodeURIComponent(r.id)}`;
    case "dashboard":
      return "#/dashboard";
    case "compare":
      return `#/compare/${encodeURIComponent(r.a)}/${encodeURIComponent(r.b)}`;
  }
};

/** The current route, following hash changes. */
export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(window.location.hash));
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
};
