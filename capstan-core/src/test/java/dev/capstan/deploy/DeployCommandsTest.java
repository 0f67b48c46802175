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
        assertThat(GitCommands.check("git@example.com:me/app.git").render()).isEqualTo("git ls-remote git@example.com:me/app.git HEAD");
        assertThat(GitCommands.cloneMirror("u", "/d/repo", null).render())
                .isEqualTo("if [ -f /d/repo/HEAD ]; then echo The\\ repository\\ mirror\\ is\\ at\\ /d/repo; else git clone --mirror u /d/repo; fi");
        assertThat(GitCommands.update("u", "/d/repo", 1, "main").render()).isEqualTo("cd /d/repo && git remote set-url origin u && git fetch --depth 1 origin main");
        assertThat(GitCommands.archive("/d/repo", "main", "/d/releases/1", "/sub/dir/").render())
                .isEqualTo("cd /d/repo && rev=$(git rev-list --max-count=1 main) && git archive \"$rev\" sub/dir | /usr/bin/env tar -x --strip-components 2 -f - -C /d/releases/1");
    }

    @Test
    void publishChecksOnTheHostThatTheReleaseIsThisRunsAndCompleteThenRenamesAUniqueLink() {
        assertThat(SymlinkCommands.publish("/d", "/d/current", "/d/releases/20261124000000", false, "abc", "t0k", true).render()).isEqualTo(
                "cur=$(readlink /d/current 2>/dev/null); echo \"previous $cur\"\n"
                        + "if [ \"$cur\" = /d/releases/20261124000000 ] && [ -d /d/releases/20261124000000 ] && [ ! -e /d/releases/20261124000000/.capstan-unfinished ]; then :\n"
                        + "elif [ ! -d /d/releases/20261124000000 ]; then echo capstan:\\ /d/releases/20261124000000\\ does\\ not\\ exist:\\ current\\ not\\ switched >&2; exit 1\n"
                        + "elif [ \"$(cat /d/releases/20261124000000/.capstan-unfinished 2>/dev/null)\" != t0k ]; then echo capstan:\\ /d/releases/20261124000000\\ is\\ not"
                        + "\\ the\\ release\\ this\\ run\\ prepared\\ \\(its\\ .capstan-unfinished\\ marker\\ is\\ gone\\ or\\ names\\ another\\ run\\):\\ current\\ not\\ switched >&2; exit 1\n"
                        + "elif [ ! -f /d/releases/20261124000000/REVISION ]; then echo capstan:\\ /d/releases/20261124000000\\ is\\ incomplete\\ \\(no\\ REVISION\\):\\ current\\ not\\ switched >&2; exit 1\n"
                        + "else rm -f /d/releases/20261124000000/.capstan-unfinished && ln -s /d/releases/20261124000000 /d/.capstan-current-abc"
                        + " && mv -T /d/.capstan-current-abc /d/current && rm -f /d/.capstan-current-*; fi");
        // a rollback: the target must carry no unfinished marker
        assertThat(SymlinkCommands.publish("/d", "/d/current", "/d/releases/1", true, "abc", null, false).render())
                .contains("ln -s releases/1 /d/.capstan-current-abc")
                .contains("elif [ -e /d/releases/1/.capstan-unfinished ]; then echo capstan:\\ /d/releases/1\\ is\\ unfinished")
                .doesNotContain("REVISION", "!= ");
    }

    @Test
    void switchingBackMarksTheReleaseUnfinishedAgain() {
        assertThat(SymlinkCommands.revert("/d", "/d/current", "/d/releases/1", "/d/releases/2", "t0k", "abc").render()).isEqualTo(
                "printf '%s\\n' t0k > /d/releases/2/.capstan-unfinished && ln -s /d/releases/1 /d/.capstan-current-abc"
                        + " && mv -T /d/.capstan-current-abc /d/current && rm -f /d/.capstan-current-*");
        assertThat(SymlinkCommands.revert("/d", "/d/current", "", "/d/releases/2", "t0k", "abc").render())
                .isEqualTo("printf '%s\\n' t0k > /d/releases/2/.capstan-unfinished && rm -f /d/current");
    }

    @Test
    void aReleaseDirectoryIsNeverReused() {
        assertThat(ReleaseCommands.createRelease("/d/releases/20261124000000", "t0k").render()).isEqualTo(
                "mkdir -p /d/releases && if [ -e /d/releases/20261124000000 ] || [ -L /d/releases/20261124000000 ]; then echo"
                        + " capstan:\\ release\\ /d/releases/20261124000000\\ exists\\ already\\;\\ a\\ release\\ directory\\ is\\ never\\ reused"
                        + "\\ \\(a\\ deploy\\ in\\ the\\ same\\ second,\\ a\\ clock\\ behind,\\ or\\ release_timestamp\\ given\\):\\ not\\ touched >&2; exit 1; fi"
                        + " && mkdir /d/releases/20261124000000 && printf '%s\\n' t0k > /d/releases/20261124000000/.capstan-unfinished");
    }

    @Test
    void cleanupMovesEachReleaseIntoTheTrashAndSparesTheLockHoldersRelease() {
        String s = CleanupCommands.cleanup("/d/releases", "/d/current", "/d/.capstan-lock/info", 3).render();
        assertThat(s).startsWith("[ -d /d/releases ] || exit 0; cd /d/releases || exit 1\n"
                        + "rm -rf .capstan-trash; lock=$(cat /d/.capstan-lock/info 2>/dev/null)\n")
                .contains("    t=$(cat \"$d/.capstan-unfinished\"); case \"$lock\" in *\"token=$t \"*) [ -n \"$t\" ] && { echo \"in-progress $d\"; continue; } ;; esac\n"
                        + "    echo \"unfinished $d\"; gone=\"$gone $d\"; continue\n")
                .contains("  echo \"removed $d\"; gone=\"$gone $d\"\n")
                .contains("{ ls -l /proc/[0-9]*/cwd /proc/[0-9]*/exe 2>/dev/null | sed -n 's|.* -> ||p'; grep -ho -- \"$r/[0-9]\\{14\\}\" /proc/[0-9]*/maps 2>/dev/null; }")
                .contains("  case \" $inuse \" in *\" $d \"*) echo \"in-use $d\"; continue ;; esac\n  echo \"removed $d\"")
                .endsWith("done\n[ -z \"$gone\" ] || { mkdir -p .capstan-trash && mv -- $gone .capstan-trash/ && rm -rf -- .capstan-trash; } || exit 1")
                .doesNotContain("rm -rf -- \"$d\"");
        assertThat(CleanupCommands.pruneArchives("/d", 2).render()).isEqualTo(
                "cd /d && rm -f rolled-back-release-*.tar.gz.part; n=0; for a in rolled-back-release-*.tar.gz; do [ -f \"$a\" ] && n=$((n + 1)); done; excess=$((n - 2));"
                        + " for a in rolled-back-release-*.tar.gz; do [ \"$excess\" -gt 0 ] || break; [ -f \"$a\" ] || continue;"
                        + " excess=$((excess - 1)); echo \"archive $a\"; rm -f -- \"$a\" || exit 1; done");
    }

    @Test
    void theListingNamesTheReleasesRevisionsLogSaysWereDeployed() {
        assertThat(CleanupCommands.listReleases("/d/releases", "/d/current", "/d/revisions.log").render())
                .endsWith("; echo \"current $(readlink /d/current 2>/dev/null)\"; sed -n 's/.* deployed as release \\([0-9]\\{14\\}\\) by .*/deployed \\1/p'"
                        + " /d/revisions.log 2>/dev/null | tail -n 100");
        assertThat(ReleaseCommands.appendRevisionLogOnce("/d/revisions.log", "a b").render()).isEqualTo(
                "tail -n 1 /d/revisions.log 2>/dev/null | grep -qxF -- a\\ b || printf '%s\\n' a\\ b >> /d/revisions.log");
    }

    @Test
    void linkedPathsAreLinkedUnlessAlreadyLinks() {
        assertThat(SymlinkCommands.linkFiles("/d/releases/1", "/d/shared", List.of("config/db.yml"), true).render()).isEqualTo(
                "set -e\nmkdir -p /d/releases/1/config\n[ -L /d/releases/1/config/db.yml ] || { [ -f /d/releases/1/config/db.yml ] && rm /d/releases/1/config/db.yml;"
                        + " ln -s ../../../shared/config/db.yml /d/releases/1/config/db.yml; }");
        assertThat(SymlinkCommands.relativeTarget(Path.of("/srv/app/releases/1/public"), "/srv/app/shared/public/system"))
                .isEqualTo("../../../shared/public/system");
    }

    @Test
    void aRolledBackReleaseIsArchivedUnlessCurrentPointsToItAgain() {
        assertThat(CleanupCommands.archiveRolledBack("/d", "/d/releases", "/d/current", "20260101000000").render())
                .isEqualTo("if [ \"$(basename \"$(readlink /d/current 2>/dev/null)\")\" = 20260101000000 ]; then echo current; "
                        + "elif [ ! -d /d/releases/20260101000000 ]; then echo missing; "
                        + "else tar -czf /d/rolled-back-release-20260101000000.tar.gz.part -C /d/releases 20260101000000"
                        + " && mv /d/rolled-back-release-20260101000000.tar.gz.part /d/rolled-back-release-20260101000000.tar.gz && cd /d/releases"
                        + " && d=20260101000000 && { mkdir -p .capstan-trash && mv -- \"$d\" .capstan-trash/ && rm -rf -- .capstan-trash; } || exit 1; fi");
    }

    @Test
    void revisionsLogLinesAreLiteral() {
        assertThat(ReleaseCommands.appendRevisionLog("/d/revisions.log", "Branch \"x\" $(id) by o'brien").render())
                .isEqualTo("printf '%s\\n' Branch\\ \\\"x\\\"\\ \\$\\(id\\)\\ by\\ o\\'brien >> /d/revisions.log");
    }

    @Test
    void theLockIsAnAtomicMkdirReleasedOnlyByItsHolder() {
        assertThat(LockCommands.acquire("/d", "/d/.capstan-lock", "user=a token=t").render()).isEqualTo(
                "mkdir -p /d && if capstan_err=$(mkdir /d/.capstan-lock 2>&1); then printf '%s\\n' user\\=a\\ token\\=t > /d/.capstan-lock/info"
                        + " && echo acquired; elif [ -d /d/.capstan-lock ]; then echo held; cat /d/.capstan-lock/info 2>/dev/null; true;"
                        + " else echo \"$capstan_err\" >&2; exit 1; fi");
        assertThat(LockCommands.release("/d/.capstan-lock", "t").render())
                .isEqualTo("if grep -qF token\\=t /d/.capstan-lock/info 2>/dev/null; then rm -rf /d/.capstan-lock; fi");
    }

    @Test
    void checksAndRevisionsAreExactStrings() {
        assertThat(ReleaseCommands.mkdirs(List.of("/d/shared", "/d/my dir")).render()).isEqualTo("mkdir -p /d/shared /d/my\\ dir");
        assertThat(ReleaseCommands.missingFiles(List.of("/d/shared/.env", "/d/shared/a b")).render())
                .isEqualTo("for f in /d/shared/.env /d/shared/a\\ b; do [ -f \"$f\" ] || echo \"$f\"; done");
        assertThat(ReleaseCommands.previousRevision("/d/current").render()).isEqualTo("cat /d/current/REVISION 2>/dev/null || true");
        assertThat(ReleaseCommands.newestRelease("/d/releases").render())
                .isEqualTo("n=; for d in /d/releases/[0-9]*; do [ -d \"$d\" ] && n=$d; done; echo \"newest ${n##*/}\"");
        assertThat(ReleaseCommands.writeRevision("/d/releases/1", "abc", "1700000000").render())
                .isEqualTo("printf '%s\\n' abc > /d/releases/1/REVISION && printf '%s\\n' 1700000000 > /d/releases/1/REVISION_TIME");
        assertThat(ReleaseCommands.writeRevision("/d/releases/1", "abc", null).render()).isEqualTo("printf '%s\\n' abc > /d/releases/1/REVISION");
        assertThat(LockCommands.breakLock("/d/.capstan-lock").render()).isEqualTo("rm -rf /d/.capstan-lock");
    }

    @Test
    void theMirrorIsClonedOrUpdatedAndTheReleaseRecordsItsRevision() {
        assertThat(GitCommands.cloneOrUpdate("u", "/d/repo", null, "main").render()).isEqualTo(
                "if [ -f /d/repo/HEAD ]; then cd /d/repo && git remote set-url origin u && git remote update --prune; else git clone --mirror u /d/repo; fi");
        assertThat(GitCommands.cloneMirror("u", "/d/repo", 3).render()).isEqualTo("if [ -f /d/repo/HEAD ]; then echo The\\ repository\\ mirror\\ is\\ at\\ /d/repo;"
                + " else git clone --mirror --depth 3 --no-single-branch u /d/repo; fi");
        assertThat(GitCommands.readRevision("/d/repo", "main").render()).isEqualTo(
                "cd /d/repo && rev=$(git rev-list --max-count=1 main) && t=$(git --no-pager log -1 --pretty=format:%ct \"$rev\") && printf '%s\\n%s\\n' \"$rev\" \"$t\"");
        assertThat(GitCommands.revision("/d/repo", "main").render())
                .isEqualTo("cd /d/repo && git rev-list --max-count=1 main && git --no-pager log -1 --pretty=format:%ct main");
    }

    @Test
    void linkedDirsReplaceARealDirectoryWithAnAbsoluteLink() {
        assertThat(SymlinkCommands.linkDirs("/d/releases/1", "/d/shared", List.of("log", "public/system"), false).render()).isEqualTo(
                "set -e\nmkdir -p /d/releases/1 /d/releases/1/public"
                        + "\n[ -L /d/releases/1/log ] || { [ -d /d/releases/1/log ] && rm -rf /d/releases/1/log; ln -s /d/shared/log /d/releases/1/log; }"
                        + "\n[ -L /d/releases/1/public/system ] || { [ -d /d/releases/1/public/system ] && rm -rf /d/releases/1/public/system;"
                        + " ln -s /d/shared/public/system /d/releases/1/public/system; }");
        assertThat(SymlinkCommands.linkFiles("/d/releases/1", "/d/shared", List.of(), false).render()).isEqualTo("true");
    }
}
