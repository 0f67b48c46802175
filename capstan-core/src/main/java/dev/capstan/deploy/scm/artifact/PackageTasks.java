package dev.capstan.deploy.scm.artifact;

import dev.capstan.deploy.DeployPaths;
import dev.capstan.remote.Shell;
import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code set 'package_install', 'dpkg'}: the release's .deb is installed as it is published (in a deploy and in a
 * rollback, so a rollback reinstalls the previous package), its installed version checked with dpkg-query and
 * recorded in the release's {@code PACKAGE} file, which {@code deploy:status} compares with what dpkg has now.
 */
final class PackageTasks {
    static final String INSTALL = "artifact:install_package";
    static final String STATUS = "artifact:package_status";
    /** The file in a release that records the package installed from it: {@code NAME VERSION}. */
    static final String RECORD = "PACKAGE";

    private PackageTasks() {}

    static void define(TaskRegistry t) {
        t.define(INSTALL, "Install the release's .deb (package_install: dpkg)", ctx -> {
            if (!dpkg(ctx)) return;
            DeployPaths p = new DeployPaths(ctx);
            DebScripts.Target target = target(ctx);
            boolean deps = ctx.config().fetchBoolean("package_resolve_dependencies", false);
            ctx.on(ctx.releaseRoles("all"), r -> {
                String release = p.releaseToPublish(r.host());
                if (release == null) return;
                r.execute(install(release, target, deps));
            });
        });
        t.define(STATUS, null, ctx -> {
            if (!dpkg(ctx)) return;
            DeployPaths p = new DeployPaths(ctx);
            DebScripts.Target target = target(ctx);
            Map<String, String> rows = new TreeMap<>();
            ctx.on(ctx.releaseRoles("all"), r -> rows.put(r.host().label(), r.capture(status(p.currentPath(), target)).strip()));
            ctx.info(String.format("%-30s %s", "HOST", "PACKAGE (release's record / dpkg now)"));
            rows.forEach((host, row) -> ctx.info(String.format("%-30s %s", host, row)));
        });
    }

    /** Finds the release's .deb, installs and checks it, then records what was installed in the release. */
    static String install(String release, DebScripts.Target target, boolean deps) {
        String rel = Shell.escape(release);
        return "capstan_deb=; for f in " + rel + "/*.deb; do [ -f \"$f\" ] && capstan_deb=$f; done; [ -n \"$capstan_deb\" ] || { echo "
                + Shell.escape("no .deb in " + release + " to install") + " >&2; exit 1; }; "
                + DebScripts.installWord("\"$capstan_deb\"", target, deps)
                + " && printf '%s %s\\n' \"$capstan_pkg\" \"$capstan_ver\" > " + Shell.escape(release + "/" + RECORD);
    }

    /** {@code RECORDED / INSTALLED} for the current release. */
    static String status(String current, DebScripts.Target target) {
        String record = Shell.escape(current + "/" + RECORD);
        return "capstan_rec=$(cat " + record + " 2>/dev/null); capstan_now=$([ -n \"$capstan_rec\" ] && " + target.query()
                + " -W -f='${Version}' \"${capstan_rec%% *}\" 2>/dev/null); echo \"${capstan_rec:--} / ${capstan_now:--}\"";
    }

    private static boolean dpkg(TaskContext ctx) {
        String how = ctx.config().fetchString("package_install");
        if (how == null || how.equals("none")) return false;
        if (!how.equals("dpkg")) throw new ArtifactException("package_install is '" + how + "'; use 'dpkg' or 'none'");
        return true;
    }

    private static DebScripts.Target target(TaskContext ctx) {
        return new DebScripts.Target(ctx.config().fetchString("package_dpkg_root"), ctx.config().fetchString("package_sudo"));
    }
}
