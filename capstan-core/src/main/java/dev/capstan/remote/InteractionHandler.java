package dev.capstan.remote;

import dev.capstan.remote.event.Event.Stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Answers prompts a command prints (e.g. a sudo password prompt): output in, text for stdin out. */
@FunctionalInterface
public interface InteractionHandler {
    /** @return the reply to send (a newline is not added), or null to send nothing */
    String reply(Stream stream, String data);

    /** Pattern (regular expression, matched anywhere in the chunk) to reply, tried in order. */
    static InteractionHandler mapping(Map<?, ?> replies) {
        Map<Pattern, String> compiled = new LinkedHashMap<>();
        replies.forEach((k, v) -> compiled.put(Pattern.compile(String.valueOf(k)), String.valueOf(v)));
        return (stream, data) -> {
            for (Map.Entry<Pattern, String> e : compiled.entrySet()) {
                if (e.getKey().matcher(data).find()) return e.getValue();
            }
            return null;
        };
    }
}
