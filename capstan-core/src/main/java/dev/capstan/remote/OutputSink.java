package dev.capstan.remote;

import dev.capstan.remote.event.Event.Stream;

/** Where a backend delivers a running command's output, chunk by chunk, as it arrives. */
@FunctionalInterface
public interface OutputSink {
    /**
     * @return text to write to the command's standard input (an answer to a prompt), or null
     */
    String onData(Stream stream, String data);

    /** Whether the command may be answered on stdin; when false, backends close stdin at once so a prompt gets EOF instead of hanging. */
    default boolean interactive() { return false; }
}
