package dev.capstan.deploy;

/** Publishing or rolling back could not make every host serve the same release; the message holds the hosts × release table. */
public final class PublishFailedException extends RuntimeException implements dev.capstan.task.RunOutcome {
    public PublishFailedException(String message) {
        super(message);
    }
}
