package dev.capstan.e2e;

/** One invariant checked after a fault case, and what was seen. */
record CaseCheck(String name, boolean ok, String seen) {
    static CaseCheck of(String name, boolean ok, String seen) {
        return new CaseCheck(name, ok, seen);
    }
}
