import { ComparePage } from "./pages/compare-page.js";
import { DashboardPage } from "./pages/dashboard-page.js";
import { RunPage } from "./pages/run-page.js";
import { RunsPage } from "./pages/runs-page.js";
import { href, useRoute } from "./router.js";

/** The devtools shell: a top bar and the current page. */
export const App = () => {
  const route = useRoute();
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Switchyard devtools</span>
        <nav>
          <a href={href({ page: "runs" })} className={route.page === "runs" || route.page === "run" ? "active" : ""} data-testid="nav-runs">Runs</a>
          <a href={href({ page: "dashboard" })} className={route.page === "dashboard" ? "active" : ""} data-testid="nav-dashboard">Dashboard</a>
        </nav>
      </header>
      <main>
        {route.page === "runs" && <RunsPage />}
        {route.page === "run" && <RunPage key={route.id} id={route.id} />}
        {route.page === "dashboard" && <DashboardPage />}
        {route.page === "compare" && <ComparePage a={route.a} b={route.b} />}
      </main>
    </div>
  );
};
