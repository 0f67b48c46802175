package dev.capstan.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * ARCHITECTURE.md's package table, enforced: an upward import (remote on config, output on deploy, …) or a cycle
 * between packages fails the build. {@code remote.event} is part of remote's room (events carry commands and hosts).
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.capstan");

    static Architectures.LayeredArchitecture rooms() {
        return Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("remote").definedBy("dev.capstan.remote", "dev.capstan.remote.event")
                .layer("backends").definedBy("dev.capstan.remote.backend..")
                .layer("config").definedBy("dev.capstan.config..")
                .layer("task").definedBy("dev.capstan.task..")
                .layer("plugin").definedBy("dev.capstan.plugin..")
                .layer("output").definedBy("dev.capstan.output")
                .layer("notify").definedBy("dev.capstan.output.notify..")
                .layer("deploy").definedBy("dev.capstan.deploy..")
                .whereLayer("backends").mayNotBeAccessedByAnyLayer()
                .whereLayer("config").mayOnlyBeAccessedByLayers("task", "plugin", "deploy")
                .whereLayer("task").mayOnlyBeAccessedByLayers("plugin", "deploy")
                .whereLayer("plugin").mayOnlyBeAccessedByLayers("deploy")
                .whereLayer("output").mayOnlyBeAccessedByLayers("notify")
                .whereLayer("notify").mayNotBeAccessedByAnyLayer()
                .whereLayer("deploy").mayNotBeAccessedByAnyLayer();
    }

    @Test
    void eachPackageDependsOnlyOnWhatTheTableAllows() {
        rooms().check(CORE);
    }

    @Test
    void anUpwardImportFails() throws Exception {
        JavaClasses withUpward = new ClassFileImporter().importClasses(Class.forName("dev.capstan.remote.UpwardImportFixture"),
                dev.capstan.config.Configuration.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rooms().check(withUpward)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UpwardImportFixture");
        org.assertj.core.api.Assertions.assertThat(CORE.containPackage("dev.capstan.deploy.script")).isTrue();
    }

    @Test
    void outputDependsOnRemoteEventsAndValuesOnly() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAnyPackage("dev.capstan.output..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.capstan.config..", "dev.capstan.task..", "dev.capstan.plugin..",
                        "dev.capstan.deploy..", "dev.capstan.remote.backend..")
                .check(CORE);
    }

    @Test
    void noCyclesBetweenRooms() {
        slices().assignedFrom(com.tngtech.archunit.library.dependencies.SliceAssignment.class.cast(new Rooms())).should().beFreeOfCycles().check(CORE);
    }

    /** The rooms of the table: remote with its events, each backend, config, task, plugin, output, notify, each part of deploy. */
    private static final class Rooms implements com.tngtech.archunit.library.dependencies.SliceAssignment {
        @Override
        public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(com.tngtech.archunit.core.domain.JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith("dev.capstan.")) return com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
            String room = p.equals("dev.capstan.remote.event") ? "dev.capstan.remote" : p;
            return com.tngtech.archunit.library.dependencies.SliceIdentifier.of(room);
        }

        @Override
        public String getDescription() { return "the rooms of ARCHITECTURE.md"; }
    }
}
