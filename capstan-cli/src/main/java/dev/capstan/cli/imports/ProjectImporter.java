package dev.capstan.cli.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code capstan import [DIR]}: converts a Capistrano project in place. The Capistrano files stay as
 * they are (the Ruby Capfile is kept as Capfile.rb, which {@code cap -f Capfile.rb} reads), Capstan's
 * are written beside them, an existing Capstan file is never overwritten, and the report lists every
 * construct left as a TODO.
 */
public final class ProjectImporter {
    public static final String REPORT = "capstan-import.txt";

    /** What was written and what was not converted. */
    public record Outcome(List<String> written, List<String> skipped, String report, int todos) {}

    private ProjectImporter() {}

    public static Outcome run(Path root) throws IOException {
        List<CapistranoFiles.Mapping> files = CapistranoFiles.of(root);
        if (files.stream().noneMatch(m -> m.to().equals("Capfile"))) {
            throw new IllegalArgumentException("no Capistrano Capfile in " + root + " (looked for Capfile, capfile, Capfile.rb)");
        }
        ImportReport report = new ImportReport();
        List<String> written = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (CapistranoFiles.Mapping m : files) {
            String ruby = Files.readString(root.resolve(m.from()));
            if (m.to().equals("Capfile") && looksLikeCapstan(ruby)) throw new IllegalArgumentException(m.from() + " is already a Capstan Capfile");
            List<String> uses = new ArrayList<>();
            String groovy = new FileTranslator(m.from(), report, uses).translate(ruby);
            if (m.to().equals("Capfile")) groovy = capfile(groovy, uses, report);
            String header = "// Converted from " + m.from() + " by capstan import (see " + REPORT + ").\n";
            if (m.from().equals("Capfile")) {
                if (Files.exists(root.resolve("Capfile.rb"))) throw new IllegalArgumentException("both Capfile and Capfile.rb exist: remove one first");
                Files.move(root.resolve("Capfile"), root.resolve("Capfile.rb"));
                report.note("The Ruby Capfile is now Capfile.rb: `cap -f Capfile.rb STAGE TASK` still runs Capistrano.");
            }
            Path target = root.resolve(m.to());
            if (Files.exists(target)) {
                skipped.add(m.to());
                continue;
            }
            Files.createDirectories(target.getParent() == null ? root : target.getParent());
            Files.writeString(target, header + groovy);
            written.add(m.to());
        }
        Files.createDirectories(root.resolve("lib/capstan/tasks"));
        String text = report.text();
        Files.writeString(root.resolve(REPORT), text);
        return new Outcome(written, skipped, text, report.entries().size());
    }

    /** Capistrano before 3.7 deployed with git when no SCM was required; Capstan says it. */
    private static String capfile(String groovy, List<String> uses, ImportReport report) {
        if (uses.contains("deploy") && uses.stream().noneMatch(u -> u.startsWith("scm/"))) {
            report.note("Capfile: no SCM plugin was required; `use 'scm/git'` was added (Capistrano's default).");
            return groovy + "use 'scm/git'   // Capistrano's default SCM\n";
        }
        return groovy;
    }

    private static boolean looksLikeCapstan(String text) {
        return text.lines().anyMatch(l -> l.strip().startsWith("use '") || l.strip().startsWith("use \""));
    }
}
