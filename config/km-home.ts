// Where the pack lies in the image (kmHome): an absolute path of plain characters. It is a container's
// environment value (KM_HOME) and a mount path, and the kubelet expands $(VAR) in env values, commands and
// args (k8s.io/api core/v1 types.go, EnvVar.Value: "Variable references $(VAR_NAME) are expanded using the
// previously defined environment variables in the container"; kubernetes/kubernetes
// third_party/forked/golang/expansion/expand.go), so "$(...)" would become another variable's value; the
// node scripts' shell reads '$', '`', quotes and spaces too. Letters, digits and . _ - + and '/' only.
import { z } from "zod";

export function kmHomePath() {
  const allowed =
    "an absolute path of letters, digits, '.', '_', '-', '+' and '/', such as /home/wso2carbon/wso2-obkm-1.4.0 (no '$': the kubelet expands $(VAR) in a container's environment, and the scripts' shell reads '$' too)";
  return z.string({ invalid_type_error: allowed }).refine((p) => /^(?:\/[A-Za-z0-9._+-]+)+$|^\/$/.test(p) && !/\/\.\.?(?:\/|$)/.test(p), allowed);
}
