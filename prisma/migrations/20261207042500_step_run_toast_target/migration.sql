-- A finished step run is stored with its output, input, HTTP exchange and attempts: a BTG-ID
-- token step comes to a little over 2 kB, where PostgreSQL starts compressing the row by default.
-- Its largest value is the sealed token (random bytes in base64), which pglz tries and fails to
-- compress on every execution: 5 % of the embedded server's CPU in the benchmark (perf).
-- Rows up to 4 kB are now kept as they are, larger ones are still compressed and moved out of line.
ALTER TABLE "StepRun" SET (toast_tuple_target = 4096);
