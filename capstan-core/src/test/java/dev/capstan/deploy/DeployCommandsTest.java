package dev.capstan.deploy;

import dev.capstan.deploy.commands.CleanupCommands;
import dev.capstan.deploy.commands.LockCommands;
import dev.capstan.deploy.commands.ReleaseCommands;
import dev.capstan.deploy.commands.SymlinkCommands;
import dev.capstan.deploy.scm.git.GitCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deploy's commands as exact strings (built as data, like Kamal's). */
class DeployCommandsTest {
    @Test
    void gitCommandsAreCapistranos() {
        assertThat(GitCommands.check("git@example.com:me/app.git")).isEqualTo("git ls-remote git@example.com:me/app.git HEAD");
        assertThat(GitCommands.cloneMirror("u", "/d/repo", null))
                .isEqualTo("if [ -f /d/repo/HEAD ]; then echo The\\ repository\\ mirror\\ is\\ at\\ /d/repo; else git clone --mirror u /d/repo; fi");
        assertThat(GitCommands.update("u", "/d/repo", 1, "main")).isEqualTo("cd /d/repo && git remote set-url origin u && git fetch --depth 1 origin main");
        assertThat(GitCommands.archive("/d/repo", "main", "/d/releases/1", "/sub/dir/"))
                .isEqualTo("cd /d/repo && rev=$(git rev-list --max-count=1 main) && git archive \"$rev\" sub/dir | /usr/bin/env tar -x --strip-components 2 -f - -C /d/releases/1");
    }

    @Test
    void publishIsAnAtomicRenameOfAUniqueLink() {
        assertThat(SymlinkCommands.publish("/d", "/d/current", "/d/releases/20261124000000", false, "abc"))
                .isEqualTo("rm -f /d/releases/20261124000000/.capstan-unfinished && ln -s /d/releases/20261124000000 /d/.capstan-current-abc"
                        + " && mv -T /d/.capstan-current-abc /d/current && rm -f /d/.capstan-current-*");
        assertThat(SymlinkCommands.publish("/d", "/d/current", "/d/releases/20261124000000", true, "abc"))
                .contains("ln -s releases/20261124000000 /d/.capstan-current-abc");
    }

    @Test
    void linkedPathsAreLinkedUnlessAlreadyLinks() {
        assertThat(SymlinkCommands.linkFiles("/d/releases/1", "/d/shared", List.of("config/db.yml"), true)).isEqualTo(
                "set -e\nmkdir -p /d/releases/1/config\n[ -L /d/releases/1/config/db.yml ] || { [ -f /d/releases/1/config/db.yml ] && rm /d/releases/1/config/db.yml;"
                        + " ln -s ../../../shared/config/db.yml /d/releases/1/config/db.yml; }");
        assertThat(SymlinkCommands.relativeTarget(Path.of("/srv/app/releases/1/public"), "/srv/app/shared/public/system"))
                .isEqualTo("../../../shared/public/system");
    }

    @Test
    void aRolledBackReleaseIsArchivedUnlessCurrentPointsToItAgain() {
        assertThat(CleanupCommands.archiveRolledBack("/d", "/d/releases", "/d/current", "20260101000000"))
                .isEqualTo("if [ \"$(basename \"$(readlink /d/current 2>/dev/null)\")\" = 20260101000000 ]; then echo current; "
                        + "else tar -czf /d/rolled-back-release-20260101000000.tar.gz -C /d/releases 20260101000000 && rm -rf /d/releases/20260101000000; fi");
    }

    @Test
    void revisionsLogLinesAreLiteral() {
        assertThat(ReleaseCommands.appendRevisionLog("/d/revisions.log", "Branch \"x\" $(id) by o'brien"))
                .isEqualTo("printf '%s\\n' Branch\\ \\\"x\\\"\\ \\$\\(id\\)\\ by\\ o\\'brien >> /d/revisions.log");
    }

    @Test
    void theLockIsAnAtomicMkdirReleasedOnlyByItsHolder() {
        assertThat(LockCommands.acquire("/d", "/d/.capstan-lock", "user=a token=t")).isEqualTo(
                "mkdir -p /d && if capstan_err=$(mkdir /d/.capstan-lock 2>&1); then printf '%s\\n' user\\=a\\ token\\=t > /d/.capstan-lock/info"
                        + " && echo acquired; elif [ -d /d/.capstan-lock ]; then echo held; cat /d/.capstan-lock/info 2>/dev/null; true;"
                        + " else echo \"$capstan_err\" >&2; exit 1; fi");
        assertThat(LockCommands.release("/d/.capstan-lock", "t"))
                .isEqualTo("if grep -qF token\\=t /d/.capstan-lock/info 2>/dev/null; then rm -rf /d/.capstan-lock; fi");
    }
}
