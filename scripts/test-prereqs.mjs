// Makes sure the real parts the tests use are on the machine: `redis-server` (shared
// router state) and Debian's `chromium` (devtools browser tests). On a fresh machine, as
// root, it installs them from Debian's packages; nothing is downloaded from elsewhere.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const needed = [
  { bin: "/usr/bin/redis-server", pkg: "redis-server" },
  { bin: "/usr/bin/chromium", pkg: "chromium" },
];
const missing = needed.filter((n) => !existsSync(n.bin));
if (missing.length > 0) {
  const pkgs = missing.map((m) => m.pkg);
  if (process.getuid?.() !== 0) {
    console.error(`switchyard tests need ${pkgs.join(", ")}: install them with apt-get (needs root).`);
    process.exit(1);
  }
  console.log(`installing ${pkgs.join(", ")} from Debian's packages ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...pkgs], { stdio: "inherit", env });
}
