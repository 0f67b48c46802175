package dev.capstan.cli.imports;

/** A construct the importer does not convert; the message says why (it goes into the report). */
final class Untranslatable extends RuntimeException {
    Untranslatable(String why) {
        super(why);
    }
}
