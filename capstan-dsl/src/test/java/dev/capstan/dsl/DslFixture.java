package dev.capstan.dsl;

import dev.capstan.config.Prompter;
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.backend.local.LocalBackend;
import dev.capstan.remote.event.Event;
import dev.capstan.task.TaskRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A project on disk, loaded and run the way the CLI does it (local backend). */
final class DslFixture {
    final Path root;
    final Path cache;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = new ArrayList<>();

    DslFixture(Path root) throws IOException {
        this.root = root;
        this.cache = root.resolve(".cache");
        write("Capfile", "");
        write("config/deploy/test.groovy", "server 'localhost', roles: ['app'], backend: 'local'\n");
    }

    DslFixture write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return this;
    }

    Project load(String stage) {
        return new ProjectLoader(cache, Prompter.NONE).load(root, stage, c -> {});
    }

    Project run(String stage, String... tasks) {
        Project p = load(stage);
        try (Coordinator c = new Coordinator(h -> new LocalBackend(), RemoteSettings.defaults(), events::add)) {
            new TaskRunner(p.tasks(), p.config(), c, t -> {}, warnings::add).runAll(List.of(tasks));
        }
        return p;
    }

    List<String> logged() {
        return events.stream().filter(e -> e instanceof Event.LogMessage).map(e -> ((Event.LogMessage) e).message()).toList();
    }
}
