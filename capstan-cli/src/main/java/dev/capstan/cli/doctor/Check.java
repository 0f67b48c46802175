package dev.capstan.cli.doctor;

/**
 * One remote check on one host: its column name, the outcome, what was found, and (when it failed) how to fix it.
 */
record Check(String name, Status status, String detail, String fix) {
    enum Status {
        OK, WARN, FAIL, SKIPPED;

        String symbol(boolean unicode) {
            switch (this) {
                case OK: return unicode ? "✔" : "ok";
                case FAIL: return unicode ? "✘" : "FAIL";
                case WARN: return unicode ? "!" : "warn";
                default: return "-";
            }
        }
    }

    static Check ok(String name, String detail) { return new Check(name, Status.OK, detail, null); }

    static Check warn(String name, String detail, String fix) { return new Check(name, Status.WARN, detail, fix); }

    static Check fail(String name, String detail, String fix) { return new Check(name, Status.FAIL, detail, fix); }

    static Check skipped(String name, String why) { return new Check(name, Status.SKIPPED, why, null); }
}
