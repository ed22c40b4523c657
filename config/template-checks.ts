// Which templates a stack's node files are made from. configTemplates empty means the project's own
// (config-templates/), written for WSO2's stock OB KM 1.4 pack: a node mounts every file the program renders
// over the image's own, so on a pack of another update level (WSO2's updates change these very files) the
// nodes would run its code with the stock pack's configuration, silently. A dev stack may; any other stack
// names the repository/conf of the pack its image carries, or says with acceptBundledTemplates that it
// means the bundled ones.
import { Failed, Parsed } from "./parsed";
import { fullKey } from "./problems";
import { isDevStack } from "./stacks";

export function templateProblems(parsed: Parsed, failed: Failed, stack: string): string[] {
  if (isDevStack(stack) || failed("configTemplates", "acceptBundledTemplates")) return [];
  if (parsed.configTemplates || parsed.acceptBundledTemplates) return [];
  return [
    `${fullKey(["configTemplates"])}: empty on stack ${stack}; expected the repository/conf of the pack the image carries (such as ../obkm-pack/repository/conf), because the bundled templates are the stock pack's and every node would run them over the image's own files whatever its update level (set ${fullKey(["acceptBundledTemplates"])} to true to use them knowingly)`,
  ];
}
