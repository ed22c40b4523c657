// The container's entrypoint. It installs this revision's node files into the pack (the mounted ConfigMap
// is read-only and the pack's other files must stay), writes the pod's own address where the files carry
// the placeholder, and then execs the server, so the server is PID 1 and receives the stop signal.
import { BIN_DIR, CONF_DIR } from "./node-files-configmap";
import { NodeFile } from "./node-files";
import { POD_ADDRESS_ENV, POD_ADDRESS_PLACEHOLDER } from "./pod-address";

/** Where the node-files ConfigMap is mounted in every container of a KM pod. */
export const MOUNT_DIR = "/opt/obkm";
export const START_SCRIPT_PATH = `${BIN_DIR}/start.sh`;

export function startScript(files: readonly NodeFile[]): string {
  const install = files.map((f) => `install_file ${f.path}`);
  return [
    "#!/bin/sh",
    "# Rendered by obkm: installs the node files of this revision and starts the Key Manager.",
    "set -eu",
    `: "\${KM_HOME:?must name the pack's directory}"`,
    `: "\${${POD_ADDRESS_ENV}:?must be set from the downward API (status.podIP)}"`,
    "",
    "# The files are mounted beside this script's directory.",
    `files="$(cd "$(dirname "$0")/.." && pwd)/${CONF_DIR}"`,
    "",
    "install_file() {",
    `  src="$files/$1"`,
    `  dst="$KM_HOME/repository/conf/$1"`,
    `  mkdir -p "$(dirname "$dst")"`,
    `  sed "s|${POD_ADDRESS_PLACEHOLDER}|$${POD_ADDRESS_ENV}|g" "$src" > "$dst"`,
    "}",
    "",
    ...install,
    "",
    `echo "obkm: installed ${files.length} node files; this node advertises $${POD_ADDRESS_ENV} to the cluster"`,
    `exec "$KM_HOME/bin/wso2server.sh" "$@"`,
    "",
  ].join("\n");
}
