package dev.capstan.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who holds a deploy lock, precisely enough to tell whether that process still runs: the machine's boot
 * (boot_id), the pid namespace, the pid and the process's start time. A host name and a pid alone are not
 * enough: a container with the same host name has its own pids, and a pid is reused after its process ends.
 * Missing parts (not Linux, no /proc) are empty, and a lock with an empty part is never taken over.
 */
record LockOwner(String boot, String pidNamespace, long pid, String start) {
    private static final Path PROC = Path.of("/proc");

    /** This process. */
    static LockOwner self() {
        long pid = ProcessHandle.current().pid();
        return new LockOwner(read(PROC.resolve("sys/kernel/random/boot_id")), pidNamespace(PROC.resolve("self")), pid, startTime(pid));
    }

    /** The part of the lock's info line that records this owner. */
    String info() {
        return "boot=" + orDash(boot) + " pidns=" + orDash(pidNamespace) + " pid=" + pid + " start=" + orDash(start);
    }

    /**
     * A description of the holder when it provably ended: its lock was taken on this boot of this machine, in
     * this pid namespace, and no process with its pid and start time runs now. Null otherwise (another machine
     * or container, a live holder, or a lock that does not say enough): such a lock is never taken over.
     */
    String provablyGone(Map<String, String> holder) {
        String hBoot = holder.get("boot");
        String hNs = holder.get("pidns");
        String hStart = holder.get("start");
        long hPid = parseLong(holder.get("pid"));
        if (holder.get("token") == null || hPid <= 0 || empty(boot) || empty(pidNamespace)) return null;
        if (!boot.equals(hBoot) || !pidNamespace.equals(hNs) || empty(hStart) || "-".equals(hStart)) return null;
        String running;
        try {
            running = statStart(Files.readString(PROC.resolve(hPid + "/stat")));
        } catch (NoSuchFileException e) {
            return "pid " + hPid + " of " + holder.getOrDefault("user", "?") + ", gone";
        } catch (IOException e) {
            return null;
        }
        if (running == null || running.equals(hStart)) return null;
        return "pid " + hPid + " of " + holder.getOrDefault("user", "?") + ", gone (the pid now belongs to a later process)";
    }

    private static String pidNamespace(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("ns/pid")).toString().replaceAll("\\D", "");
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String startTime(long pid) {
        try {
            String s = statStart(Files.readString(PROC.resolve(pid + "/stat")));
            return s == null ? "" : s;
        } catch (IOException e) {
            return "";
        }
    }

    /** Field 22 of /proc/PID/stat (start time in clock ticks since boot); the command name before it may hold spaces. */
    static String statStart(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) return null;
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        return fields.length > 19 ? fields[19] : null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String orDash(String s) {
        return empty(s) ? "-" : s;
    }

    static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
