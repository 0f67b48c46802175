package dev.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The training run behind the build's class-data archive really deploys, loads the SSH client, and leaves nothing behind. */
class ClassCacheTrainingIT {
    @Test
    void trainingDeploysLocallyLoadsTheSshClientThenCleansUp(@TempDir Path tmp) throws IOException {
        assertThat(ClassCacheTraining.run(tmp)).as("every training step succeeded (rerun with CAPSTAN_TRAINING_OUTPUT=1 to see why not)")
                .isEqualTo(Main.OK);
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }
}
