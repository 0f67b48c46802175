package dev.capstan.cli.imports;

import java.util.List;

/** One logical statement of a Ruby file: continuation lines and heredocs joined; {@code line} is where it starts. */
record RubyStatement(int line, String text, List<String> rawLines) {}
