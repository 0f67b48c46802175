package dev.capstan.deploy.scm.artifact;

import dev.capstan.remote.Shell;

/**
 * What a host runs to get an artifact into its content-addressed cache ({@code shared/artifacts/DIGEST/NAME}) and
 * out of it into a release. Pure: tested as exact strings and by running them in a real shell.
 *
 * <p>The cache makes redeploys and rollbacks free: a host that already holds bytes with the expected digest
 * downloads nothing. A download lands in a temporary file, is checked, then renamed into place, so an interrupted
 * or corrupted download is never taken for the artifact.
 */
public final class ArtifactScripts {
    /** Tries before giving up on a transient failure (no answer, HTTP 429 or 5xx); others fail at once. */
    static final int TRIES = 3;

    /**
     * What a download whose URL or header is secret (a presigned URL's signature, credentials in the URL, an
     * Authorization header) prints on stderr before it reads them from stdin: the URL, then the header line (empty
     * when there is none). The command's interaction handler ({@link #secretsOnStdin}) answers. Neither is ever in
     * the script, which is the argv of the host's shell and so in every user's {@code ps}.
     */
    public static final String SECRETS_PROMPT = "capstan: the download's URL and Authorization header, on stdin";

    private ArtifactScripts() {}

    /** The cached file of {@code digest}. */
    public static String cachedFile(String cacheDir, Checksum digest, String fileName) {
        return cacheDir + "/" + digest.hex() + "/" + fileName;
    }

    /**
     * Ensures the cached copy exists with the expected digest, downloading it with curl (or wget) when it does not;
     * prints {@code cached} or {@code downloaded}. A digest mismatch, an HTTP error or a host with neither tool fails
     * with a message that names the cause. {@code onStdin}: the URL and the header are read from stdin
     * ({@link #SECRETS_PROMPT}), not written into the script.
     */
    public static String fetch(String cacheDir, String fileName, String url, Checksum digest, boolean onStdin) {
        String file = Shell.escape(cachedFile(cacheDir, digest, fileName));
        String dir = Shell.escape(cacheDir + "/" + digest.hex());
        String tmp = Shell.escape(cachedFile(cacheDir, digest, fileName) + ".part") + "$$";
        return "if [ -f " + file + " ] && " + matches(digest, file) + "; then echo cached; else "
                + "mkdir -p " + dir + " && " + download(Shell.escape(url), ArtifactRun.shown(java.net.URI.create(url)), tmp, onStdin) + " && "
                + "{ " + matches(digest, tmp) + " || { echo \"checksum mismatch: expected " + digest.algorithm() + " " + digest.hex()
                + ", got $(" + digest.tool() + " " + tmp + " | cut -d' ' -f1)\" >&2; rm -f " + tmp + "; exit 1; }; } && "
                + "mv -f " + tmp + " " + file + " && echo downloaded; fi";
    }

    /** True (exit 0) when {@code file}'s digest is {@code digest}. */
    static String matches(Checksum digest, String file) {
        return "[ \"$(" + digest.tool() + " " + file + " 2>/dev/null | cut -d' ' -f1)\" = " + digest.hex() + " ]";
    }

    /**
     * A bounded retry loop around curl or wget: only a transient failure (no answer, a cut connection, 429, 5xx) is
     * tried again, after 1–3 s of jitter times the attempt so a fleet does not retry in step; 404/403 fail at once.
     * A server that stalls for 60 s counts as a cut connection. The failure message gives the HTTP status and the
     * tool's exit status and {@code shown}, the URL without its credentials or query (a presigned URL's signature), never
     * the URL itself. {@code onStdin}: the URL and the header are read from stdin once, kept in shell variables
     * (builtins only, so in no process's argv), and given to curl as its config on a pipe ({@code -K -}) or to wget
     * as its input on a pipe ({@code -i -}) and, the header, in a config file only its user can read, removed right after.
     */
    static String download(String url, String shown, String tmp, boolean onStdin) {
        String readSecrets = !onStdin ? "" : "{ echo " + Shell.escape(SECRETS_PROMPT) + " >&2; IFS= read -r capstan_url && IFS= read -r capstan_auth"
                + " || { echo 'download failed: no URL on stdin' >&2; exit 1; }; } && ";
        String curl = (onStdin ? "{ printf 'url = \"%s\"\\n' \"$capstan_url\"; [ -z \"$capstan_auth\" ] || printf 'header = \"%s\"\\n' \"$capstan_auth\"; } | curl -K -" : "curl")
                + " -sS -L --connect-timeout 10 --speed-limit 1 --speed-time 60 -o " + tmp + " -w '%{http_code}'" + (onStdin ? "" : " " + url);
        String wget = (onStdin ? "printf '%s\\n' \"$capstan_url\" | " : "") + "wget -q -T 30" + (onStdin ? " --config=\"$capstan_wgetrc\"" : "")
                + " -O " + tmp + (onStdin ? " -i -" : " " + url) + " || { capstan_rc=$?; capstan_code=error; }";
        if (onStdin) {
            wget = "capstan_wgetrc=$(mktemp) || exit 1; [ -z \"$capstan_auth\" ] || printf 'header = %s\\n' \"$capstan_auth\" > \"$capstan_wgetrc\"; "
                    + wget + "; rm -f \"$capstan_wgetrc\"";
        }
        return readSecrets + "{ capstan_try=1; while :; do capstan_rc=0; "
                + "if command -v curl >/dev/null 2>&1; then capstan_code=$(" + curl + " 2>/dev/null) || capstan_rc=$?; capstan_tool=curl; "
                + "elif command -v wget >/dev/null 2>&1; then capstan_code=200; capstan_tool=wget; " + wget + "; "
                + "else echo 'neither curl nor wget is installed on this host' >&2; exit 127; fi; "
                + "[ $capstan_rc = 0 ] && [ \"$capstan_code\" = 200 ] && break; "
                + "capstan_why=\"HTTP $capstan_code\"; [ $capstan_rc = 0 ] || capstan_why=\"$capstan_why, $capstan_tool exit status $capstan_rc\"; "
                + "case \"$capstan_rc:$capstan_code\" in 0:429|0:5*|[1-9]*:000|[1-9]*:200|4:*) ;; "
                + "*) rm -f " + tmp + "; case $capstan_code in 401) capstan_why=\"$capstan_why (unauthorized: check the credentials)\";; "
                + "403) capstan_why=\"$capstan_why (forbidden: credentials refused, or a presigned URL expired)\";; esac; "
                + "echo \"download failed: $capstan_why from \"" + Shell.escape(shown) + " >&2; exit 1;; esac; "
                + "if [ $capstan_try -ge " + TRIES + " ]; then rm -f " + tmp
                + "; echo \"download failed after " + TRIES + " tries: $capstan_why from \"" + Shell.escape(shown) + " >&2; exit 1; fi; "
                + "sleep $(( capstan_try * (1 + $(od -An -N1 -tu1 /dev/urandom) % 3) )); capstan_try=$((capstan_try + 1)); done; }";
    }

