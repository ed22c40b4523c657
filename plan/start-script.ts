// The container's entrypoint. It installs this revision's node files into the pack (the mounted ConfigMap
// and Secret are read-only, and the pack's other files must stay), writes the pod's own address where the
// files carry the placeholder, writes the keystore passwords and assembles the truststore (keys/
// start-steps.ts), puts JDBC drivers from the driver image in place, and then execs the server, so the
// server is PID 1 and receives the stop signal.
import { PROXY_JAVA_OPTS_ENV } from "./http-proxy";
import { CONF_DIR, DRIVERS_DIR, OB_FILES_DIR, POD_ADDRESS_ENV, POD_ADDRESS_PLACEHOLDER, SECRET_MOUNT_DIR } from "./pod-layout";

export interface InstalledFiles {
  /** Paths under repository/conf of the files in the ConfigMap. */
  public: string[];
  /** Paths under repository/conf of the files in the Secret. */
  secret: string[];
  /** Paths under repository/ of the OB files the editor edited at this start (open-banking-start.ts). */
  openBanking: string[];
}

/** The keys' shell functions and steps (keys/start-steps.ts), run once the node files are installed. */
export interface KeystoreSteps {
  functions: string[];
  steps: string[];
}

export function startScript(files: InstalledFiles, keys: KeystoreSteps, exporterJavaOptsEnv?: string): string {
  const count = files.public.length + files.secret.length + files.openBanking.length;
  return [
    "#!/bin/sh",
    "# Rendered by obkm: installs the node files of this revision and starts the Key Manager.",
    "set -eu",
    `: "\${KM_HOME:?must name the pack's directory}"`,
    `: "\${${POD_ADDRESS_ENV}:?must be set from the downward API (status.podIP)}"`,
    "",
    "# The ConfigMap's files are mounted beside this script's directory; the Secret's at a fixed place.",
    `files="$(cd "$(dirname "$0")/.." && pwd)/${CONF_DIR}"`,
    `secret_files="\${OBKM_SECRET_FILES:-${SECRET_MOUNT_DIR}/${CONF_DIR}}"`,
    "",
    "install_file() {",
    '  src="$1/$2"',
    '  dst="$KM_HOME/repository/conf/$2"',
    '  mkdir -p "$(dirname "$dst")"',
    // The installed files are the KM user's alone (some hold passwords). The pack's own file goes first: a
    // write over an existing file keeps that file's mode (the pack's 0644), whatever the umask. The umask is
    // set in a subshell: set in the script, the server would inherit it and write artifacts to the shared
    // claim that no other uid or group could read.
    '  rm -f "$dst"',
    `  (umask 077 && sed "s|${POD_ADDRESS_PLACEHOLDER}|$${POD_ADDRESS_ENV}|g" "$src" > "$dst")`,
    "}",
    "",
    // The OB files the editor wrote (open-banking-start.ts), by their path under repository/: the consent
    // apps' conf.json sit in repository/deployment/server/jaggeryapps, in the container's own file system
    // (not on the shared claim), so each node installs its copy.
    "install_edited() {",
    `  src="\${OBKM_OB_FILES:-${OB_FILES_DIR}}/edited/$1"`,
    '  dst="$KM_HOME/repository/$1"',
    '  mkdir -p "$(dirname "$dst")"',
    '  rm -f "$dst"',
    '  (umask 077 && cp "$src" "$dst")',
    "}",
    "",
    ...keys.functions,
    "",
    ...files.public.map((f) => `install_file "$files" ${f}`),
    ...files.secret.map((f) => `install_file "$secret_files" ${f}`),
    ...files.openBanking.map((f) => `install_edited ${f}`),
    "",
    ...keys.steps,
    `drivers="\${OBKM_DRIVERS:-${DRIVERS_DIR}}"`,
    'if [ -d "$drivers" ] && ls "$drivers"/*.jar >/dev/null 2>&1; then',
    '  cp "$drivers"/*.jar "$KM_HOME/repository/components/lib/"',
    '  echo "obkm: installed the JDBC drivers $(cd "$drivers" && ls *.jar | tr "\\n" " ")"',
    "fi",
    "",
    `echo "obkm: installed ${count} node files; this node advertises $${POD_ADDRESS_ENV} to the cluster"`,
    // The forward proxy's options (httpProxy.*), after any JAVA_OPTS the image sets; wso2server.sh hands
    // JAVA_OPTS to java.
    `if [ -n "\${${PROXY_JAVA_OPTS_ENV}:-}" ]; then`,
    `  export JAVA_OPTS="\${JAVA_OPTS:+$JAVA_OPTS }$${PROXY_JAVA_OPTS_ENV}"`,
    '  echo "obkm: the nodes call the internet through the proxy in $' + PROXY_JAVA_OPTS_ENV + '"',
    "fi",
    // The JMX exporter's -javaagent option (plan/monitoring/), when metrics are on.
    ...(exporterJavaOptsEnv
      ? [
          `export JAVA_OPTS="\${JAVA_OPTS:+$JAVA_OPTS }$${exporterJavaOptsEnv}"`,
          `echo "obkm: the JMX exporter's agent serves metrics, as $${exporterJavaOptsEnv} says"`,
        ]
      : []),
    `exec "$KM_HOME/bin/wso2server.sh" "$@"`,
    "",
  ].join("\n");
}
