// A node's advertised address differs per pod, and a StatefulSet mounts the same files in every pod. The
// shared axis2.xml therefore carries this placeholder, and the start script writes the pod's own IP (from
// the downward API) over it before the server starts. A server started without that script fails to
// resolve the placeholder instead of silently advertising 127.0.0.1, which cannot cluster.
export const POD_ADDRESS_PLACEHOLDER = "@POD_IP@";
export const POD_ADDRESS_ENV = "POD_IP";
