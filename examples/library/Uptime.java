// Capstan as a library, without the DSL or the CLI (like SSHKit without Capistrano):
// runs `uptime` on every host given on the command line, in parallel, over SSH.
//
//   mvn -q package -DskipTests
//   java -cp capstan-cli/target/capstan.jar examples/library/Uptime.java deploy@web1 deploy@web2 deploy@web3:2222
//
// Host keys are checked against ~/.ssh/known_hosts; keys come from ssh-agent or ~/.ssh/config.
import dev.capstan.remote.Coordinator;
import dev.capstan.remote.Host;
import dev.capstan.remote.RemoteSettings;
import dev.capstan.remote.RunMode;
import dev.capstan.remote.backend.ssh.SshBackend;
import dev.capstan.remote.backend.ssh.SshSettings;
import dev.capstan.remote.event.EventListener;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

public class Uptime {
    public static void main(String[] args) {
        List<Host> hosts = Arrays.stream(args).map(Host::parse).toList();
        try (SshBackend ssh = new SshBackend(SshSettings.fromOptions(Map.of()), EventListener.NONE);
             Coordinator coordinator = new Coordinator(host -> ssh, RemoteSettings.defaults(), EventListener.NONE)) {
            coordinator.on(hosts, RunMode.PARALLEL, remote ->
                    System.out.println(remote.host().label() + ": " + remote.capture("uptime")));
        }
    }
}
