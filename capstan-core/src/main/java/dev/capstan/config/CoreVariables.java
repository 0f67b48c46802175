package dev.capstan.config;

import java.util.List;

/** The variables Capstan itself reads, whichever plugins a project uses (the CLI's output, SSH, filters, paths). */
public final class CoreVariables {
    public static final List<Variable> ALL = List.of(
            Variable.text("application", null, "The application's name (used in deploy_to's default and the closing line)."),
            Variable.text("stage", null, "The stage being run; set by capstan from the command line."),
            Variable.choice("format", "concise", List.of("concise", "airbrussh", "pretty", "dot", "json"), "Console output format."),
            Variable.choice("log_level", "info", List.of("trace", "debug", "info", "warn", "error", "fatal"), "Lowest level shown on the console."),
            Variable.text("log_file", "log/capstan.log", "The full-detail log, relative to the project."),
            Variable.map("ssh_options", "SSH settings: user, port, keys, forward_agent, verify_host_key, proxy_jump, … (docs/ssh.md)."),
            Variable.map("default_env", "Environment variables set for every command."),
            Variable.map("command_map", "Command name → prefix or path, e.g. [rake: 'bundle exec rake']."),
            Variable.any("command_timeout", null, "Seconds a command may run before it is stopped."),
            Variable.map("filter", "Host and role filters, e.g. [hosts: 'web1', roles: 'app'] (like --hosts and --roles)."),
            Variable.bool("dry_run_test_answer", true, "What `test` answers in a dry run."),
            Variable.bool("print_config_variables", false, "Print every variable as it is set (-p)."),
            Variable.bool("force_unlock", false, "Break a deploy lock held by another run (--force-unlock)."),
            Variable.text("deploy_config_path", "config/deploy.groovy", "Where the project's configuration is (set in the Capfile)."),
            Variable.text("stage_config_path", "config/deploy", "Where the stage files are (set in the Capfile)."));

    private CoreVariables() {}
}
