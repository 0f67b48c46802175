package dev.capstan.deploy;

import dev.capstan.task.TaskContext;
import dev.capstan.task.TaskRegistry;

import java.util.List;

/** The named, mostly empty stages of Capistrano's flow: hook points for the real work. */
final class FlowTasks {
    static final List<String> DEPLOY = List.of("deploy:starting", "deploy:started", "deploy:updating", "deploy:updated",
            "deploy:publishing", "deploy:published", "deploy:finishing", "deploy:finished");
    static final List<String> ROLLBACK = List.of("deploy:starting", "deploy:started", "deploy:reverting", "deploy:reverted",
            "deploy:publishing", "deploy:published", "deploy:finishing_rollback", "deploy:finished");

    private FlowTasks() {}

    static void define(TaskRegistry t) {
        t.define("deploy", "Deploy a new release.", ctx -> {
            ctx.config().set("deploying", true); // Capistrano's public flag (deploying?); the recipes read DeployRun
            DeployRun.of(ctx).flow(DeployRun.Flow.DEPLOY);
            runStages(ctx, DEPLOY);
        });
        t.define("deploy:rollback", "Rollback to previous release.", ctx -> {
            DeployRun.of(ctx).flow(DeployRun.Flow.ROLLBACK);
            runStages(ctx, ROLLBACK);
        });
        t.define("deploy:starting", "Start a deployment, make sure server(s) ready.", ctx -> {
            if (ctx.config().fetchBoolean("print_config_variables", false)) ctx.invoke("deploy:print_config_variables");
            ctx.invoke("deploy:check");
            ctx.invoke("deploy:set_previous_revision");
        });
        t.define("deploy:started", "Started", null);
        t.define("deploy:updating", "Update server(s) by setting up a new release.", List.of("deploy:new_release_path"), ctx -> {
            ctx.invoke("deploy:set_current_revision");
            ctx.invoke("deploy:symlink:shared");
        }, null);
        t.define("deploy:updated", "Updated", null);
        t.define("deploy:reverting", "Revert server(s) to previous release.", ctx -> ctx.invoke("deploy:revert_release"));
        t.define("deploy:reverted", "Reverted", null);
        // an interrupt during the switch lets it complete on every host (one release everywhere), then stops the run
        t.define("deploy:publishing", "Publish the release.", ctx -> ctx.runner().coordinator()
                .completing("deploy:publishing", () -> ctx.invoke("deploy:symlink:release")));
        t.define("deploy:published", "Published", null);
        t.define("deploy:finishing", "Finish the deployment, clean up server(s).", ctx -> ctx.invoke("deploy:cleanup"));
        t.define("deploy:finishing_rollback", "Finish the rollback, clean up server(s).", ctx -> ctx.invoke("deploy:cleanup_rollback"));
        t.define("deploy:finished", "Finished", ctx -> {
            ctx.invoke("deploy:log_revision");
            ctx.invoke("deploy:unlock_own");
        });
        t.define("deploy:failed", null, ctx -> ctx.invoke("deploy:unlock_own"));
        t.define("deploy:restart", null, null);
        t.define("deploy:print_config_variables", null, ctx -> {
            ctx.info("------- Printing current config variables -------");
            for (String k : ctx.config().keys()) {
                Object raw = ctx.config().raw(k);
                Object shown = ctx.config().isSecret(k) ? "[REDACTED]"
                        : raw instanceof dev.capstan.config.Question ? raw : ctx.config().fetch(k);
                ctx.info(k + " => " + shown);
            }
        });
    }

    /**
     * Runs the stages in order; an interrupt stops the run before the next stage. If one fails or the run is stopped,
     * {@code deploy:failed} runs, even after an interrupt (its own failure is attached to the first error, never hides
     * it) and the first error is raised.
     */
    private static void runStages(TaskContext ctx, List<String> stages) {
        var coordinator = ctx.runner().coordinator();
        try {
            for (String s : stages) {
                coordinator.checkStopped("before " + s);
                ctx.invoke(s);
            }
        } catch (RuntimeException e) {
            // a failure after every host switched says so, and the live release is logged
            RuntimeException reported = AfterPublishing.explain(ctx, e);
            coordinator.handlingFailure(() -> {
                try {
                    ctx.runner().invoke("deploy:failed");
                } catch (RuntimeException hookError) {
                    reported.addSuppressed(hookError);
                }
            });
            throw reported;
        }
    }
}
