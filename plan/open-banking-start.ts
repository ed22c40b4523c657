// The Open Banking files a node edits at its start: the image's own open-banking.xml,
// open-banking-datasources.xml and consent apps' conf.json, each where configTemplates (a repository/conf,
// with the repository/deployment beside it for conf.json) does not hold the user's copy. The edits are the ones the render would apply (open-banking.ts, consent-apps.ts), so the files
// match the image's pack and update level whichever way they are edited. Three steps:
// 1. an init container of the KM image copies the files the edit plan names out of the pack;
// 2. an init container of openBanking.editorImage runs the editor (editor/ob-edit.ts) over them; a file or
//    element that the image lacks stops the pod there, with the file and the path;
// 3. the start script installs the edited files (start-script.ts).
// The files pass through a memory-backed volume that only the KM's user reads: the OB datasource's
// password is in the edited file.
import { ObkmConfig } from "../config/load";
import { EditPlan, FileEdits, SECRET_SLOT, secretEnvName } from "../editor/edit-plan";
import { Names } from "./names";
import { CONSENT_APP_CLIENT_SLOTS, consentAppClientEnv } from "./consent-apps";
import {
  MOUNT_DIR,
  NODE_FILES_VOLUME,
  OB_EDIT_PLAN_PATH,
  OB_EDITOR_PATH,
  OB_FILES_DIR,
  OB_FILES_VOLUME,
  SECRET_FILES_VOLUME,
  SECRET_MOUNT_DIR,
} from "./pod-layout";
import { containerSecurityContext } from "./pod-security";
import type { Container, EnvVar, ResourceRequirements, Volume } from "./types";

export interface OpenBankingStart {
  plan: EditPlan;
  /** The credentials Secret's keys whose values the editor writes (a slot each). */
  slots: string[];
  initContainers(resources: ResourceRequirements): Container[];
  volumeMount: { name: string; mountPath: string; readOnly: true };
  volume: Volume;
}

/** The files and their edits, in the plan's order; undefined when there is nothing to edit at start. */
export function openBankingStart(config: ObkmConfig, n: Names, files: FileEdits[]): OpenBankingStart | undefined {
  if (!files.length) return undefined;
  const plan: EditPlan = { files };
  // A slot's name is the credentials Secret's key of that password (credentials.ts), except the consent
  // portal's client, which the bank's own Secret holds (consent-apps.ts).
  const allSlots = [...new Set(JSON.stringify(plan).match(SECRET_SLOT) ?? [])].map((slot) => slot.replace(SECRET_SLOT, "$1")).sort();
  const slots = allSlots.filter((slot) => !CONSENT_APP_CLIENT_SLOTS.includes(slot));
  const clientEnv = allSlots.length > slots.length ? consentAppClientEnv(config, secretEnvName) : [];
  const nodeFilesMount = { name: NODE_FILES_VOLUME, mountPath: MOUNT_DIR, readOnly: true };
  const workMount = { name: OB_FILES_VOLUME, mountPath: OB_FILES_DIR };
  // A file the render edited from the user's copy sits in the secret files' Secret, under its path beside conf/.
  const fromSecretFiles = files.some((f) => f.from === "secret-files");
  const copy = [
    "set -eu",
    ...files.map(({ path: p, from }) => {
      const source = from === "secret-files" ? `${SECRET_MOUNT_DIR}/${p}` : `$KM_HOME/repository/${p}`;
      const where = from === "secret-files" ? "in the secret files' Secret" : "in the image's pack";
      return (
        `if [ -f "${source}" ]; then mkdir -p "$(dirname "${OB_FILES_DIR}/pack/${p}")" && cp "${source}" "${OB_FILES_DIR}/pack/${p}"; ` +
        `else echo "obkm: ${p}: not ${where} (${source}); its edits cannot be applied" >&2; exit 1; fi`
      );
    }),
  ].join("\n");
  return {
    plan,
    slots,
    initContainers: (resources) => [
      {
        name: "copy-open-banking-files",
        image: config.image,
        imagePullPolicy: config.imagePullPolicy,
        command: ["/bin/sh", "-c", copy],
        env: [{ name: "KM_HOME", value: config.kmHome }],
        securityContext: containerSecurityContext,
        resources,
        volumeMounts: [workMount, ...(fromSecretFiles ? [{ name: SECRET_FILES_VOLUME, mountPath: SECRET_MOUNT_DIR, readOnly: true }] : [])],
      },
      {
        name: "edit-open-banking-files",
        image: config.openBanking.editorImage,
        imagePullPolicy: config.imagePullPolicy,
        command: ["node", `${MOUNT_DIR}/${OB_EDITOR_PATH}`, `${MOUNT_DIR}/${OB_EDIT_PLAN_PATH}`, `${OB_FILES_DIR}/pack`, `${OB_FILES_DIR}/edited`],
        env: [
          ...slots.map((slot): EnvVar => ({ name: secretEnvName(slot), valueFrom: { secretKeyRef: { name: n.credentials, key: slot } } })),
          ...clientEnv,
        ],
        securityContext: containerSecurityContext,
        resources,
        volumeMounts: [nodeFilesMount, workMount],
      },
    ],
    volumeMount: { name: OB_FILES_VOLUME, mountPath: OB_FILES_DIR, readOnly: true as const },
    volume: { name: OB_FILES_VOLUME, emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
  };
}
