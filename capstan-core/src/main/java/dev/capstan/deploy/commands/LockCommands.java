package dev.capstan.deploy.commands;

import dev.capstan.remote.Shell;

/**
 * The deploy lock: a directory created with {@code mkdir} (atomic) holding who took it and when.
 * Only the run that holds it (its token) releases it; {@code deploy:unlock} breaks it.
 */
public final class LockCommands {
    private LockCommands() {}

    /** Prints {@code acquired}, or {@code held} followed by the holder's details; fails when the lock cannot be created. */
    public static String acquire(String deployTo, String lockPath, String info) {
        // a lock that cannot be created (permission denied, disk full) fails the command with mkdir's own message
        return "mkdir -p " + Shell.escape(deployTo) + " && if capstan_err=$(mkdir " + Shell.escape(lockPath) + " 2>&1); then printf '%s\\n' "
                + Shell.escape(info) + " > " + Shell.escape(lockPath + "/info") + " && echo acquired; elif [ -d " + Shell.escape(lockPath)
                + " ]; then echo held; cat " + Shell.escape(lockPath + "/info") + " 2>/dev/null; true; else echo \"$capstan_err\" >&2; exit 1; fi";
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
