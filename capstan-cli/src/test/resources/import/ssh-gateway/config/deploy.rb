set :application, "internal"
set :repo_url, "git@example.com:acme/internal.git"
set :ssh_options, {
  user: "deploy",
  forward_agent: true,
  auth_methods: %w[publickey],
  proxy_jump: "jump@127.0.0.160",
  global_known_hosts_file: "/etc/ssh/ssh_known_hosts",
}
