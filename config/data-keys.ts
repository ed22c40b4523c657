// A key of a Secret's or ConfigMap's data, as the API server checks it: k8s.io/apimachinery
// pkg/util/validation/validation.go IsConfigMapKey: at most 253 characters (DNS1123SubdomainMaxLength) of
// `[-._a-zA-Z0-9]+`, and not '.', not '..', nor starting with '..' (hasChDirPrefix: the kubelet writes each
// key as a file of the volume, and its atomic writer keeps its own files under '..data' and '..<timestamp>').
// A key the API server refuses would reach a volume's items and fail the apply, after resources were
// registered.

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

export function isConfigMapKey(key: string): boolean {
  return CONFIG_MAP_KEY.test(key) && key !== "." && !key.startsWith("..");
}

/** What a data key may be, for the end of "expected ...". */
export const DATA_KEY_ALLOWED = "letters, digits, '-', '_' and '.', at most 253, and neither '.' nor starting with '..'";
