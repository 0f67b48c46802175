package dev.capstan.cli;

import dev.capstan.cli.doctor.Doctor;
import dev.capstan.config.Configuration;
import dev.capstan.dsl.Project;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.event.EventListener;

import java.io.PrintStream;
import java.util.Map;

/** {@code capstan [STAGE] doctor}: opens the stage's backends (never a dry run) and hands over to {@link Doctor}. */
final class DoctorCommand {
    private DoctorCommand() {}

    static int run(Project project, boolean withHosts, String format, PrintStream out, Map<String, String> env) {
        boolean json = "json".equals(format);
        if (format != null && !json && !format.equals("text")) {
            throw new dev.capstan.config.ConfigException("doctor --format: text or json, not '" + format + "'");
        }
        if (!withHosts) return Doctor.run(project, null, null, json, unicode(env), out);
        Configuration config = project.config();
        try (Backends.Opened backends = Backends.open(config, false, EventListener.NONE);
             Coordinator coordinator = new Coordinator(backends.provider(), Backends.settings(config, new dev.capstan.remote.Secrets(config::secretValues)), EventListener.NONE)) {
            SshBackend ssh = backends.ssh() instanceof SshBackend s ? s : null;
            return Doctor.run(project, coordinator, ssh, json, unicode(env), out);
        }
    }

    /** ✔/✘ only when the locale says UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them). */
    static boolean unicode(Map<String, String> env) {
        for (String k : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(k);
            if (v != null && !v.isEmpty()) return v.toUpperCase(java.util.Locale.ROOT).replace("-", "").contains("UTF8");
        }
        return false;
    }
}
