// npm run bench -- --suites: where a jest step's CPU went, from the lines tests/helpers/file-cpu.ts and the
// render server write. jest itself is what is left of the step's CPU once the files' own work, the processes
// they ran and the render server are taken out: a line read wrongly would show up there, unseen.
import { cpuShares } from "../scripts/bench-suites";
import { RENDER_SERVER_ROW } from "./helpers/render-server-env";

describe("cpuShares", () => {
  const lines = ["/p/tests/a.test.ts\t0.50\t2.00\t1.25", `${RENDER_SERVER_ROW}\t0.00\t3.00\t0.00`, "/p/tests/b.test.ts\t0.25\t4.00\t0.00", ""].join(
    "\n",
  );

  it("sums the test files' lines apart from the render server's, and leaves jest the rest of the step's CPU", () => {
    const shares = cpuShares(lines, 20);
    expect(shares.files.map((f) => f.file)).toEqual(["/p/tests/b.test.ts", "/p/tests/a.test.ts"]);
    expect([shares.own, shares.loading, shares.children, shares.renderServer]).toEqual([6, 0.75, 1.25, 3]);
    // 20 - 6 (the files' own work) - 1.25 (the processes a.test.ts ran) - 3 (the render server)
    expect(shares.jest).toBeCloseTo(9.75, 10);
  });

  it("has no render server where the step ran none (the integration suite)", () => {
    const shares = cpuShares(
      lines
        .split("\n")
        .filter((l) => !l.startsWith(RENDER_SERVER_ROW))
        .join("\n"),
      10,
    );
    expect(shares.renderServer).toBeUndefined();
    expect(shares.jest).toBeCloseTo(10 - 6 - 1.25, 10);
  });
});
