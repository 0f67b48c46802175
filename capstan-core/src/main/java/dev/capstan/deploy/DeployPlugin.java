package dev.capstan.deploy;

import dev.capstan.config.Configuration;
import dev.capstan.config.Lazy;
import dev.capstan.config.Variable;
import dev.capstan.plugin.Plugin;
import dev.capstan.task.TaskRegistry;

import java.util.List;
import java.util.Map;

/**
 * {@code use 'deploy'}: Capistrano's deploy flow. Each group of tasks lives in its own class; this
 * plugin only sets the defaults and installs them.
 */
public final class DeployPlugin implements Plugin {
    @Override
    public String name() { return "deploy"; }

    @Override
    public List<Variable> variables() { return DeployVariables.ALL; }

    @Override
    public void setDefaults(Configuration c) {
        c.setIfEmpty("branch", "master");
        c.setIfEmpty("deploy_to", Lazy.of(() -> "/var/www/" + c.require("application")));
        c.setIfEmpty("tmp_dir", "/tmp");
        c.setIfEmpty("default_env", Map.of());
        c.setIfEmpty("keep_releases", 5);
        c.setIfEmpty("pty", false);
        c.setIfEmpty("symlinks", "absolute");
        c.setIfEmpty("lock_ttl", 3600);
        c.setIfEmpty("local_user", Lazy.of(DeployPlugin::localUser));
    }

    @Override
    public void defineTasks(TaskRegistry tasks) {
        FlowTasks.define(tasks);
        CheckTasks.define(tasks);
        ReleaseTasks.define(tasks);
        CleanupTasks.define(tasks);
        RollbackTasks.define(tasks);
        LockTasks.define(tasks);
        PublishTask.define(tasks);
        StatusTask.define(tasks);
    }

    @Override
    public void registerHooks(TaskRegistry tasks) {
        tasks.before("deploy:starting", "deploy:lock", null);
        // a lock this run took is never left behind: e.g. `deploy:starting` invoked alone, or an interrupted run
        tasks.ensure("deploy:unlock_own", runner -> DeployRun.of(runner).held());
    }

    private static String localUser() {
        for (String k : new String[] {"USER", "LOGNAME", "USERNAME"}) {
            String v = System.getenv(k);
            if (v != null && !v.isBlank()) return v;
        }
        return System.getProperty("user.name");
    }
}
