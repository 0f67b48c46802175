package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.task.TaskContext;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The run's token: written into the lock it holds and into the releases it creates, so the switch can check
 * that a release is the one this run prepared and cleanup can tell the release of the run holding the lock.
 */
public final class RunToken {
    private static final String TOKEN = "capstan_lock_token";

    private RunToken() {}

    public static String of(TaskContext ctx) {
        return of(ctx.config());
    }

    static String of(Configuration c) {
        synchronized (c) {
            Object t = c.fetch(TOKEN);
            if (t != null) return String.valueOf(t);
            byte[] b = new byte[8];
            ThreadLocalRandom.current().nextBytes(b);
            String token = HexFormat.of().formatHex(b);
            c.set(TOKEN, token);
            return token;
        }
    }
}
