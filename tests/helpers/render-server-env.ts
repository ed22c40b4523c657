// What the render server's parts share: the variable that names its socket for the jest workers, and the
// handle that global-setup.ts leaves for global-teardown.ts (both run in jest's own process).
import type { ChildProcess } from "child_process";

export const RENDER_SERVER_ENV = "OBKM_TEST_RENDER_SERVER";
export const SERVER_HANDLE = "__obkmRenderServer";

export interface RenderServerHandle {
  child: ChildProcess;
  dir: string;
}