    /** Whether a download of {@code url} with {@code authorization} has secrets to keep out of the script (see {@link #SECRETS_PROMPT}). */
    public static boolean secret(String url, String authorization) {
        return url != null && (authorization != null || !ArtifactRun.shown(java.net.URI.create(url)).equals(url));
    }

    /**
     * The command options that answer {@link #SECRETS_PROMPT} with {@code url} and {@code authorization} (none when
     * neither is secret). Refused when one could break out of curl's quoted config value or wget's config line.
     */
    public static java.util.Map<String, ?> secretsOnStdin(String url, String authorization) {
        if (!secret(url, authorization)) return java.util.Map.of();
        if (url.matches("(?s).*[\"\\\\\r\n].*")) throw new ArtifactException("the artifact's URL contains a quote, a backslash or a line break");
        if (authorization != null && authorization.matches("(?s).*[\"\\\\\r\n].*")) throw new ArtifactException("the Authorization header contains a quote, a backslash or a line break");
        String reply = url + "\n" + (authorization == null ? "" : "Authorization: " + authorization) + "\n";
        dev.capstan.remote.InteractionHandler answer = (stream, data) -> data.contains(SECRETS_PROMPT) ? reply : null;
        return java.util.Map.of("interaction_handler", answer);
    }

    /**
     * Unpacks (or places) the cached artifact into the release: archives by their extension, stripping
     * {@code strip} leading directories; a {@code .jar}/{@code .war} is copied as {@code placeAs} (or its own name), a
     * {@code .deb} under its own name.
     */
    public static String unpack(String cachedFile, String releasePath, int strip, String placeAs) {
        String f = Shell.escape(cachedFile);
        String rel = Shell.escape(releasePath);
        String name = cachedFile.substring(cachedFile.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String tarStrip = strip > 0 ? " --strip-components=" + strip : "";
        if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) return "mkdir -p " + rel + " && tar -xzf " + f + " -C " + rel + tarStrip;
        if (lower.endsWith(".tar.xz") || lower.endsWith(".txz")) return "mkdir -p " + rel + " && tar -xJf " + f + " -C " + rel + tarStrip;
        if (lower.endsWith(".tar")) return "mkdir -p " + rel + " && tar -xf " + f + " -C " + rel + tarStrip;
        if (lower.endsWith(".zip")) return unzip(f, releasePath, strip);
        if (lower.endsWith(".jar") || lower.endsWith(".war")) {
            return "mkdir -p " + rel + " && cp " + f + " " + Shell.escape(releasePath + "/" + (placeAs == null ? name : placeAs));
        }
        // a package is kept in its release (keep_releases bounds them), so a rollback can install it again
        if (lower.endsWith(".deb")) return "mkdir -p " + rel + " && cp " + f + " " + Shell.escape(releasePath + "/" + name);
        throw new ArtifactException(name + ": unknown artifact type (expected .tgz, .tar.gz, .tar.xz, .tar, .zip, .jar, .war or .deb)");
    }

    /** unzip has no --strip-components: unpack aside, then move the single top directory's contents up, level by level. */
    private static String unzip(String f, String releasePath, int strip) {
        String rel = Shell.escape(releasePath);
        if (strip == 0) return "mkdir -p " + rel + " && unzip -q -o " + f + " -d " + rel;
        String aside = Shell.escape(releasePath + "/.capstan-unzip");
        return "mkdir -p " + aside + " && unzip -q -o " + f + " -d " + aside + " && capstan_top=" + aside + " && for capstan_level in $(seq " + strip
                + "); do set -- \"$capstan_top\"/*; if [ $# -ne 1 ] || [ ! -d \"$1\" ]; then echo 'artifact_strip_components=" + strip
                + ": the zip has no single top directory to strip' >&2; exit 1; fi; capstan_top=$1; done && "
                + "for capstan_f in \"$capstan_top\"/* \"$capstan_top\"/.[!.]*; do [ -e \"$capstan_f\" ] && mv \"$capstan_f\" " + rel + "/; done; rm -rf " + aside;
    }
}
