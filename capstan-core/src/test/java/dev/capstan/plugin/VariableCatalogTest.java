package dev.capstan.plugin;

import dev.capstan.config.Configuration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of declared variables: what the plugins declare, the docs generated from it, the check that reads it. */
class VariableCatalogTest {
    private static final Path DOC = Path.of("../docs/variables.md");
    private static final String START = "<!-- generated from VariableCatalog.all() -->\n";

    @Test
    void everyBuiltInPluginDeclaresItsVariables() {
        VariableCatalog all = VariableCatalog.all();
        assertThat(all.owners("keep_releases")).containsExactly("deploy");
        assertThat(all.owners("repo_url")).containsExactlyInAnyOrder("scm/git", "scm/svn", "scm/hg");
        assertThat(all.owners("format")).containsExactly("capstan");
        assertThat(all.byName().get("repo_url").variable().required()).isTrue();
        assertThat(all.entries()).allSatisfy(e -> assertThat(e.variable().doc()).isNotBlank());
    }

    @Test
    void theDocsAreTheCatalog() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String table = VariableTable.markdown(VariableCatalog.all());
        if (Boolean.getBoolean("golden.update")) {
            doc = doc.substring(0, doc.indexOf(START) + START.length()) + table;
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        assertThat(doc.substring(doc.indexOf(START) + START.length())).as("%s (-Dgolden.update=true rewrites it)", DOC).isEqualTo(table);
    }

    @Test
    void theCheckReadsTheSameDeclarations() {
        Configuration c = new Configuration();
        c.set("keep_releases", -1);
        c.set("git_wait_interval", "soon");
        c.set("keep_relases", 2);
        List<ConfigCheck.Problem> problems = ConfigCheck.check(c, List.of(Plugins.find("deploy").orElseThrow(), Plugins.find("scm/git").orElseThrow()), false);
        assertThat(problems).extracting(ConfigCheck.Problem::message).containsExactlyInAnyOrder(
                "variable 'keep_relases' is set but nothing declares it (did you mean 'keep_releases'?); a variable of your own tasks is declared with  variable 'keep_relases', 'what it is'",
                "variable 'keep_releases' must be at least 1, not -1",
                "variable 'git_wait_interval' must be a whole number, not 'soon'",
                "variable 'repo_url' is not set, and scm/git needs it: add  set 'repo_url', '...'  to config/deploy.groovy");
        assertThat(problems.stream().filter(ConfigCheck.Problem::error)).hasSize(3);
    }
}
