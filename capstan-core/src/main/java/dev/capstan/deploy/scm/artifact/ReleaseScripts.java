package dev.capstan.deploy.scm.artifact;

import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.remote.Shell;

/**
 * The script per host that makes an artifact release: create the release directory (marked unfinished), take the
 * artifact from the host's cache or download it there, then unpack it into the release. A host that must be sent the
 * bytes (push, or neither curl nor wget) prints {@code upload needed} and ends the command there (what follows in it,
 * REVISION and the shared links, would go into an empty release); it gets {@link #afterUpload}, then the rest, once
 * the bytes are there. Pure: tested as exact strings and run in a real shell.
 */
public final class ReleaseScripts {
    /** What the prepare command prints when the host has not got the bytes and cannot download them. */
    public static final String UPLOAD_NEEDED = "upload needed";

    /**
     * Where the artifact goes on a host and how it becomes the release.
     *
     * @param cacheDir    {@code shared/artifacts}
     * @param keepCached  digests kept in the cache (the newest used); older ones are removed after a release is made
     */
    public record Placement(String cacheDir, String fileName, Checksum digest, int strip, String placeAs, int keepCached) {
        String cachedFile() { return ArtifactScripts.cachedFile(cacheDir, digest, fileName); }

        String digestDir() { return cacheDir + "/" + digest.hex(); }
    }

    private ReleaseScripts() {}

    /**
     * Creates the release and fills it from the cache; otherwise downloads with {@code url} (null: push, never download)
     * and fills it ({@code secretOnStdin}: with the URL and the Authorization header read from stdin); otherwise prints
     * {@link #UPLOAD_NEEDED} (with the reason) and ends the command, the release empty and unfinished.
     */
    public static String prepare(String releasePath, String token, Placement p, String url, boolean secretOnStdin) {
        String file = Shell.escape(p.cachedFile());
        String fill = fill(releasePath, p);
        String download = url == null ? ""
                : "elif command -v curl >/dev/null 2>&1 || command -v wget >/dev/null 2>&1; then "
                  + ArtifactScripts.fetch(p.cacheDir(), p.fileName(), url, p.digest(), secretOnStdin) + " && " + fill + "; ";
        String why = url == null ? "" : ": neither curl nor wget";
        return ReleaseCommands.createRelease(releasePath, token).render() + " && if [ -f " + file + " ] && " + ArtifactScripts.matches(p.digest(), file)
                + "; then echo cached && touch " + Shell.escape(p.digestDir()) + " && " + fill + "; " + download
                + "else mkdir -p " + Shell.escape(p.digestDir()) + " && echo " + Shell.escape(UPLOAD_NEEDED + why) + " && exit 0; fi";
    }

    /** Where an upload lands before it is checked: beside the cached file, never mistaken for it. */
    public static String uploadPath(Placement p, String token) {
        return p.cachedFile() + ".upload-" + token;
    }

    /** After an upload: check its digest, move it into the cache, fill the release; a mismatch fails the host. */
    public static String afterUpload(String releasePath, String token, Placement p) {
        String tmp = Shell.escape(uploadPath(p, token));
        return "if " + ArtifactScripts.matches(p.digest(), tmp) + "; then mv -f " + tmp + " " + Shell.escape(p.cachedFile())
                + " && echo uploaded && " + fill(releasePath, p) + "; else echo \"checksum mismatch after upload: expected "
                + p.digest().algorithm() + " " + p.digest().hex() + ", got $(" + p.digest().tool() + " " + tmp
                + " | cut -d' ' -f1)\" >&2; rm -f " + tmp + "; exit 1; fi";
    }

    /** Unpack or place the cached file, then forget the cache's oldest digests. */
    private static String fill(String releasePath, Placement p) {
        return ArtifactScripts.unpack(p.cachedFile(), releasePath, p.strip(), p.placeAs()) + " && " + prune(p);
    }

    /** Keeps the {@code keepCached} most recently used digests (a rollback needs none: its release is unpacked). */
    static String prune(Placement p) {
        return "( cd " + Shell.escape(p.cacheDir()) + " && ls -1t | tail -n +" + (p.keepCached() + 1)
                + " | while read -r capstan_old; do rm -rf \"./$capstan_old\"; done )";
    }
}
