set :application, "mapper"
set :repo_url, "git@example.com:acme/mapper.git"

SSHKit.config.command_map[:rake] = "bundle exec rake"
SSHKit.config.command_map.prefix[:rails].push("bundle exec")
SSHKit.config.command_map.prefix[:sidekiqctl].unshift("RAILS_ENV=production")
set :ssh_options, { forward_agent: true, non_interactive: true, keepalive: true, keepalive_interval: 60 }
