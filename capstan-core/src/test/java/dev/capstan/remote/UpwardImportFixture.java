package dev.capstan.remote;

import dev.capstan.config.Configuration;

/** An upward import (remote on config), for {@code ArchitectureTest} to prove it catches one. Never used. */
final class UpwardImportFixture {
    private UpwardImportFixture() {}

    static Object upward() {
        return new Configuration();
    }
}
