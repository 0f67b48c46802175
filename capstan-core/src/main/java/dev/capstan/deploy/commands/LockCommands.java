package dev.capstan.deploy.commands;

import dev.capstan.deploy.script.Line;
import dev.capstan.deploy.script.Script;

/**
 * The deploy lock: a directory created with {@code mkdir} (atomic) holding who took it and when.
 * Only the run that holds it (its token) releases it; {@code deploy:unlock} breaks it.
 */
public final class LockCommands {
    private LockCommands() {}

    /** Prints {@code acquired}, or {@code held} followed by the holder's details; fails when the lock cannot be created. */
    public static Script acquire(String deployTo, String lockPath, String info) {
        // a lock that cannot be created (permission denied, disk full) fails the command with mkdir's own message
        return Script.line("mkdir -p ").word(deployTo).and(Script.line("if capstan_err=$(mkdir ").word(lockPath)
                .text(" 2>&1); then printf '%s\\n' ").word(info).text(" > ").word(lockPath + "/info").text(" && echo acquired; elif [ -d ")
                .word(lockPath).text(" ]; then echo held; cat ").word(lockPath + "/info")
                .text(" 2>/dev/null; true; else echo \"$capstan_err\" >&2; exit 1; fi"));
    }

    /** Removes the lock only if this run's token holds it. */
    public static Line release(String lockPath, String token) {
        return Script.line("if grep -qF ").word("token=" + token).text(" ").word(lockPath + "/info")
                .text(" 2>/dev/null; then rm -rf ").word(lockPath).text("; fi");
    }

    /** Removes the lock whoever holds it. */
    public static Line breakLock(String lockPath) {
        return Script.line("rm -rf ").word(lockPath);
    }
}
