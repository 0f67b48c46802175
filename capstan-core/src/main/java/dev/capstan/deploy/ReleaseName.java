package dev.capstan.deploy;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;

/**
 * The new release's name: the UTC time now, or one second after the newest release any host has when that
 * is not older (a deploy in the same second, a deploying machine whose clock is behind), so a release directory
 * is never reused and names keep sorting in the order releases were made.
 */
final class ReleaseName {
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private ReleaseName() {}

    static String fresh(LocalDateTime now, Collection<String> newestOnHosts) {
        LocalDateTime name = now.withNano(0);
        for (String newest : newestOnHosts) {
            try {
                LocalDateTime t = LocalDateTime.parse(newest, TIMESTAMP);
                if (!name.isAfter(t)) name = t.plusSeconds(1);
            } catch (DateTimeParseException e) {
                // not a timestamp (e.g. 99999999999999): it cannot be followed, and the host refuses a clash anyway
            }
        }
        return name.format(TIMESTAMP);
    }
}
