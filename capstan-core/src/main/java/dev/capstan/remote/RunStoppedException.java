package dev.capstan.remote;

/** The run was stopped from outside (an interrupt) between blocks: nothing was running on any host to end. */
public final class RunStoppedException extends RemoteException {
    public RunStoppedException(String message) {
        super(null, message);
    }
}
