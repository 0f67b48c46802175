server "127.0.0.51", user: "qa", port: 2222, roles: [:app, :web, :db]
set :ssh_options, {
  keys: %w(~/.ssh/qa_deploy),
  forward_agent: false,
  auth_methods: %w(publickey)
}
