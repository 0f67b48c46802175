package dev.capstan.output.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.capstan.remote.event.Event;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** notify 'email' against GreenMail, a real SMTP server on a loopback port, with authentication. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmailNotifierIT {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ci@example.com", "ci", "smtp-pass-789"));

    static final DeployFacts FACTS = new DeployFacts("shop", "production", "20261201203000", "abc1234", "ops", List.of("web1", "web2"));

    private Map<String, Object> options(String password) {
        return Map.of("smtp", Map.of("host", "127.0.0.1", "port", mail.getSmtp().getPort(), "user", "ci", "password", password),
                "from", "capstan@example.com", "to", List.of("ops@example.com", "dev@example.com"));
    }

    @Test
    void aFinishedDeploySendsOneMailToEveryRecipient() throws Exception {
        List<Event> warnings = Collections.synchronizedList(new ArrayList<>());
        NotifyListener l = new NotifyListener(List.of(new NotifyListener.Registered(
                Notifiers.create("email", options("smtp-pass-789"), "config/deploy.groovy:3"), Set.of("deploy:finished"), "config/deploy.groovy:3")),
                () -> FACTS, warnings::add);
        Instant t0 = Instant.now();
        l.on(new Event.RunStarted(t0, "capstan production deploy"));
        l.on(new Event.TaskFinished(t0.plusSeconds(42), "deploy:starting", Duration.ZERO, true));
        l.on(new Event.TaskFinished(t0.plusSeconds(42), "deploy:finished", Duration.ofSeconds(1), true));

        assertThat(mail.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2); // one delivery per recipient, same message
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("shop production: deploy:finished (success) release 20261201203000 at abc1234 by ops on 2 hosts in 42.0 s");
        assertThat(m.getFrom()[0].toString()).isEqualTo("capstan@example.com");
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("ops@example.com", "dev@example.com");
        assertThat(GreenMailUtil.getBody(m)).contains("result:   success", "hosts:    web1, web2", "duration: 42.0 s");
        assertThat(warnings).noneMatch(e -> e instanceof Event.LogMessage w && w.level() == dev.capstan.remote.Verbosity.WARN);
    }

    @Test
    void aRefusedLoginIsAWarningNotAFailure() throws Exception {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        NotifyListener l = new NotifyListener(List.of(new NotifyListener.Registered(
                Notifiers.create("email", options("wrong-password"), "config/deploy.groovy:3"), Set.of("deploy:failed"), "config/deploy.groovy:3")),
                () -> FACTS, e -> { if (e instanceof Event.LogMessage m) warnings.add(m.level() + " " + m.message()); });
        l.on(new Event.TaskFinished(Instant.now(), "deploy:failed", Duration.ZERO, true));
        assertThat(warnings).singleElement().asString().startsWith("WARN notify email (config/deploy.groovy:3) failed for deploy:failed: ")
                .endsWith("(the deploy is not affected)");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }
}
