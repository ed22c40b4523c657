// Seeds the shared claim from the pack. An empty volume mounted over a directory of the pack hides what
// the pack ships there, so before the KM starts, an init container (same image, claim mounted elsewhere)
// copies each area's stock content onto the claim, once. It never overwrites a file that is there already
// (another node, or a user, wrote it), and a lock directory (mkdir is atomic, on NFS too) makes two nodes
// that start together seed one after the other. A marker per area records that seeding finished, so an
// area a user emptied on purpose is not refilled.

import { SHARED_AREAS } from "./shared-storage";

/** How long a node waits for another node's seeding before it assumes that node died and seeds itself. */
export const SEED_LOCK_WAIT_SECONDS = 300;

export function seedScript(): string {
  return [
    "#!/bin/sh",
    "# Rendered by obkm: seeds the shared artifacts claim from the pack, once per area.",
    "set -eu",
    `: "\${KM_HOME:?must name the pack's directory}"`,
    `: "\${SHARED_DIR:?must name where the shared claim is mounted}"`,
    `wait_limit="\${SEED_LOCK_WAIT_SECONDS:-${SEED_LOCK_WAIT_SECONDS}}"`,
    'state="$SHARED_DIR/.obkm"',
    'mkdir -p "$state"',
    "",
    "seed_area() {",
    '  area="$1"',
    '  src="$KM_HOME/repository/$area"',
    '  dst="$SHARED_DIR/$area"',
    '  marker="$state/seeded-$(echo "$area" | tr / _)"',
    '  mkdir -p "$dst"',
    '  if [ -e "$marker" ]; then echo "obkm: $area is seeded already"; return 0; fi',
    "  waited=0",
    '  until mkdir "$marker.lock" 2>/dev/null; do',
    '    if [ -e "$marker" ]; then echo "obkm: $area was seeded by another node"; return 0; fi',
    '    if [ "$waited" -ge "$wait_limit" ]; then echo "obkm: no node finished seeding $area in ${wait_limit}s; seeding it here"; break; fi',
    "    sleep 2",
    "    waited=$((waited + 2))",
    "  done",
    '  if [ -d "$src" ]; then',
    '    (cd "$src" && find . -type d) | while IFS= read -r d; do mkdir -p "$dst/$d"; done',
    '    (cd "$src" && find . -type f) | while IFS= read -r f; do',
    '      [ -e "$dst/$f" ] || cp -p "$src/$f" "$dst/$f"',
    "    done",
    "  fi",
    '  touch "$marker"',
    '  rmdir "$marker.lock" 2>/dev/null || true',
    '  echo "obkm: seeded $area from the pack"',
    "}",
    "",
    ...SHARED_AREAS.map((area) => `seed_area ${area}`),
    "",
  ].join("\n");
}
