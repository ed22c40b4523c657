// Where the tests keep what they compute once and read again (renders, schema results): inside this clone,
// beside the packages the results were made with, so that two clones or two users of one machine never
// read each other's (a shared temporary folder would let them).
import * as path from "path";
import { PROJECT_DIR } from "../../project-dir";

export const TEST_CACHE_DIR = path.join(PROJECT_DIR, "node_modules", ".cache", "obkm", "tests");
