package dev.capstan.cli.imports;

import dev.capstan.dsl.CommandLineEnv;
import dev.capstan.dsl.ProjectLoader;
import dev.capstan.dsl.Project;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code capstan import [DIR]}: convert, print what was written and the report, then load the result to prove it loads. */
public final class ImportCommand {
    private ImportCommand() {}

    /** @return 0 when the converted project loads (TODOs may remain), 1 when it does not, 2 for no Capistrano project */
    public static int run(Path root, PrintStream out, PrintStream err) throws IOException {
        ProjectImporter.Outcome o;
        try {
            o = ProjectImporter.run(root);
        } catch (IllegalArgumentException e) {
            err.println("capstan import: " + e.getMessage());
            return 2;
        }
        for (String w : o.written()) out.println("create " + w);
        for (String s : o.skipped()) err.println("[skip] " + s + " already exists");
        out.print(o.report());
        try {
            Project p = new ProjectLoader().load(root, null, CommandLineEnv.NONE);
            for (String stage : p.stages()) new ProjectLoader().load(root, stage, CommandLineEnv.NONE);
            out.println("The converted project loads (" + (p.stages().isEmpty() ? "no stages" : "stages: " + String.join(", ", p.stages())) + ").");
            return 0;
        } catch (RuntimeException e) {
            err.println("capstan import: the converted project does not load: " + e.getMessage());
            return 1;
        }
    }
}
