package dev.capstan.cli;

import java.io.IOException;

/** A command that stands where task names go ({@code capstan STAGE exec ...}) or needs no stage ({@code capstan completion bash}). */
@FunctionalInterface
public interface CliCommand {
    /** Runs the command; the result is the process's exit status ({@link Main#OK}, {@link Main#FAILED}, {@link Main#USAGE}). */
    int run(Invocation call) throws IOException;
}
