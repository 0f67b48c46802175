package dev.capstan.remote;

import java.util.List;
import java.util.stream.Collectors;

/** An {@code on} block failed on one or more hosts; the message lists every host's error. */
public final class OnFailedException extends RemoteException {
    private final transient List<HostFailure> failures;
    private final transient List<Host> stopped;

    public OnFailedException(List<HostFailure> failures, List<Host> stopped) {
        super(failures.get(0).host(), message(failures, stopped), failures.get(0).error());
        this.failures = List.copyOf(failures);
        this.stopped = List.copyOf(stopped);
    }

    public List<HostFailure> failures() { return failures; }

    /** Hosts that stopped early because another host failed. */
    public List<Host> stopped() { return stopped; }

    private static String message(List<HostFailure> failures, List<Host> stopped) {
        StringBuilder sb = new StringBuilder();
        if (failures.size() == 1) {
            sb.append("failed on ").append(failures.get(0).describe());
        } else {
            sb.append("failed on ").append(failures.size()).append(" hosts:\n");
            sb.append(failures.stream().map(f -> "- " + f.describe().replace("\n", "\n  ")).collect(Collectors.joining("\n")));
        }
        if (!stopped.isEmpty()) {
            sb.append("\nstopped early on ").append(stopped.size()).append(" host(s): ")
              .append(stopped.stream().map(Host::label).collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }
}
