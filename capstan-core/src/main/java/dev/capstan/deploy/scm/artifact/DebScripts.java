package dev.capstan.deploy.scm.artifact;

import dev.capstan.remote.Shell;

/**
 * Installing a {@code .deb} (a pkgr package, say) as the release's switch. Pure: tested as exact strings and run for
 * real against dpkg in a private root.
 *
 * <p>dpkg's exit status is not trusted: {@code --refuse-downgrade} skips a package and still exits 0. After the
 * install the version dpkg records is compared with the package's own, read from the file with dpkg-deb.
 */
public final class DebScripts {
    /** Where dpkg installs: the host's system ({@code root} null), or a private root (tests, chroots). */
    public record Target(String root, String sudo) {
        public static final Target SYSTEM = new Target(null, null);

        String dpkg() {
            String prefix = sudo == null ? "" : sudo + " ";
            if (root == null) return prefix + "env DEBIAN_FRONTEND=noninteractive dpkg";
            String r = Shell.escape(root);
            return prefix + "env DEBIAN_FRONTEND=noninteractive dpkg --root=" + r + " --force-not-root --force-script-chrootless --log="
                    + Shell.escape(root + "/var/log/dpkg.log");
        }

        String query() {
            return root == null ? "dpkg-query" : "dpkg-query --admindir=" + Shell.escape(root + "/var/lib/dpkg");
        }
    }

    private DebScripts() {}

    /**
     * Installs the package non-interactively (locally edited conffiles are kept: {@code --force-confdef --force-confold};
     * with {@code resolveDependencies}, missing dependencies come from apt), then checks the installed version; prints
     * {@code installed PACKAGE VERSION}.
     */
    public static String install(String debFile, Target target, boolean resolveDependencies) {
        return installWord(Shell.escape(debFile), target, resolveDependencies);
    }

    /** As {@link #install}, with the file given as a shell word already quoted (e.g. {@code "$capstan_deb"}). */
    static String installWord(String f, Target target, boolean resolveDependencies) {
        String dpkg = target.dpkg() + " --force-confdef --force-confold -i " + f;
        if (resolveDependencies) {
            String apt = (target.sudo() == null ? "" : target.sudo() + " ") + "env DEBIAN_FRONTEND=noninteractive apt-get -f install -y -q";
            dpkg = "{ " + dpkg + " || " + apt + "; }";
        }
        return "capstan_pkg=$(dpkg-deb -f " + f + " Package) && capstan_ver=$(dpkg-deb -f " + f + " Version) && " + dpkg + " && "
                + "capstan_now=$(" + target.query() + " -W -f='${Version} ${db:Status-Abbrev}' \"$capstan_pkg\" 2>/dev/null) && "
                + "if [ \"$capstan_now\" = \"$capstan_ver ii \" ]; then echo \"installed $capstan_pkg $capstan_ver\"; else "
                + "echo \"dpkg exited 0 but $capstan_pkg is '$capstan_now', not '$capstan_ver ii': the package was not installed\" >&2; exit 1; fi";
    }

    /** The installed version of {@code packageName}, or nothing when it is not installed. */
    public static String installedVersion(String packageName, Target target) {
        return target.query() + " -W -f='${Version}' " + Shell.escape(packageName) + " 2>/dev/null || true";
    }
}
