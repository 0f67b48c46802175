package dev.capstan.output.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.Properties;

/**
 * {@code notify 'email', smtp: [host: ..., port: 587, user: ..., password: secret('smtp_password'), starttls: true],
 * from: ..., to: [...]}: one plain-text mail per notification, through Jakarta Mail.
 */
public final class EmailNotifier implements Notifier {
    /** Where and how to reach the SMTP server; {@code user} null sends without authentication. */
    public record Smtp(String host, int port, String user, String password, boolean starttls, boolean ssl) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", user=" + user + ", password=" + (password == null ? "none" : "[REDACTED]") + "]";
        }
    }

    private final Smtp smtp;
    private final String from;
    private final List<String> to;

    public EmailNotifier(Smtp smtp, String from, List<String> to) {
        this.smtp = smtp;
        this.from = from;
        this.to = List.copyOf(to);
    }

    @Override
    public String type() { return "email"; }

    @Override
    public void send(Notification n) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", String.valueOf(smtp.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.writetimeout", "10000");
        if (smtp.starttls()) p.put("mail.smtp.starttls.enable", "true");
        if (smtp.ssl()) p.put("mail.smtp.ssl.enable", "true");
        Authenticator auth = null;
        if (smtp.user() != null) {
            p.put("mail.smtp.auth", "true");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.user(), smtp.password());
                }
            };
        }
        MimeMessage m = new MimeMessage(Session.getInstance(p, auth));
        m.setFrom(new InternetAddress(from));
        for (String t : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
        m.setSubject(n.summary(), "UTF-8");
        m.setText(body(n), "UTF-8");
        Transport.send(m);
    }

    static String body(Notification n) {
        return n.summary() + "\n\n"
                + "event:    " + n.event() + "\n"
                + "result:   " + n.result() + "\n"
                + "stage:    " + n.stage() + "\n"
                + "release:  " + n.release() + "\n"
                + "revision: " + n.revision() + "\n"
                + "user:     " + n.user() + "\n"
                + "duration: " + n.seconds() + " s\n"
                + "hosts:    " + String.join(", ", n.hosts()) + "\n";
    }
}
