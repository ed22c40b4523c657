// Where everything is in a Key Manager pod, in one place: the mounts, the directories the files sit in
// under them, the scripts, the volumes, and the placeholder of the pod's own address.

/** Where the node-files ConfigMap is mounted in every container of a KM pod. */
export const MOUNT_DIR = "/opt/obkm";
/** Where the Secret of the node files that hold passwords is mounted. */
export const SECRET_MOUNT_DIR = "/opt/obkm-secrets";
/** Where the JDBC driver jars from database.driverImage are, when there is one. */
export const DRIVERS_DIR = "/opt/obkm-drivers";
/** Where the seeding init container sees the whole shared claim. */
export const SHARED_MOUNT_FOR_SEEDING = "/mnt/obkm-shared";

/** Where node files sit under the mount directories; the start script installs them from there. */
export const CONF_DIR = "conf";
/** Where the pods' scripts sit under the mount directory. */
export const BIN_DIR = "bin";
export const START_SCRIPT_PATH = `${BIN_DIR}/start.sh`;
export const STOP_SCRIPT_PATH = `${BIN_DIR}/stop.sh`;
export const SEED_SCRIPT_PATH = `${BIN_DIR}/seed-shared.sh`;
export const WAIT_SCRIPT_PATH = `${BIN_DIR}/wait-for-database.sh`;
/** The editor of the image's OB files (editor/ob-edit.ts, bundled) and its edit plan. */
export const OB_EDITOR_PATH = `${BIN_DIR}/ob-edit.js`;
export const OB_EDIT_PLAN_PATH = `${BIN_DIR}/ob-edit-plan.json`;
/** Where the OB files pass from the pack, through the editor, to the start script: pack/ and edited/. */
export const OB_FILES_DIR = "/opt/obkm-ob";
export const OB_FILES_VOLUME = "open-banking-files";

export const NODE_FILES_VOLUME = "node-files";
export const SECRET_FILES_VOLUME = "secret-files";
export const DRIVERS_VOLUME = "jdbc-drivers";
export const SHARED_VOLUME = "shared-artifacts";

// A node's advertised address differs per pod, and a StatefulSet mounts the same files in every pod. The
// shared axis2.xml therefore carries this placeholder, and the start script writes the pod's own IP (from
// the downward API) over it before the server starts. A server started without that script fails to
// resolve the placeholder instead of silently advertising 127.0.0.1, which cannot cluster.
export const POD_ADDRESS_PLACEHOLDER = "@POD_IP@";
export const POD_ADDRESS_ENV = "POD_IP";

/** Where the keystores' and CA bundles' Secrets and ConfigMaps are mounted, each in a directory of its name. */
export const KEYS_MOUNT_DIR = "/opt/obkm-keys";
