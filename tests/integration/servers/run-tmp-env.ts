/** The integration run's temporary folder (tests/helpers/run-tmp.ts), from its global set-up to its teardown. */
export const RUN_TMP_ENV = "OBKM_TEST_RUN_TMP";
