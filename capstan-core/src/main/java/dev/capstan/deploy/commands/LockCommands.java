package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;

/**
 * The deploy lock: a directory created with {@code mkdir} (atomic) holding who took it and when.
 * Only the run that holds it (its token) releases it; {@code deploy:unlock} breaks it.
 */
public final class LockCommands {
    private LockCommands() {}

    /** Prints {@code acquired}, or {@code held} followed by the holder's details. */
    public static String acquire(String deployTo, String lockPath, String info) {
        return "mkdir -p " + Shell.escape(deployTo) + " && if mkdir " + Shell.escape(lockPath) + " 2>/dev/null; then printf '%s\\n' "
                + Shell.escape(info) + " > " + Shell.escape(lockPath + "/info") + " && echo acquired; else echo held; cat "
                + Shell.escape(lockPath + "/info") + " 2>/dev/null; true; fi";
    }

    /** Removes the lock only if this run's token holds it. */
    public static String release(String lockPath, String token) {
        return "if grep -qF " + Shell.escape("token=" + token) + " " + Shell.escape(lockPath + "/info")
                + " 2>/dev/null; then rm -rf " + Shell.escape(lockPath) + "; fi";
    }

    /** Removes the lock whoever holds it. */
    public static String breakLock(String lockPath) {
        return "rm -rf " + Shell.escape(lockPath);
    }
}
