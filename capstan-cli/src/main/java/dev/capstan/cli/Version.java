package dev.capstan.cli;

import picocli.CommandLine;

/** {@code --version}. */
final class Version implements CommandLine.IVersionProvider {
    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"Capstan Version: " + VERSION + " (Java " + System.getProperty("java.version") + ")"};
    }
}
